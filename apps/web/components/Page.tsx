import type { ReactNode } from "react";

/** A page: the way back where there is one, its title, what it is for, then its content. */
export function Page({
  title,
  lede,
  back,
  className,
  children,
}: {
  title: ReactNode;
  lede?: ReactNode;
  back?: { href: string; text: string };
  className?: string;
  children?: ReactNode;
}) {
  return (
    <main className={className}>
      {back ? (
        <p>
          <a href={back.href}>← {back.text}</a>
        </p>
      ) : null}
      <h1>{title}</h1>
      {lede ? <p className="lede">{lede}</p> : null}
      {children}
    </main>
  );
}
