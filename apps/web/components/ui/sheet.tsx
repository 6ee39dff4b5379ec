"use client";
/** @jsxRuntime automatic */
import * as DialogPrimitive from "@radix-ui/react-dialog";
import type { ComponentProps } from "react";
import { cn } from "@/lib/cn";
import { CornerClose, DialogOverlay } from "./dialog";

/** A panel that slides over the page from one side: the phone's navigation and account (a Radix Dialog). */
export const Sheet = DialogPrimitive.Root;
export const SheetTrigger = DialogPrimitive.Trigger;
export const SheetClose = DialogPrimitive.Close;

const sides = {
  left: "inset-y-0 left-0 h-full w-[min(20rem,85vw)] border-r",
  right: "inset-y-0 right-0 h-full w-[min(20rem,85vw)] border-l",
  bottom: "inset-x-0 bottom-0 max-h-[85dvh] rounded-t-card border-t",
} as const;

export function SheetContent({
  className,
  children,
  side = "right",
  closeLabel,
  ...props
}: ComponentProps<typeof DialogPrimitive.Content> & { side?: keyof typeof sides; closeLabel: string }) {
  return (
    <DialogPrimitive.Portal>
      <DialogOverlay />
      <DialogPrimitive.Content
        data-slot="sheet-content"
        className={cn(
          "fixed z-50 flex flex-col gap-4 overflow-y-auto border-line bg-surface p-5 shadow-xl outline-none",
          sides[side],
          className,
        )}
        {...props}
      >
        {children}
        <CornerClose label={closeLabel} />
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export function SheetTitle({ className, ...props }: ComponentProps<typeof DialogPrimitive.Title>) {
  return <DialogPrimitive.Title className={cn("m-0 pr-10 text-lg font-semibold", className)} {...props} />;
}

export function SheetDescription({ className, ...props }: ComponentProps<typeof DialogPrimitive.Description>) {
  return <DialogPrimitive.Description className={cn("m-0 text-sm text-muted", className)} {...props} />;
}
