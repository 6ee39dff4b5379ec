/** @jsxRuntime automatic */
import { ChevronDown } from "lucide-react";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";
import { controlClass } from "./input";

/**
 * A choice from a list: the browser's own <select> in the kit's frame. Native on purpose: a phone shows its own
 * picker, forms post it without script, and tests choose an option by its value.
 */
export function Select({ className, children, ...props }: ComponentProps<"select">) {
  return (
    <div className={cn("relative w-full min-w-0", className)} data-slot="select-wrapper">
      <select
        data-slot="select"
        className={cn(controlClass, "h-10 cursor-pointer appearance-none truncate py-1 pr-9")}
        {...props}
      >
        {children}
      </select>
      <ChevronDown
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-muted"
      />
    </div>
  );
}
