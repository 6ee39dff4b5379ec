/** @jsxRuntime automatic */
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

/** Where content is on its way: a calm grey block of its size (motion only for those who have not asked for less). */
export function Skeleton({ className, ...props }: ComponentProps<"div">) {
  return (
    <div
      data-slot="skeleton"
      aria-hidden="true"
      className={cn("rounded-control bg-sunken motion-safe:animate-pulse", className)}
      {...props}
    />
  );
}
