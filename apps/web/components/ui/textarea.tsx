/** @jsxRuntime automatic */
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";
import { controlClass } from "./input";

/** A multi-line text field, framed like Input. */
export function Textarea({ className, ...props }: ComponentProps<"textarea">) {
  return <textarea data-slot="textarea" className={cn(controlClass, "min-h-20 py-2", className)} {...props} />;
}
