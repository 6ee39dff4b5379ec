"use client";
import { custodyLedgerAbi } from "@tracemed/chain";
import { useState } from "react";
import { RecipientOptions } from "@/components/custody/RecipientOptions";
import { encodeFunctionData, type Hex } from "viem";
import { Field } from "@/components/form/Field";
import { TxStatus } from "@/components/TxStatus";
import type { HoldingRow, Recipient } from "@tracemed/provenance/custody";
import { formatSscc, newSscc, ssccDigitalLink, ssccToRef } from "@tracemed/codes/browser";
import { useI18n } from "@/lib/i18n/client";
import { MissingPermit, useMissingPermit } from "@/components/MissingPermit";
import { fmt } from "@/lib/i18n/locales";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";
import { Button } from "@/components/ui/button";
import { Facts } from "@/components/Facts";
import { Notice } from "@/components/Notice";
import { CircleCheck, Printer } from "lucide-react";

interface Shipped {
  sscc: string;
  lot: string;
  quantity: number;
  toName: string;
}

interface Row {
  quantity: string;
  recipient: string;
}
type RowErrors = { quantity?: string; recipient?: string };

/**
 * Batch, then one or more (recipient, quantity) rows -> one ship() per row, each with a fresh SSCC
 * as its ref, all in one transaction (multicall) for a split. After confirmation every shipment's
 * code (SSCC + Digital Link + QR) is shown with a printable label; the batch stays chosen so
 * shipping again is one more click.
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
  const missing = useMissingPermit("SHIP");
  const movable = (h: HoldingRow) => h.status === "active" && !h.expired;
  const [batchId, setBatchId] = useState(
    props.holdings.find((h) => h.batchId === props.initialBatch && movable(h))?.batchId ??
      (props.holdings.filter(movable).length === 1 ? props.holdings.find(movable)!.batchId : ""),
  );
  const [rows, setRows] = useState<Row[]>([{ quantity: "", recipient: "" }]);
  const [batchError, setBatchError] = useState<string | null>(null);
  const [rowErrors, setRowErrors] = useState<RowErrors[]>([]);
  const [totalError, setTotalError] = useState<string | null>(null);
  const [submissions, setSubmissions] = useState<Shipped[][]>([]);
  const [busy, setBusy] = useState(false);
  const holding = props.holdings.find((h) => h.batchId === batchId);
  const max = holding?.held ?? 0;
  const last = submissions[submissions.length - 1];

  if (props.holdings.length === 0) return <Notice>{t.noStock}</Notice>;

  const setRow = (i: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const nameOf = (account: string) => props.recipients.find((r) => r.account === account)?.name ?? account;

  const submit = async () => {
    const errs: RowErrors[] = rows.map((r, i) => {
      const e: RowErrors = {};
      const q = Number(r.quantity);
      if (!/^[0-9]+$/.test(r.quantity.trim()) || q < 1 || q > max) e.quantity = fmt(t.errQuantity, { max });
      if (!r.recipient) e.recipient = t.errRecipient;
      else if (rows.findIndex((o) => o.recipient === r.recipient) !== i) e.recipient = t.errSameRecipient;
      return e;
    });
    const total = rows.reduce((sum, r) => sum + (Number(r.quantity) || 0), 0);
    const tooMany = holding && rows.length > 1 && total > max ? fmt(t.errTotal, { total, max }) : null;
    setBatchError(holding ? null : t.errBatch);
    setRowErrors(errs);
    setTotalError(tooMany);
    if (!holding || tooMany || errs.some((e) => e.quantity || e.recipient)) return;
    const plan = rows.map((r) => ({ sscc: newSscc(props.gln), to: r.recipient as Hex, q: Number(r.quantity) }));
    const args = (p: (typeof plan)[number]) => [holding.batchId as Hex, p.to, BigInt(p.q), ssccToRef(p.sscc)] as const;
    setBusy(true);
    const done =
      plan.length === 1
        ? await write("ship", args(plan[0]!))
        : await write("multicall", [
            plan.map((p) => encodeFunctionData({ abi: custodyLedgerAbi, functionName: "ship", args: args(p) })),
          ]);
    setBusy(false);
    if (done) {
      setSubmissions((s) => [
        ...s,
        plan.map((p) => ({ sscc: p.sscc, lot: holding.lot, quantity: p.q, toName: nameOf(p.to) })),
      ]);
      setRows([{ quantity: "", recipient: "" }]);
    }
  };

  const suffix = (i: number) => (i === 0 ? "" : `-${i + 1}`);

  return (
    <>
      <form
        className="flex flex-col gap-4 rounded-card border border-line bg-surface p-4 sm:p-5"
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          void submit();
        }}
        data-testid="ship-form"
      >
        <Field id="ship-batch" label={t.batch} problem={batchError}>
          {(c) => (
            <select
              {...c}
              name="batch"
              value={batchId}
              onChange={(ev) => {
                setBatchId(ev.target.value);
                reset();
              }}
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
          )}
        </Field>
        <fieldset className="m-0 flex flex-col gap-3 rounded-control border border-line p-3 sm:p-4">
          <legend className="px-1 text-sm font-semibold">
            {rows.length > 1 ? fmt(t.splitLegend, { n: rows.length }) : t.shipToLegend}
          </legend>
          {rows.map((r, i) => {
            const e = rowErrors[i] ?? {};
            return (
              <div
                className="flex flex-wrap items-end gap-x-4 gap-y-2 border-b border-dashed border-line pb-3"
                key={i}
                data-testid={`ship-row${suffix(i)}`}
              >
                <Field
                  id={`ship-recipient${suffix(i)}`}
                  label={i === 0 ? t.recipient : fmt(t.recipientN, { n: i + 1 })}
                  problem={e.recipient}
                  className="min-w-0 flex-[2_1_16rem]"
                >
                  {(c) => (
                    <select
                      {...c}
                      name={`recipient${suffix(i)}`}
                      value={r.recipient}
                      onChange={(ev) => setRow(i, { recipient: ev.target.value })}
                      data-testid={`ship-recipient${suffix(i)}`}
                    >
                      <RecipientOptions recipients={props.recipients} choose={t.chooseRecipient} />
                    </select>
                  )}
                </Field>
                <Field
                  id={`ship-quantity${suffix(i)}`}
                  label={i === 0 ? t.quantity : fmt(t.quantityN, { n: i + 1 })}
                  problem={e.quantity}
                  hint={holding ? fmt(t.quantityHint, { max }) : ""}
                  className="min-w-0 flex-[1_1_8rem]"
                >
                  {(c) => (
                    <input
                      {...c}
                      name={`quantity${suffix(i)}`}
                      inputMode="numeric"
                      value={r.quantity}
                      onChange={(ev) => setRow(i, { quantity: ev.target.value })}
                      data-testid={`ship-quantity${suffix(i)}`}
                    />
                  )}
                </Field>
                {i > 0 ? (
                  <Button
                    variant="secondary"
                    size="lg"
                    onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}
                    aria-label={fmt(t.removeRowAria, { n: i + 1 })}
                  >
                    {t.removeRow}
                  </Button>
                ) : null}
              </div>
            );
          })}
          <Button
            variant="secondary"
            className="self-start"
            onClick={() => setRows((rs) => [...rs, { quantity: "", recipient: "" }])}
            data-testid="ship-add-row"
          >
            + {t.addRow}
          </Button>
        </fieldset>
        {totalError ? (
          <p className="m-0 font-medium text-bad" role="alert">
            {totalError}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-3">
          <Button
            type="submit"
            size="lg"
            className="w-full sm:w-auto"
            disabled={busy || missing !== null}
            data-testid="ship-submit"
          >
            {rows.length > 1 ? fmt(t.submitSplit, { n: rows.length }) : t.submit}
          </Button>
        </div>
        <MissingPermit permit="SHIP" />
        <TxStatus state={state} />
      </form>
      {last ? (
        <section
          className="mt-4 flex flex-col gap-4 rounded-card border border-ok/40 bg-ok-soft p-4 sm:p-5"
          aria-labelledby="shipped-title"
          data-testid="shipment-code"
          data-sscc={last[0]!.sscc}
        >
          <h2 id="shipped-title" className="m-0 flex items-center gap-2">
            <CircleCheck aria-hidden="true" className="size-5 text-ok" />
            {last.length > 1 ? fmt(t.shippedTitleN, { n: last.length }) : t.shippedTitle}
          </h2>
          {last.map((s, i) => (
            <div key={s.sscc} className="border-t border-ok/30 pt-3" data-testid="shipment-item" data-sscc={s.sscc}>
              <p>{fmt(t.shippedText, { n: s.quantity, lot: s.lot, to: s.toName })}</p>
              <div className="flex flex-wrap items-start gap-4">
                {/* An SVG drawn by our own route. */}
                <img
                  className="size-44 rounded-control border border-line bg-white"
                  src={`/api/custody/shipments/${s.sscc}/qr`}
                  alt={fmt(t.qrAlt, { sscc: s.sscc })}
                />
                <div className="min-w-0 flex-[1_1_16rem]">
                  <Facts
                    facts={[
                      {
                        term: t.sscc,
                        value: (
                          <>
                            <code data-testid={`shipment-sscc${suffix(i)}`}>{s.sscc}</code>
                            <br />
                            <small>{formatSscc(s.sscc)}</small>
                          </>
                        ),
                      },
                      {
                        term: t.digitalLink,
                        value: (
                          <code className="break-all" data-testid={`shipment-link${suffix(i)}`}>
                            {ssccDigitalLink(props.origin, s.sscc)}
                          </code>
                        ),
                      },
                    ]}
                  />
                </div>
                <Button asChild variant="secondary" size="lg">
                  <a
                    href={`/ship/label/${s.sscc}`}
                    target="_blank"
                    rel="noopener"
                    data-testid={`shipment-label-link${suffix(i)}`}
                  >
                    <Printer aria-hidden="true" /> {t.printLabel}
                  </a>
                </Button>
              </div>
            </div>
          ))}
          <div className="flex flex-wrap gap-3">
            <Button
              variant="secondary"
              size="lg"
              onClick={() => {
                reset();
                document.getElementById("ship-recipient")?.focus();
              }}
              data-testid="ship-more"
            >
              {t.shipMore}
            </Button>
          </div>
          {submissions.length > 1 ? (
            <>
              <h3>{t.sessionTitle}</h3>
              <ul data-testid="shipped-session">
                {submissions.flat().map((s) => (
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
