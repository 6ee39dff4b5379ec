import { ChevronLeft } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/lib/cn";

/**
 * A page: the way back where there is one, its title, what it is for, the page's own actions beside the title (a
 * button, a link), then its content.
 */
export function Page({
  title,
  lede,
  back,
  actions,
  className,
  children,
}: {
  title: ReactNode;
  lede?: ReactNode;
  back?: { href: string; text: string };
  actions?: ReactNode;
  className?: string;
  children?: ReactNode;
}) {
  return (
    <main className={cn("mx-auto w-full max-w-6xl px-4 pt-5 pb-16 sm:px-6 sm:pt-8", className)}>
      {back ? (
        <p className="mb-3">
          <a
            href={back.href}
            className="inline-flex min-h-8 items-center gap-1 text-sm text-brand underline-offset-4 hover:underline"
          >
            <ChevronLeft aria-hidden="true" className="size-4" />
            {back.text}
          </a>
        </p>
      ) : null}
      <div className="mb-6 flex flex-wrap items-end justify-between gap-x-6 gap-y-3">
        <div className="min-w-0">
          <h1 className="m-0 text-2xl font-bold tracking-tight text-ink sm:text-3xl">{title}</h1>
          {lede ? <p className="mt-1.5 mb-0 max-w-3xl text-base text-muted">{lede}</p> : null}
        </div>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
      {children}
    </main>
  );
}
