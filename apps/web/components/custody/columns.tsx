/**
 * Cells and table columns the custody pages share (dashboards, receive, ship, dispense). Free of
 * hooks and of server-only imports: the dashboards render them on the server, the desks in the
 * browser. Status always as icon + word.
 */
import { formatUtc } from "@/lib/format";
import { displayText } from "@tracemed/codes/browser";
import type { DispenseRow, ShipmentRow } from "@tracemed/provenance/custody";
import { shipmentCodeLabel } from "@tracemed/codes/browser";
import { fmt } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import type { Column } from "@/components/table/DataTable";
import { StatusBadge } from "@/components/StatusBadge";

export function BatchCell({ m, b }: { m: Messages; b: ShipmentRow["batch"] }) {
  if (!b) return <span>—</span>;
  return (
    <>
      {displayText(b.productName ?? b.gtin)}
      <br />
      <small>
        {m.custody.common.lot} <strong>{b.lot}</strong> · {m.custody.common.expiry} {b.expiresAt.slice(0, 10)}
      </small>
    </>
  );
}

/** How a shipment is named to people: its SSCC, else its reference. */
export function shipmentCode(m: Messages, s: ShipmentRow): string {
  return s.sscc ?? fmt(m.custody.common.refNotSscc, { ref: shipmentCodeLabel(s.ref) });
}

/**
 * The columns of the shipment tables; each table picks its own. `batch` is product and lot over
 * lot and expiry, `batchLine` the same on one line (the desks, where the row has a button).
 */
export function shipmentColumns(m: Messages) {
  const c = m.custody.common;
  return {
    code: { head: c.code, cell: (s) => <code>{shipmentCode(m, s)}</code> },
    batch: { head: c.batch, cell: (s) => <BatchCell m={m} b={s.batch} /> },
    batchLine: {
      head: c.batch,
      cell: (s) => (
        <>
          {displayText(s.batch?.productName ?? s.batch?.gtin ?? "")} · {c.lot} {s.batch?.lot}
        </>
      ),
    },
    from: { head: c.from, cell: (s) => displayText(s.fromName ?? s.from) },
    to: { head: c.to, cell: (s) => displayText(s.toName ?? s.to) },
    quantity: {
      head: c.quantity,
      num: true,
      cell: (s) => (
        <>
          {s.quantity}
          {s.shortfall ? <small> (−{s.shortfall})</small> : null}
        </>
      ),
    },
    status: { head: c.status, cell: (s) => <StatusBadge m={m} status={s.status} /> },
    shipped: { head: c.shipped, cell: (s) => formatUtc(s.shippedAt) },
  } satisfies Record<string, Column<ShipmentRow>>;
}

/** The columns of the dispense tables (the pharmacy's recent dispenses, the undo list). */
export function dispenseColumns(m: Messages) {
  const c = m.custody.common;
  return {
    when: { head: c.when, cell: (p) => formatUtc(p.dispensedAt) },
    product: { head: c.product, cell: (p) => displayText(p.productName ?? p.gtin) },
    lot: { head: c.lot, cell: (p) => p.lot },
    serial: { head: m.custody.dispense.serial, cell: (p) => <code>{p.serial}</code> },
  } satisfies Record<string, Column<DispenseRow>>;
}

/** The key of a dispensed pack: its batch and its leaf in the batch's pack tree. */
export const dispenseKey = (p: DispenseRow) => `${p.batchId}:${p.leafIndex}`;
