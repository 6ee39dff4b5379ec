import type { BatchState } from "@tracemed/provenance/manufacturer/overview";
import type { RegistrationStatus } from "@tracemed/registration/registration";
import type { Messages } from "@/lib/i18n/messages";

const BATCH_ICON: Record<BatchState, string> = { active: "✓", quarantined: "⏸", recalled: "✕", expired: "⌛" };
const JOB_ICON: Record<RegistrationStatus, string> = {
  generating: "⏳",
  ready_to_sign: "✎",
  submitted: "⏳",
  registered: "✓",
  failed: "✕",
};

/** A batch's status as an icon and a word (never colour alone). */
export function BatchStatus({ status, m }: { status: BatchState; m: Messages }) {
  return (
    <span className={`status status-${status === "expired" ? "quarantined" : status}`} data-status={status}>
      <span aria-hidden="true">{BATCH_ICON[status]}</span> {m.manufacturer.batchStatus[status]}
    </span>
  );
}

/** A registration's status as an icon and a word. */
export function JobStatus({ status, m }: { status: RegistrationStatus; m: Messages }) {
  const tone = status === "failed" ? "recalled" : status === "registered" ? "active" : "quarantined";
  return (
    <span className={`status status-${tone}`} data-status={status}>
      <span aria-hidden="true">{JOB_ICON[status]}</span> {m.manufacturer.jobStatus[status]}
    </span>
  );
}
