/**
 * A batch's custody history as CSV (RFC 4180: CRLF line ends, quoted where needed), for the
 * spreadsheets quality managers and inspectors keep. One row per ledger event in chain order (each
 * dispense and each undo of one too, naming its packs), then one row per holder with what it holds,
 * dispensed and wrote off: every pack registered is accounted for by the rows.
 *
 * Organisation names and reasons are typed by people: a cell that a spreadsheet would read as a
 * formula (starting with = + - @ or a tab, or their full-width forms) is prefixed with an apostrophe,
 * so it stays text; invisible and bidi-reordering characters are written as `[U+XXXX]` (displayText),
 * so the sheet shows what was typed.
 */
import { displayText } from "@tracemed/codes/browser";
import type { BatchProvenance, DispenseEvent, Party } from "./provenance";

export const PROVENANCE_CSV_COLUMNS = [
  "event",
  "time_utc",
  "from_name",
  "from_gln",
  "from_account",
  "to_name",
  "to_gln",
  "to_account",
  "quantity",
  "received",
  "shortfall",
  "status",
  "reason",
  "shipment_id",
  "reference",
  "tx_hash",
  "block",
  "signed_by",
  "held",
  "in_transit_out",
  "dispensed",
  "written_off",
  "pack_indices",
  "serials",
] as const;

type Column = (typeof PROVENANCE_CSV_COLUMNS)[number];
type Row = Partial<Record<Column, string | number | null>>;

/** One CSV cell: hidden characters shown, formulas made inert, quoted when it holds a comma, quote or line break. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? displayText(value) : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const party = (prefix: "from" | "to", p: Party): Row => ({
  [`${prefix}_name`]: p.name ?? "",
  [`${prefix}_gln`]: p.gln ?? "",
  [`${prefix}_account`]: p.account,
});

interface Timed {
  row: Row;
  block: number;
  order: number;
}

/** The CSV text of a batch's provenance. */
export function provenanceCsv(p: BatchProvenance & { dispenses: DispenseEvent[] }): string {
  const events: Timed[] = [];
  let order = 0;
  const push = (row: Row, block: number) => events.push({ row, block, order: order++ });
  const b = p.batch;
  push(
    {
      event: "commissioning",
      time_utc: b.registered.at,
      ...party("to", b.manufacturer),
      quantity: b.packCount,
      status: "active",
      tx_hash: b.registered.txHash,
      block: b.registered.blockNumber,
      signed_by: b.registered.signedBy,
    },
    b.registered.blockNumber,
  );
  for (const h of p.hops) {
    push(
      {
        event: "shipping",
        time_utc: h.shipped.at,
        ...party("from", h.from),
        ...party("to", h.to),
        quantity: h.quantity,
        status: "in_transit",
        shipment_id: h.shipmentId,
        reference: h.ref,
        tx_hash: h.shipped.txHash,
        block: h.shipped.blockNumber,
        signed_by: h.shipped.signedBy,
      },
      h.shipped.blockNumber,
    );
    if (h.closed) {
      push(
        {
          // A refusal is a receiving step whose packs go back to the sender (its status says "refused").
          event: h.status === "voided" ? "void_shipping" : "receiving",
          time_utc: h.closed.at,
          ...party("from", h.from),
          ...party("to", h.to),
          quantity: h.quantity,
          received: h.received,
          shortfall: h.shortfall,
          status: h.status,
          shipment_id: h.shipmentId,
          reference: h.ref,
          tx_hash: h.closed.txHash,
          block: h.closed.blockNumber,
          signed_by: h.closed.signedBy,
        },
        h.closed.blockNumber,
      );
    }
  }
  for (const s of p.statusEvents) {
    push(
      {
        event: s.kind,
        time_utc: s.at,
        ...party("from", s.by),
        status: s.kind === "released" ? "active" : s.kind,
        reason: s.reason,
        tx_hash: s.txHash,
        block: s.blockNumber,
        signed_by: s.signedBy,
      },
      s.blockNumber,
    );
  }
  for (const w of p.writeOffs) {
    push(
      {
        event: "destroying",
        time_utc: w.at,
        ...party("from", w.party),
        quantity: w.quantity,
        reason: w.reason,
        tx_hash: w.txHash,
        block: w.blockNumber,
        signed_by: w.signedBy,
      },
      w.blockNumber,
    );
  }
  for (const d of p.dispenses) {
    const dispensed = d.kind === "dispensed";
    push(
      {
        event: dispensed ? "dispensing" : "dispense_undone",
        time_utc: d.at,
        ...party("from", d.by),
        quantity: d.packs.length,
        status: dispensed ? "dispensed" : "active",
        pack_indices: d.packs.map((x) => x.index).join(" "),
        // Serials are GS1 CSET 82 (no spaces); a pack without a record in the database shows as "".
        serials: d.packs.map((x) => x.serial ?? "").join(" "),
        tx_hash: d.txHash,
        block: d.blockNumber,
        signed_by: d.signedBy,
      },
      d.blockNumber,
    );
  }
  // Stable by block, keeping each block's own order (hops are already in chain order).
  events.sort((a, b) => a.block - b.block || a.order - b.order);
  const rows: Row[] = events.map((e) => e.row);
  for (const h of p.holdings) {
    rows.push({
      event: "holding",
      ...party("to", h.party),
      held: h.held,
      in_transit_out: h.inTransitOut,
      dispensed: h.dispensed,
      written_off: h.writtenOff,
    });
  }
  const lines = [PROVENANCE_CSV_COLUMNS.join(",")];
  for (const r of rows) lines.push(PROVENANCE_CSV_COLUMNS.map((c) => csvCell(r[c])).join(","));
  return lines.join("\r\n") + "\r\n";
}
