import { displayText } from "@tracemed/codes/browser";
import { DataTable, type Column, type TableHeading } from "@/components/table/DataTable";
import { fmt } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import type { BatchRow } from "@tracemed/provenance/regulator/batchList";
import { BatchActions } from "@/components/batches/BatchActions";
import { StatusBadge } from "@/components/StatusBadge";
import { StaffReason } from "@/components/StaffReason";
import type { Dates } from "@/lib/dates";

/** A batch's status (expired when it is past its date), with the reason under it when it is not active. */
export function BatchStatus({
  batch: b,
  m,
}: {
  batch: { status: string; expired: boolean; statusReason: string | null };
  m: Messages;
}) {
  return (
    <>
      <StatusBadge status={b.status === "active" && b.expired ? "expired" : b.status} m={m} />
      {b.statusReason && b.status !== "active" ? (
        <div className="mt-1 max-w-[28ch] text-xs text-muted">
          <StaffReason text={b.statusReason} />
        </div>
      ) : null}
    </>
  );
}

/**
 * Batches as a table: what they are and their status, then either where their packs are (the
 * batches list) or the regulator's quarantine / release / recall controls.
 */
export function BatchTable({
  rows,
  m,
  testid,
  label,
  heading,
  mode,
  dates,
}: {
  rows: BatchRow[];
  m: Messages;
  dates: Dates;
  testid: string;
  label?: string;
  heading?: TableHeading;
  mode: "stock" | "actions";
}) {
  const t = m.provenance.list;
  const columns: Column<BatchRow>[] = [
    {
      head: t.product,
      cell: (b) => (
        <>
          {b.productName ? displayText(b.productName) : "—"}
          <br />
          <code>{b.gtin}</code>
        </>
      ),
      sortValue: (b) => b.productName ?? b.gtin,
    },
    {
      head: t.lot,
      sortValue: (b) => b.lot,
      cell: (b) => (
        <a href={`/batches/${b.id}`} title={fmt(t.open, { lot: b.lot })}>
          <strong>{displayText(b.lot)}</strong>
        </a>
      ),
    },
    { head: t.manufacturer, cell: (b) => displayText(b.manufacturer), sortValue: (b) => b.manufacturer },
    {
      head: t.status,
      cell: (b) => <BatchStatus batch={b} m={m} />,
      filterValue: (b) => m.common.status[b.status === "active" && b.expired ? "expired" : b.status],
    },
    { head: t.expires, cell: (b) => dates.day(b.expiresAt), sortValue: (b) => b.expiresAt },
    { head: t.packs, num: true, cell: (b) => b.packCount, sortValue: (b) => b.packCount },
  ];
  if (mode === "stock") {
    columns.push(
      {
        head: t.heldBy,
        cell: (b) => (
          <ul className="m-0 list-none p-0">
            {b.holders.map((h) => (
              <li key={h.account}>
                {displayText(h.name)}: <strong>{h.held}</strong>
              </li>
            ))}
          </ul>
        ),
      },
      { head: t.inTransit, num: true, cell: (b) => b.inTransit },
      { head: t.dispensed, num: true, cell: (b) => b.dispensed },
      { head: t.writtenOff, num: true, cell: (b) => b.writtenOff },
    );
  } else {
    columns.push({
      head: m.regulator.batches.actions,
      cell: (b) => <BatchActions batchId={b.id as `0x${string}`} lot={b.lot} status={b.status} />,
    });
  }
  return (
    <DataTable
      label={label}
      heading={heading}
      testid={testid}
      rows={rows}
      rowKey={(b) => b.id}
      rowData={(b) => ({ "data-batch": b.lot, "data-batch-id": b.id })}
      empty={t.none}
      columns={columns}
    />
  );
}
