"use client";
import { useState } from "react";
import { DataTable, type TableHeading } from "@/components/table/DataTable";
import { TxStatus } from "@/components/TxStatus";
import { shipmentColumns } from "@/components/custody/columns";
import type { ShipmentRow } from "@tracemed/provenance/custody";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";

/** The sender's shipments, with a label link for SSCC ones and a cancel button while in transit. */
export function OutgoingShipments({ rows, heading }: { rows: ShipmentRow[]; heading: TableHeading }) {
  const { m } = useI18n();
  const t = m.custody.ship;
  const c = m.custody.common;
  const { state, write } = useLedgerWrite();
  const [busy, setBusy] = useState<string | null>(null);
  const cancel = async (s: ShipmentRow) => {
    if (!window.confirm(fmt(t.cancelConfirm, { n: s.quantity, to: s.toName ?? s.to }))) return;
    setBusy(s.id);
    await write("cancelShipment", [
      s.batchId as `0x${string}`,
      s.to as `0x${string}`,
      BigInt(s.quantity),
      s.ref as `0x${string}`,
    ]);
    setBusy(null);
  };
  const col = shipmentColumns(m);
  return (
    <DataTable
      heading={{ ...heading, intro: <TxStatus state={state} /> }}
      empty={<p>{c.none}</p>}
      testid="outgoing-table"
      rows={rows}
      rowKey={(s) => s.id}
      rowData={(s) => ({ "data-shipment": s.id, "data-sscc": s.sscc ?? undefined })}
      columns={[
        col.code,
        col.batchLine,
        col.to,
        col.quantity,
        col.status,
        col.shipped,
        {
          head: t.label,
          cell: (s) => (
            <div className="actions">
              {s.sscc ? <a href={`/ship/label/${s.sscc}`}>{t.label}</a> : null}
              {s.status === "in_transit" ? (
                <button
                  type="button"
                  onClick={() => void cancel(s)}
                  disabled={busy !== null}
                  data-testid={`cancel-${s.id}`}
                >
                  {t.cancel}
                </button>
              ) : null}
            </div>
          ),
        },
      ]}
    />
  );
}
