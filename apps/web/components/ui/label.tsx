"use client";
/** @jsxRuntime automatic */
import * as LabelPrimitive from "@radix-ui/react-label";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

/** A control's name, above it (Radix Label: a click on it focuses the control). */
export function Label({ className, ...props }: ComponentProps<typeof LabelPrimitive.Root>) {
  return (
    <LabelPrimitive.Root
      data-slot="label"
      className={cn("text-sm leading-snug font-medium text-ink select-none", className)}
      {...props}
    />
  );
}
