"use client";
import { useState } from "react";
import { TxStatus } from "../../components/TxStatus";
import type { HoldingRow, Recipient } from "../../lib/custody/data";
import { formatSscc, newSscc, ssccDigitalLink, ssccToRef } from "../../lib/custody/sscc";
import { useI18n } from "../../lib/i18n/client";
import { fmt } from "../../lib/i18n/locales";
import { useLedgerWrite } from "../../lib/wallet/useLedgerWrite";

interface Shipped {
  sscc: string;
  lot: string;
  quantity: number;
  toName: string;
}

/**
 * Batch, quantity, recipient -> ship() with a fresh SSCC as the ref. After confirmation the
 * shipment code (SSCC + Digital Link + QR) is shown with a printable label; the batch stays chosen
 * so a split to several recipients is "ship again".
 */
export function ShipForm(props: {
  holdings: HoldingRow[];
  recipients: Recipient[];
  gln: string;
  origin: string;
  initialBatch: string | null;
}) {
  const { m } = useI18n();
  const t = m.custody.ship;
  const { state, write, reset } = useLedgerWrite();
  const movable = (h: HoldingRow) => h.status === "active" && !h.expired;
  const [batchId, setBatchId] = useState(
    props.holdings.find((h) => h.batchId === props.initialBatch && movable(h))?.batchId ??
      (props.holdings.filter(movable).length === 1 ? props.holdings.find(movable)!.batchId : ""),
  );
  const [quantity, setQuantity] = useState("");
  const [recipient, setRecipient] = useState("");
  const [errors, setErrors] = useState<{ batch?: string; quantity?: string; recipient?: string }>({});
  const [shipped, setShipped] = useState<Shipped[]>([]);
  const [busy, setBusy] = useState(false);
  const holding = props.holdings.find((h) => h.batchId === batchId);
  const max = holding?.held ?? 0;
  const last = shipped[shipped.length - 1];

  if (props.holdings.length === 0) return <p className="notice">{t.noStock}</p>;

  const submit = async () => {
    const e: typeof errors = {};
    const q = Number(quantity);
    if (!holding) e.batch = t.errBatch;
    if (!/^[0-9]+$/.test(quantity.trim()) || q < 1 || q > max) e.quantity = fmt(t.errQuantity, { max });
    if (!recipient) e.recipient = t.errRecipient;
    setErrors(e);
    if (Object.keys(e).length > 0 || !holding) return;
    const sscc = newSscc(props.gln);
    setBusy(true);
    const done = await write("ship", [
      holding.batchId as `0x${string}`,
      recipient as `0x${string}`,
      BigInt(q),
      ssccToRef(sscc),
    ]);
    setBusy(false);
    if (done) {
      const toName = props.recipients.find((r) => r.account === recipient)?.name ?? recipient;
      setShipped((s) => [...s, { sscc, lot: holding.lot, quantity: q, toName }]);
      setQuantity("");
      setRecipient("");
    }
  };

  return (
    <>
      <form
        className="panel"
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          void submit();
        }}
        data-testid="ship-form"
      >
        <div className="field">
          <label htmlFor="ship-batch">{t.batch}</label>
          <select
            id="ship-batch"
            name="batch"
            value={batchId}
            onChange={(ev) => {
              setBatchId(ev.target.value);
              reset();
            }}
            aria-invalid={errors.batch ? true : undefined}
            aria-describedby={errors.batch ? "ship-batch-err" : undefined}
            data-testid="ship-batch"
          >
            <option value="">{t.chooseBatch}</option>
            {props.holdings.map((h) => (
              <option key={h.batchId} value={h.batchId} disabled={!movable(h)} data-lot={h.lot}>
                {fmt(t.batchOption, { product: h.productName ?? h.gtin, lot: h.lot, held: h.held })}
                {movable(h)
                  ? ""
                  : ` — ${fmt(t.notMovable, {
                      status: h.expired
                        ? m.common.status.expired
                        : ((m.common.status as Record<string, string>)[h.status] ?? h.status),
                    })}`}
              </option>
            ))}
          </select>
          {errors.batch ? (
            <span id="ship-batch-err" className="error" role="alert">
              {errors.batch}
            </span>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="ship-quantity">{t.quantity}</label>
          <input
            id="ship-quantity"
            name="quantity"
            inputMode="numeric"
            value={quantity}
            onChange={(ev) => setQuantity(ev.target.value)}
            aria-invalid={errors.quantity ? true : undefined}
            aria-describedby="ship-quantity-hint"
            data-testid="ship-quantity"
          />
          <span
            id="ship-quantity-hint"
            className={errors.quantity ? "error" : "hint"}
            role={errors.quantity ? "alert" : undefined}
          >
            {errors.quantity ?? (holding ? fmt(t.quantityHint, { max }) : "")}
          </span>
        </div>
        <div className="field">
          <label htmlFor="ship-recipient">{t.recipient}</label>
          <select
            id="ship-recipient"
            name="recipient"
            value={recipient}
            onChange={(ev) => setRecipient(ev.target.value)}
            aria-invalid={errors.recipient ? true : undefined}
            aria-describedby={errors.recipient ? "ship-recipient-err" : undefined}
            data-testid="ship-recipient"
          >
            <option value="">{t.chooseRecipient}</option>
            {props.recipients.map((r) => (
              <option key={r.account} value={r.account}>
                {r.name} · GLN {r.gln}
              </option>
            ))}
          </select>
          {errors.recipient ? (
            <span id="ship-recipient-err" className="error" role="alert">
              {errors.recipient}
            </span>
          ) : null}
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} data-testid="ship-submit">
            {t.submit}
          </button>
        </div>
        <TxStatus state={state} />
      </form>
      {last ? (
        <section
          className="panel panel-ok"
          aria-labelledby="shipped-title"
          data-testid="shipment-code"
          data-sscc={last.sscc}
        >
          <h2 id="shipped-title">
            <span aria-hidden="true">✓ </span>
            {t.shippedTitle}
          </h2>
          <p>{fmt(t.shippedText, { n: last.quantity, lot: last.lot, to: last.toName })}</p>
          <div className="actions">
            {/* An SVG drawn by our own route. */}
            <img
              className="shipment-qr"
              src={`/api/custody/shipments/${last.sscc}/qr`}
              alt={fmt(t.qrAlt, { sscc: last.sscc })}
            />
            <dl className="facts">
              <dt>{t.sscc}</dt>
              <dd>
                <code data-testid="shipment-sscc">{last.sscc}</code>
                <br />
                <small>{formatSscc(last.sscc)}</small>
              </dd>
              <dt>{t.digitalLink}</dt>
              <dd>
                <code data-testid="shipment-link">{ssccDigitalLink(props.origin, last.sscc)}</code>
              </dd>
            </dl>
          </div>
          <div className="actions">
            <a href={`/ship/label/${last.sscc}`} target="_blank" rel="noopener" data-testid="shipment-label-link">
              {t.printLabel}
            </a>
            <button
              type="button"
              onClick={() => {
                reset();
                document.getElementById("ship-quantity")?.focus();
              }}
              data-testid="ship-more"
            >
              {t.shipMore}
            </button>
          </div>
          {shipped.length > 1 ? (
            <>
              <h3>{t.sessionTitle}</h3>
              <ul data-testid="shipped-session">
                {shipped.map((s) => (
                  <li key={s.sscc}>
                    <code>{s.sscc}</code> · {fmt(t.shippedText, { n: s.quantity, lot: s.lot, to: s.toName })}{" "}
                    <a href={`/ship/label/${s.sscc}`} target="_blank" rel="noopener">
                      {t.label}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
