/**
 * Tables the custody dashboards share (distributor, pharmacy): stock, shipments, recent events.
 * Server components; status always as icon + word.
 */
import type { EventRow, HoldingRow, ShipmentRow } from "../../lib/custody/data";
import { shipmentCodeLabel } from "../../lib/custody/sscc";
import { fmt } from "../../lib/i18n/locales";
import { getI18n } from "../../lib/i18n/server";
import type { Messages } from "../../lib/i18n/messages";

const ICON: Record<string, string> = {
  active: "✓",
  quarantined: "⏸",
  recalled: "✕",
  expired: "⌛",
  in_transit: "➜",
  received: "✓",
  voided: "✕",
};

export function StatusBadge({ m, status }: { m: Messages; status: string }) {
  const word = (m.common.status as Record<string, string>)[status] ?? status;
  return (
    <span className={`status status-${status}`} data-status={status}>
      <span aria-hidden="true">{ICON[status] ?? "•"}</span> {word}
    </span>
  );
}

export function BatchCell({ m, b }: { m: Messages; b: ShipmentRow["batch"] }) {
  if (!b) return <span>—</span>;
  return (
    <>
      {b.productName ?? b.gtin}
      <br />
      <small>
        {m.custody.common.lot} <strong>{b.lot}</strong> · {m.custody.common.expiry} {b.expiresAt.slice(0, 10)}
      </small>
    </>
  );
}

export async function HoldingsTable({ rows, showDispensed = false }: { rows: HoldingRow[]; showDispensed?: boolean }) {
  const { m } = await getI18n();
  const c = m.custody.common;
  if (rows.length === 0) return <p>{c.none}</p>;
  return (
    <div className="table-wrap">
      <table data-testid="holdings-table">
        <thead>
          <tr>
            <th scope="col">{c.batch}</th>
            <th scope="col">{c.gtin}</th>
            <th scope="col">{c.status}</th>
            <th scope="col" className="num">
              {c.held}
            </th>
            {showDispensed ? (
              <th scope="col" className="num">
                {c.dispensed}
              </th>
            ) : null}
            <th scope="col" className="num">
              {c.writtenOff}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.batchId} data-lot={r.lot}>
              <td>
                <BatchCell m={m} b={r} />
              </td>
              <td>
                <code>{r.gtin}</code>
              </td>
              <td>
                <StatusBadge m={m} status={r.expired && r.status === "active" ? "expired" : r.status} />
              </td>
              <td className="num">{r.held}</td>
              {showDispensed ? <td className="num">{r.dispensed}</td> : null}
              <td className="num">{r.writtenOff}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function shipmentCode(m: Messages, s: ShipmentRow): string {
  return s.sscc ?? fmt(m.custody.common.refNotSscc, { ref: shipmentCodeLabel(s.ref) });
}

export async function ShipmentsTable({ rows, testId }: { rows: ShipmentRow[]; testId: string }) {
  const { m, locale } = await getI18n();
  const c = m.custody.common;
  if (rows.length === 0) return <p>{c.none}</p>;
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{c.code}</th>
            <th scope="col">{c.batch}</th>
            <th scope="col">{c.from}</th>
            <th scope="col">{c.to}</th>
            <th scope="col" className="num">
              {c.quantity}
            </th>
            <th scope="col">{c.status}</th>
            <th scope="col">{c.shipped}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id} data-shipment={s.id}>
              <td>
                <code>{shipmentCode(m, s)}</code>
              </td>
              <td>
                <BatchCell m={m} b={s.batch} />
              </td>
              <td>{s.fromName ?? s.from}</td>
              <td>{s.toName ?? s.to}</td>
              <td className="num">
                {s.quantity}
                {s.shortfall ? <small> (−{s.shortfall})</small> : null}
              </td>
              <td>
                <StatusBadge m={m} status={s.status} />
              </td>
              <td>{new Date(s.shippedAt).toLocaleString(locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export async function EventsTable({ rows }: { rows: EventRow[] }) {
  const { m, locale } = await getI18n();
  const c = m.custody.common;
  if (rows.length === 0) return <p>{c.none}</p>;
  return (
    <div className="table-wrap">
      <table data-testid="events-table">
        <thead>
          <tr>
            <th scope="col">{c.when}</th>
            <th scope="col">{c.event}</th>
            <th scope="col">{c.batch}</th>
            <th scope="col" className="num">
              {c.quantity}
            </th>
            <th scope="col">{c.counterparty}</th>
            <th scope="col">{c.tx}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.id}>
              <td>{new Date(e.occurredAt).toLocaleString(locale)}</td>
              <td>{(m.custody.events as Record<string, string>)[e.eventName] ?? e.eventName}</td>
              <td>{e.batch ? `${e.batch.productName ?? e.batch.gtin} · ${e.batch.lot}` : "—"}</td>
              <td className="num">{e.quantity ?? ""}</td>
              <td>{e.counterparty ?? ""}</td>
              <td>
                <code title={e.txHash}>{e.txHash.slice(0, 10)}…</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
