"use client";
import { useState } from "react";
import { TxStatus } from "../../components/TxStatus";
import type { ShipmentRow } from "../../lib/custody/data";
import { shipmentCodeLabel } from "../../lib/custody/sscc";
import { useI18n } from "../../lib/i18n/client";
import { fmt } from "../../lib/i18n/locales";
import { useLedgerWrite } from "../../lib/wallet/useLedgerWrite";

/** The sender's shipments, with a label link for SSCC ones and a cancel button while in transit. */
export function OutgoingShipments({ rows }: { rows: ShipmentRow[] }) {
  const { m, locale } = useI18n();
  const t = m.custody.ship;
  const c = m.custody.common;
  const { state, write } = useLedgerWrite();
  const [busy, setBusy] = useState<string | null>(null);
  if (rows.length === 0) return <p>{c.none}</p>;
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
  const statusWord = (s: string) => (m.common.status as Record<string, string>)[s] ?? s;
  return (
    <>
      <TxStatus state={state} />
      <div className="table-wrap">
        <table data-testid="outgoing-table">
          <thead>
            <tr>
              <th scope="col">{c.code}</th>
              <th scope="col">{c.batch}</th>
              <th scope="col">{c.to}</th>
              <th scope="col" className="num">
                {c.quantity}
              </th>
              <th scope="col">{c.status}</th>
              <th scope="col">{c.shipped}</th>
              <th scope="col">{t.label}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id} data-shipment={s.id} data-sscc={s.sscc ?? undefined}>
                <td>
                  <code>{s.sscc ?? fmt(c.refNotSscc, { ref: shipmentCodeLabel(s.ref) })}</code>
                </td>
                <td>
                  {s.batch?.productName ?? s.batch?.gtin} · {c.lot} {s.batch?.lot}
                </td>
                <td>{s.toName ?? s.to}</td>
                <td className="num">
                  {s.quantity}
                  {s.shortfall ? <small> (−{s.shortfall})</small> : null}
                </td>
                <td>
                  <span className={`status status-${s.status}`}>
                    <span aria-hidden="true">
                      {s.status === "in_transit" ? "➜" : s.status === "received" ? "✓" : "✕"}
                    </span>{" "}
                    {statusWord(s.status)}
                  </span>
                </td>
                <td>{new Date(s.shippedAt).toLocaleString(locale)}</td>
                <td>
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
