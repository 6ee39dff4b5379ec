/** @jsxRuntime automatic */
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

/** A tick box: the browser's own (a form posts it, a label toggles it), sized for a finger and in brand colour. */
export function Checkbox({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  return (
    <input
      type="checkbox"
      data-slot="checkbox"
      className={cn(
        "size-5 shrink-0 cursor-pointer rounded border-line-strong accent-brand outline-none focus-visible:ring-3 focus-visible:ring-ring focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-55",
        className,
      )}
      {...props}
    />
  );
}
