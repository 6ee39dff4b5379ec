import type { ReactNode } from "react";
import { controlClass } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { cn } from "@/lib/cn";

/** What a field gives its control: the id its label points at, how its message is tied to it, its look. */
export interface FieldControl {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
  className: string;
}

/** The look of a field's message: a problem, a value found valid, or a hint. */
export type FieldTone = "bad" | "ok" | "hint";

export const FIELD_TONE: Record<FieldTone, string> = {
  bad: "font-medium text-bad",
  ok: "text-ok",
  hint: "text-muted",
};

/**
 * A labelled form control with its message underneath: the problem when there is one (announced
 * at once, or politely for a field checked as it is typed), else the hint; nothing when neither is
 * given. `children` renders the control with the attributes it is handed. `tone` says how the hint
 * reads (a tick for a value found valid as typed).
 */
export function Field({
  id,
  label,
  problem,
  hint,
  tone = "hint",
  polite = false,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  problem?: string | null;
  hint?: ReactNode;
  tone?: FieldTone;
  polite?: boolean;
  className?: string;
  children: (control: FieldControl) => ReactNode;
}) {
  const message = problem || hint !== undefined ? `${id}-msg` : undefined;
  return (
    <div className={cn("flex max-w-xl flex-col gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children({
        id,
        "aria-invalid": problem ? true : undefined,
        "aria-describedby": message,
        className: cn(controlClass, "min-h-tap py-2"),
      })}
      {message ? (
        <span
          id={message}
          className={cn("text-sm", FIELD_TONE[problem ? "bad" : tone])}
          role={problem && !polite ? "alert" : undefined}
          aria-live={polite ? "polite" : undefined}
        >
          {problem || hint}
        </span>
      ) : null}
    </div>
  );
}
