import { Badge } from "@/components/ui/badge";
import type { Messages } from "@/lib/i18n/messages";

type Status = keyof Messages["common"]["status"];
type Tone = "ok" | "warn" | "bad";

/**
 * Every status a staff page shows, with its icon and colour: batches (the ledger's status, or
 * expired), shipments, and manufacturers' registration jobs. No colour for a shipment's progress;
 * a batch that may not be sold is red, one on hold amber.
 */
const LOOK: Record<Status, { icon: string; tone?: Tone }> = {
  active: { icon: "✓", tone: "ok" },
  quarantined: { icon: "⏸", tone: "warn" },
  recalled: { icon: "✕", tone: "bad" },
  expired: { icon: "⌛", tone: "bad" },
  unconfirmed: { icon: "?", tone: "warn" },
  in_transit: { icon: "➜" },
  received: { icon: "✓" },
  voided: { icon: "✕" },
  refused: { icon: "↩" },
  cancel_requested: { icon: "↺", tone: "warn" },
  generating: { icon: "⏳", tone: "warn" },
  ready_to_sign: { icon: "✎", tone: "warn" },
  submitted: { icon: "⏳", tone: "warn" },
  registered: { icon: "✓", tone: "ok" },
  failed: { icon: "✕", tone: "bad" },
};

const isStatus = (s: string): s is Status => Object.hasOwn(LOOK, s);

/** A status as an icon and a word (never colour alone), the same on every staff page. */
export function StatusBadge({ status, m }: { status: string; m: Messages }) {
  const look = isStatus(status) ? LOOK[status] : { icon: "•" };
  return (
    <Badge tone={look.tone ?? "neutral"} data-status={status}>
      <span aria-hidden="true">{look.icon}</span> {isStatus(status) ? m.common.status[status] : status}
    </Badge>
  );
}
