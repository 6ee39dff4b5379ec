import type { ReactNode } from "react";

/** What a field gives its control: the id its label points at, and how its message is tied to it. */
export interface FieldControl {
  id: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

/**
 * A labelled form control with its message underneath: the problem when there is one (announced
 * at once, or politely for a field checked as it is typed), else the hint; nothing when neither is
 * given. `children` renders the control with the attributes it is handed.
 */
export function Field({
  id,
  label,
  problem,
  hint,
  polite = false,
  children,
}: {
  id: string;
  label: ReactNode;
  problem?: string | null;
  hint?: ReactNode;
  polite?: boolean;
  children: (control: FieldControl) => ReactNode;
}) {
  const message = problem || hint !== undefined ? `${id}-msg` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, "aria-invalid": problem ? true : undefined, "aria-describedby": message })}
      {message ? (
        <span
          id={message}
          className={problem ? "error" : "hint"}
          role={problem && !polite ? "alert" : undefined}
          aria-live={polite ? "polite" : undefined}
        >
          {problem || hint}
        </span>
      ) : null}
    </div>
  );
}
