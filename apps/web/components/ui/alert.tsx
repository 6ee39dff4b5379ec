/** @jsxRuntime automatic */
import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export const alertVariants = cva(
  "relative grid w-full grid-cols-[0_1fr] items-start gap-y-0.5 rounded-control border px-4 py-3 text-sm has-[>svg]:grid-cols-[1.25rem_1fr] has-[>svg]:gap-x-3 [&>svg]:size-5 [&>svg]:translate-y-px [&>svg]:text-current",
  {
    variants: {
      tone: {
        info: "border-brand/30 bg-brand-soft text-ink [&>svg]:text-brand",
        ok: "border-ok/40 bg-ok-soft text-ink [&>svg]:text-ok",
        warn: "border-warn/40 bg-warn-soft text-ink [&>svg]:text-warn",
        bad: "border-bad/40 bg-bad-soft text-ink [&>svg]:text-bad",
      },
    },
    defaultVariants: { tone: "info" },
  },
);

/**
 * A sentence the reader must not miss: what went wrong, what is needed, what just happened. The role is the
 * caller's (`role="alert"` for something that just went wrong, `role="status"` for news); an icon goes first.
 */
export function Alert({ className, tone, ...props }: ComponentProps<"div"> & VariantProps<typeof alertVariants>) {
  return <div data-slot="alert" className={cn(alertVariants({ tone }), className)} {...props} />;
}

export function AlertTitle({ className, ...props }: ComponentProps<"p">) {
  return <p data-slot="alert-title" className={cn("col-start-2 m-0 font-semibold", className)} {...props} />;
}

export function AlertDescription({ className, ...props }: ComponentProps<"div">) {
  return <div data-slot="alert-description" className={cn("col-start-2 text-ink [&_p]:m-0", className)} {...props} />;
}
