/**
 * Tables of the custody dashboards (distributor, pharmacy): stock, shipments, dispenses, recent
 * events. Server components; status always as icon + word.
 */
import { displayText } from "@tracemed/codes/browser";
import { Table } from "@/components/Table";
import { BatchCell, dispenseColumns, dispenseKey, shipmentColumns, StatusBadge } from "@/components/custody/columns";
import type { DispenseRow, EventRow, HoldingRow, ShipmentRow } from "@tracemed/provenance/custody";
import { getI18n } from "@/lib/i18n/server";

export async function HoldingsTable({ rows, showDispensed = false }: { rows: HoldingRow[]; showDispensed?: boolean }) {
  const { m } = await getI18n();
  const c = m.custody.common;
  return (
    <Table
      testid="holdings-table"
      rows={rows}
      rowKey={(r) => r.batchId}
      rowData={(r) => ({ "data-lot": r.lot })}
      empty={<p>{c.none}</p>}
      columns={[
        { head: c.batch, cell: (r) => <BatchCell m={m} b={r} /> },
        { head: c.gtin, cell: (r) => <code>{r.gtin}</code> },
        {
          head: c.status,
          cell: (r) => <StatusBadge m={m} status={r.expired && r.status === "active" ? "expired" : r.status} />,
        },
        { head: c.held, num: true, cell: (r) => r.held },
        ...(showDispensed ? [{ head: c.dispensed, num: true, cell: (r: HoldingRow) => r.dispensed }] : []),
        { head: c.writtenOff, num: true, cell: (r) => r.writtenOff },
      ]}
    />
  );
}

export async function ShipmentsTable({ rows, testId }: { rows: ShipmentRow[]; testId: string }) {
  const { m, locale } = await getI18n();
  const col = shipmentColumns(m, locale);
  return (
    <Table
      testid={testId}
      rows={rows}
      rowKey={(s) => s.id}
      rowData={(s) => ({ "data-shipment": s.id })}
      empty={<p>{m.custody.common.none}</p>}
      columns={[col.code, col.batch, col.from, col.to, col.quantity, col.status, col.shipped]}
    />
  );
}

export async function DispensesTable({ rows }: { rows: DispenseRow[] }) {
  const { m, locale } = await getI18n();
  const col = dispenseColumns(m, locale);
  return (
    <Table
      testid="dispenses-table"
      rows={rows}
      rowKey={dispenseKey}
      empty={<p>{m.custody.common.none}</p>}
      columns={[col.when, col.product, col.lot, col.serial]}
    />
  );
}

export async function EventsTable({ rows }: { rows: EventRow[] }) {
  const { m, locale } = await getI18n();
  const c = m.custody.common;
  return (
    <Table
      testid="events-table"
      rows={rows}
      rowKey={(e) => e.id}
      empty={<p>{c.none}</p>}
      columns={[
        { head: c.when, cell: (e) => new Date(e.occurredAt).toLocaleString(locale) },
        { head: c.event, cell: (e) => (m.custody.events as Record<string, string>)[e.eventName] ?? e.eventName },
        {
          head: c.batch,
          cell: (e) => (e.batch ? `${e.batch.productName ?? e.batch.gtin} · ${displayText(e.batch.lot)}` : "—"),
        },
        { head: c.quantity, num: true, cell: (e) => e.quantity ?? "" },
        { head: c.counterparty, cell: (e) => e.counterparty ?? "" },
        { head: c.tx, cell: (e) => <code title={e.txHash}>{e.txHash.slice(0, 10)}…</code> },
      ]}
    />
  );
}
