import type { Messages } from "@/lib/i18n/messages";

type Status = keyof Messages["common"]["status"];

/**
 * Every status a staff page shows, with its icon and colour: batches (the ledger's status, or
 * expired), shipments, and manufacturers' registration jobs. No colour for a shipment's progress;
 * a batch that may not be sold is red, one on hold amber.
 */
const LOOK: Record<Status, { icon: string; tone?: "active" | "quarantined" | "recalled" }> = {
  active: { icon: "✓", tone: "active" },
  quarantined: { icon: "⏸", tone: "quarantined" },
  recalled: { icon: "✕", tone: "recalled" },
  expired: { icon: "⌛", tone: "recalled" },
  unconfirmed: { icon: "?", tone: "quarantined" },
  in_transit: { icon: "➜" },
  received: { icon: "✓" },
  voided: { icon: "✕" },
  refused: { icon: "↩" },
  cancel_requested: { icon: "↺", tone: "quarantined" },
  generating: { icon: "⏳", tone: "quarantined" },
  ready_to_sign: { icon: "✎", tone: "quarantined" },
  submitted: { icon: "⏳", tone: "quarantined" },
  registered: { icon: "✓", tone: "active" },
  failed: { icon: "✕", tone: "recalled" },
};

const isStatus = (s: string): s is Status => Object.hasOwn(LOOK, s);

/** A status as an icon and a word (never colour alone), the same on every staff page. */
export function StatusBadge({ status, m }: { status: string; m: Messages }) {
  const look = isStatus(status) ? LOOK[status] : { icon: "•" };
  return (
    <span className={look.tone ? `status status-${look.tone}` : "status"} data-status={status}>
      <span aria-hidden="true">{look.icon}</span> {isStatus(status) ? m.common.status[status] : status}
    </span>
  );
}
