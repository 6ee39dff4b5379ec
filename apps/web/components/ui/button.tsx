/** @jsxRuntime automatic */
import { Slot } from "@radix-ui/react-slot";
import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";

export const buttonVariants = cva(
  "inline-flex shrink-0 cursor-pointer items-center justify-center gap-2 rounded-control text-sm font-medium whitespace-nowrap transition-colors outline-none focus-visible:ring-3 focus-visible:ring-ring focus-visible:ring-offset-2 disabled:pointer-events-none disabled:opacity-55 [&_svg]:pointer-events-none [&_svg]:size-4 [&_svg]:shrink-0",
  {
    variants: {
      variant: {
        primary: "bg-brand text-white hover:bg-brand-hover",
        secondary: "border border-line-strong bg-surface text-ink hover:bg-sunken",
        danger: "bg-bad text-white hover:opacity-90",
        ghost: "text-ink hover:bg-sunken",
        link: "h-auto px-0 text-brand underline underline-offset-4 hover:text-brand-hover",
      },
      size: {
        sm: "h-8 px-3",
        md: "h-10 px-4",
        /** a finger's target: the phone-first desks' main actions */
        lg: "h-tap px-5 text-base",
        icon: "size-10",
      },
    },
    compoundVariants: [{ variant: "link", class: "h-auto px-0" }],
    defaultVariants: { variant: "primary", size: "md" },
  },
);

/** A button (or, with `asChild`, a link that looks like one). */
export function Button({
  className,
  variant,
  size,
  asChild = false,
  type,
  ...props
}: ComponentProps<"button"> & VariantProps<typeof buttonVariants> & { asChild?: boolean }) {
  const Comp = asChild ? Slot : "button";
  return (
    <Comp
      data-slot="button"
      className={cn(buttonVariants({ variant, size }), className)}
      // A plain <button> inside a form submits it; say so on the ones that should.
      {...(asChild ? {} : { type: type ?? "button" })}
      {...props}
    />
  );
}
