/**
 * Cells and table columns the custody pages share (dashboards, receive, ship, dispense). Free of
 * hooks and of server-only imports: the dashboards render them on the server, the desks in the
 * browser. Status always as icon + word.
 */
import { shortHex } from "@/lib/format";
import type { Dates } from "@/lib/dates";
import { displayText } from "@tracemed/codes/browser";
import type { DispenseRow, ShipmentRow } from "@tracemed/provenance/custody";
import { shipmentCodeLabel } from "@tracemed/codes/browser";
import { fmt } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import type { Column } from "@/components/table/DataTable";
import { StatusBadge } from "@/components/StatusBadge";

export function BatchCell({ m, d, b }: { m: Messages; d: Dates; b: ShipmentRow["batch"] }) {
  if (!b) return <span>—</span>;
  return (
    <>
      {displayText(b.productName ?? b.gtin)}
      <br />
      <small>
        {m.custody.common.lot} <strong>{b.lot}</strong> · {m.custody.common.expiry} {d.day(b.expiresAt)}
      </small>
    </>
  );
}

/**
 * Who signed a ledger row: the member's account (shortened, in full on hover) and its organisation's name;
 * "—" for a row of a ledger that did not record the signer.
 */
export function SignedBy({ m, account, org }: { m: Messages; account: string | null; org: string | null }) {
  if (!account) return <span>—</span>;
  const member = <code title={account}>{shortHex(account, 4)}</code>;
  if (!org) return member;
  const [before, after] = m.org.signedBy.split("{member}") as [string, string?];
  return (
    <span data-signer={account}>
      {fmt(before, { org })}
      {member}
      {fmt(after ?? "", { org })}
    </span>
  );
}

/** The last signer of a shipment: who closed it (the recipient's member, or the sender's for a cancellation), else who shipped it. */
function ShipmentSigner({ m, s }: { m: Messages; s: ShipmentRow }) {
  if (s.closedBy) {
    const sender = s.status === "voided";
    return <SignedBy m={m} account={s.closedBy} org={sender ? (s.fromName ?? s.from) : (s.toName ?? s.to)} />;
  }
  return <SignedBy m={m} account={s.shippedBy} org={s.fromName ?? s.from} />;
}

/** How a shipment is named to people: its SSCC, else its reference. */
export function shipmentCode(m: Messages, s: ShipmentRow): string {
  return s.sscc ?? fmt(m.custody.common.refNotSscc, { ref: shipmentCodeLabel(s.ref) });
}

/**
 * The columns of the shipment tables; each table picks its own. `batch` is product and lot over
 * lot and expiry, `batchLine` the same on one line (the desks, where the row has a button).
 */
export function shipmentColumns(m: Messages, d: Dates) {
  const c = m.custody.common;
  const product = (s: ShipmentRow) => `${s.batch?.productName ?? s.batch?.gtin ?? ""} ${s.batch?.lot ?? ""}`;
  return {
    code: { head: c.code, cell: (s) => <code>{shipmentCode(m, s)}</code>, sortValue: (s) => shipmentCode(m, s) },
    batch: { head: c.batch, cell: (s) => <BatchCell m={m} d={d} b={s.batch} />, sortValue: product },
    batchLine: {
      head: c.batch,
      sortValue: product,
      cell: (s) => (
        <>
          {displayText(s.batch?.productName ?? s.batch?.gtin ?? "")} · {c.lot} {s.batch?.lot}
        </>
      ),
    },
    from: { head: c.from, cell: (s) => displayText(s.fromName ?? s.from), sortValue: (s) => s.fromName ?? s.from },
    to: { head: c.to, cell: (s) => displayText(s.toName ?? s.to), sortValue: (s) => s.toName ?? s.to },
    quantity: {
      head: c.quantity,
      num: true,
      sortValue: (s) => s.quantity,
      cell: (s) => (
        <>
          {s.quantity}
          {s.shortfall ? <small> (−{s.shortfall})</small> : null}
        </>
      ),
    },
    status: {
      head: c.status,
      cell: (s) => <StatusBadge m={m} status={s.status} />,
      sortValue: (s) => (m.common.status as Record<string, string>)[s.status] ?? s.status,
    },
    shipped: { head: c.shipped, cell: (s) => d.at(s.shippedAt), sortValue: (s) => s.shippedAt },
    signer: { head: m.org.signer, cell: (s) => <ShipmentSigner m={m} s={s} /> },
  } satisfies Record<string, Column<ShipmentRow>>;
}

/** The columns of the dispense tables (the pharmacy's recent dispenses, the undo list). */
export function dispenseColumns(m: Messages, d: Dates) {
  const c = m.custody.common;
  return {
    when: { head: c.when, cell: (p) => d.at(p.dispensedAt), sortValue: (p) => p.dispensedAt },
    product: {
      head: c.product,
      cell: (p) => displayText(p.productName ?? p.gtin),
      sortValue: (p) => p.productName ?? p.gtin,
    },
    lot: { head: c.lot, cell: (p) => p.lot, sortValue: (p) => p.lot },
    serial: { head: m.custody.dispense.serial, cell: (p) => <code>{p.serial}</code>, sortValue: (p) => p.serial },
  } satisfies Record<string, Column<DispenseRow>>;
}

/** The column naming the pharmacy's member who dispensed (`pharmacy`: its name). */
export function dispenseSigner(m: Messages, pharmacy: string): Column<DispenseRow> {
  return { head: m.org.signer, cell: (p) => <SignedBy m={m} account={p.signedBy} org={pharmacy} /> };
}

/** The key of a dispensed pack: its batch and its leaf in the batch's pack tree. */
export const dispenseKey = (p: DispenseRow) => `${p.batchId}:${p.leafIndex}`;
