import { Badge } from "@/components/ui/badge";
import type { Messages } from "@/lib/i18n/messages";

type Status = keyof Messages["common"]["status"];
type Tone = "ok" | "warn" | "bad";

/**
 * Every status a staff page shows, with its icon and colour: batches (the ledger's status, or
 * expired), shipments, and manufacturers' registration jobs. No colour for a shipment's progress;
 * a batch that may not be sold is red, one on hold amber. Each is [icon, tone].
 */
const LOOK: Record<Status, readonly [icon: string, tone?: Tone]> = {
  active: ["✓", "ok"],
  quarantined: ["⏸", "warn"],
  recalled: ["✕", "bad"],
  expired: ["⌛", "bad"],
  unconfirmed: ["?", "warn"],
  in_transit: ["➜"],
  received: ["✓"],
  voided: ["✕"],
  refused: ["↩"],
  cancel_requested: ["↺", "warn"],
  generating: ["⏳", "warn"],
  ready_to_sign: ["✎", "warn"],
  submitted: ["⏳", "warn"],
  registered: ["✓", "ok"],
  failed: ["✕", "bad"],
};

const isStatus = (s: string): s is Status => Object.hasOwn(LOOK, s);

/** A status as an icon and a word (never colour alone), the same on every staff page. */
export function StatusBadge({ status, m }: { status: string; m: Messages }) {
  const [icon, tone] = isStatus(status) ? LOOK[status] : ["•"];
  return (
    <Badge tone={tone ?? "neutral"} data-status={status}>
      <span aria-hidden="true">{icon}</span> {isStatus(status) ? m.common.status[status] : status}
    </Badge>
  );
}
