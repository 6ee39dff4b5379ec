"use client";
import { useState } from "react";
import { DataTable, type TableHeading } from "@/components/table/DataTable";
import { TxStatus } from "@/components/TxStatus";
import { shipmentColumns } from "@/components/custody/columns";
import type { ShipmentRow } from "@tracemed/provenance/custody";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";
import { useMissingPermit } from "@/components/MissingPermit";
import { cancelNoticeEnds, mayCompleteCancellation } from "@/lib/custody/cancelNotice";
import { datesFor } from "@/lib/dates";
import { Button } from "@/components/ui/button";

/**
 * The sender's shipments, with a label link for SSCC ones; while in transit a cancellation request, and
 * once the recipient's notice has run out without a contest, the button that completes it.
 */
export function OutgoingShipments({ rows, heading }: { rows: ShipmentRow[]; heading: TableHeading }) {
  const i18n = useI18n();
  const m = i18n.m;
  const dates = datesFor(i18n);
  const t = m.custody.ship;
  const c = m.custody.common;
  const { state, write } = useLedgerWrite();
  const missingShip = useMissingPermit("SHIP");
  const [busy, setBusy] = useState<string | null>(null);
  const act = async (s: ShipmentRow, step: "cancelShipment" | "completeCancellation") => {
    const to = s.toName ?? s.to;
    const question = step === "cancelShipment" ? t.cancelConfirm : t.completeConfirm;
    if (!window.confirm(fmt(question, { n: s.quantity, to }))) return;
    setBusy(s.id);
    await write(step, [s.batchId as `0x${string}`, s.to as `0x${string}`, BigInt(s.quantity), s.ref as `0x${string}`]);
    setBusy(null);
  };
  const col = shipmentColumns(m, dates);
  const now = new Date();
  const cancellation = (s: ShipmentRow) => {
    if (s.status === "in_transit")
      return (
        <Button
          variant="secondary"
          type="button"
          onClick={() => void act(s, "cancelShipment")}
          disabled={busy !== null || missingShip !== null}
          title={missingShip ?? undefined}
          data-testid={`cancel-${s.id}`}
        >
          {t.cancel}
        </Button>
      );
    if (s.status !== "cancel_requested" || !s.cancelRequestedAt) return null;
    return mayCompleteCancellation(s.cancelRequestedAt, now) ? (
      <Button
        variant="danger"
        type="button"
        onClick={() => void act(s, "completeCancellation")}
        disabled={busy !== null || missingShip !== null}
        title={missingShip ?? undefined}
        data-testid={`complete-cancel-${s.id}`}
      >
        {t.complete}
      </Button>
    ) : (
      <span className="text-sm text-muted" data-testid={`cancel-notice-${s.id}`}>
        {fmt(t.cancelRequested, { to: s.toName ?? s.to, date: dates.at(cancelNoticeEnds(s.cancelRequestedAt)) })}
      </span>
    );
  };
  return (
    <DataTable
      heading={{ ...heading, intro: <TxStatus state={state} /> }}
      empty={c.none}
      testid="outgoing-table"
      rows={rows}
      rowKey={(s) => s.id}
      rowData={(s) => ({ "data-shipment": s.id, "data-sscc": s.sscc ?? undefined, "data-status": s.status })}
      columns={[
        col.code,
        col.batchLine,
        col.to,
        col.quantity,
        col.status,
        col.shipped,
        col.signer,
        {
          head: t.label,
          cell: (s) => (
            <div className="flex flex-wrap items-center gap-2">
              {s.sscc ? <a href={`/ship/label/${s.sscc}`}>{t.label}</a> : null}
              {cancellation(s)}
            </div>
          ),
        },
      ]}
    />
  );
}
