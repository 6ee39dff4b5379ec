/** @jsxRuntime automatic */
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

/** The frame every text control shares: input, select and textarea look alike and show an invalid value alike. */
export const controlClass =
  "w-full min-w-0 rounded-control border border-line-strong bg-surface px-3 text-base text-ink outline-none placeholder:text-muted focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/40 disabled:cursor-not-allowed disabled:bg-sunken aria-invalid:border-bad aria-invalid:ring-bad/25 sm:text-sm";

/** A text field. Its label is a <Label htmlFor>; `aria-invalid` turns it red. */
export function Input({ className, type = "text", ...props }: ComponentProps<"input">) {
  return <input data-slot="input" type={type} className={cn(controlClass, "h-10 py-1", className)} {...props} />;
}
