"use client";
import { datesFor } from "@/lib/dates";
import { displayText } from "@tracemed/codes/browser";
import { ScanFeedback, type ScanProblem } from "@/components/scan/ScanFeedback";
import { useEffect, useRef, useState } from "react";
import { codeErrorText } from "@/components/scan/codeError";
import { Scanner } from "@/components/scan/Scanner";
import { Field } from "@/components/form/Field";
import { DataTable } from "@/components/table/DataTable";
import { TxStatus } from "@/components/TxStatus";
import { shipmentCode, shipmentColumns } from "@/components/custody/columns";
import type { ShipmentQuery } from "@/lib/inputs/custody";
import type { ShipmentRow } from "@tracemed/provenance/custody";
import { readShipmentCode } from "@/lib/custody/readCode";
import { shipmentCodeFeedback } from "@/lib/inputs/asTyped";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";
import { MissingPermit, useMissingPermit } from "@/components/MissingPermit";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Facts } from "@/components/Facts";
import { Notice } from "@/components/Notice";
import { Undo2 } from "lucide-react";
import type { UnitAtDesk } from "@tracemed/provenance/unitDesk";
import { fetchUnit } from "@/components/custody/unitApi";
import { UnitArrival } from "./UnitArrival";

/** Still on its way to the recipient: in transit, or with a cancellation the recipient may contest. */
const onTheWay = (s: ShipmentRow) => s.status === "in_transit" || s.status === "cancel_requested";

/** How the ledger names a shipment to its recipient: batch, sender, quantity shipped, reference. */
const hopOf = (s: ShipmentRow) =>
  [s.batchId as `0x${string}`, s.from as `0x${string}`, BigInt(s.quantity), s.ref as `0x${string}`] as const;

/**
 * Scan a shipment label (camera, keyboard wedge or typed SSCC / Digital Link), or pick a shipment
 * from the list (the seeded demo shipments have no SSCC), then confirm how many packs arrived, or
 * refuse it (the packs go back to the sender; an unsolicited shipment costs the recipient nothing).
 */
export function ReceiveDesk(props: {
  incoming: ShipmentRow[];
  account: string;
  initialSscc: string | null;
  /** the network has cases and pallets: a scanned SSCC may name one */
  units: boolean;
}) {
  const i18n = useI18n();
  const m = i18n.m;
  const dates = datesFor(i18n);
  const t = m.custody.receive;
  const c = m.custody.common;
  const { state, write, reset } = useLedgerWrite();
  const missingShip = useMissingPermit("SHIP");
  const senderName = (s: ShipmentRow) => displayText(s.fromName ?? s.from);
  const [selected, setSelected] = useState<ShipmentRow | null>(null);
  const [received, setReceived] = useState("");
  const [problem, setProblem] = useState<ScanProblem | null>(null);
  const [looking, setLooking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  // A scanned SSCC that names a case or pallet: the unit's panel instead of one shipment.
  const [arrival, setArrival] = useState<UnitAtDesk | null>(null);
  const qtyRef = useRef<HTMLInputElement>(null);

  const choose = (s: ShipmentRow) => {
    reset();
    setArrival(null);
    setDone(null);
    setProblem(null);
    setSelected(s);
    setReceived(String(s.quantity));
    requestAnimationFrame(() => qtyRef.current?.focus());
  };

  const findBySscc = async (sscc: string): Promise<boolean> => {
    const here = props.incoming.find((s) => s.sscc === sscc);
    if (here) {
      choose(here);
      return true;
    }
    setLooking(true);
    try {
      // The scanner read the SSCC with the rule the route applies (@tracemed/codes' parseSscc).
      const query: ShipmentQuery = { sscc };
      const res = await fetch(`/api/custody/shipments?${new URLSearchParams(query)}`, { cache: "no-store" });
      const body = (await res.json()) as { shipments?: ShipmentRow[] };
      const list = body.shipments ?? [];
      const mine = list.find((s) => s.to === props.account && onTheWay(s));
      if (mine) {
        choose(mine);
        return true;
      }
      const any = list[0];
      let text = fmt(t.notFound, { sscc });
      if (any && any.from === props.account && any.to !== props.account) text = fmt(t.yourOwn, { sscc });
      else if (any && any.status === "received")
        text = fmt(t.alreadyReceived, {
          sscc,
          date: any.closedAt ? dates.at(any.closedAt) : "",
        });
      else if (any && any.status === "voided") text = fmt(t.voided, { sscc });
      else if (any && any.status === "refused") text = fmt(t.refusedAlready, { sscc });
      else if (any && any.to !== props.account) text = fmt(t.notYours, { sscc, to: any.toName ?? any.to });
      setProblem({ text });
      setSelected(null);
      return false;
    } catch {
      setProblem({ text: m.common.errors.network });
      return false;
    } finally {
      setLooking(false);
    }
  };

  const onScan = async (text: string) => {
    setDone(null);
    try {
      const code = readShipmentCode(text);
      setArrival(null);
      if (props.units) {
        setLooking(true);
        const unit = await fetchUnit(code.sscc).finally(() => setLooking(false));
        if (unit) {
          setSelected(null);
          setProblem(null);
          setArrival(unit);
          return true;
        }
      }
      return await findBySscc(code.sscc);
    } catch (e) {
      setProblem(codeErrorText(m, e));
      setSelected(null);
      return false;
    }
  };

  // Once, for a label QR opened by a phone camera (/00/<sscc> redirects here with ?sscc=).
  const initial = useRef(props.initialSscc);
  useEffect(() => {
    if (initial.current) void onScan(initial.current);
    initial.current = null;
  }, []);

  const max = selected?.quantity ?? 0;
  const r = Number(received);
  const validQty = /^[0-9]+$/.test(received.trim()) && r >= 0 && r <= max;

  const refuse = async () => {
    if (!selected) return;
    setBusy(true);
    const ok = await write("refuseShipment", hopOf(selected));
    setBusy(false);
    if (ok) {
      setDone(fmt(t.refused, { n: selected.quantity, lot: selected.batch?.lot ?? "", from: senderName(selected) }));
      setSelected(null);
    }
  };

  const confirm = async () => {
    if (!selected || !validQty) return;
    setBusy(true);
    const ok = await write("confirmReceipt", [...hopOf(selected), BigInt(r)]);
    setBusy(false);
    if (ok) {
      setDone(fmt(t.done, { n: r, lot: selected.batch?.lot ?? "" }));
      setSelected(null);
    }
  };

  const col = shipmentColumns(m, dates);
  // An SSCC typed by hand says what is wrong with it before it is sent.
  const scanner = {
    label: t.inputLabel,
    submitLabel: t.submit,
    testId: "receive",
    feedback: (text: string) => shipmentCodeFeedback(m, text),
  };
  const statusWord = (s: string) => (m.common.status as Record<string, string>)[s] ?? s;

  return (
    <>
      <Scanner onScan={onScan} {...scanner} pageWedge autoFocus />
      <ScanFeedback testId="receive" looking={looking} lookingText={t.looking} problem={problem} done={done} />
      {arrival ? <UnitArrival key={arrival.unit.sscc} found={arrival} account={props.account} /> : null}
      {selected ? (
        <Card
          role="region"
          className="mb-4"
          aria-labelledby="recv-selected"
          data-testid="receive-selected"
          data-shipment={selected.id}
        >
          <h2 id="recv-selected" className="m-0 text-lg break-all">
            {fmt(t.selectedTitle, { code: shipmentCode(m, selected) })}
          </h2>
          <Facts
            facts={[
              { term: c.from, value: displayText(selected.fromName ?? selected.from) },
              { term: c.product, value: displayText(selected.batch?.productName ?? selected.batch?.gtin ?? "") },
              { term: c.gtin, value: <code>{selected.batch?.gtin}</code> },
              { term: c.lot, value: selected.batch?.lot },
              { term: c.expiry, value: dates.day(selected.batch?.expiresAt) },
              { term: t.shippedQty, value: selected.quantity, testid: "receive-shipped-quantity" },
              { term: c.shipped, value: dates.at(selected.shippedAt) },
            ]}
          />
          {selected.status === "cancel_requested" ? (
            <Notice icon={Undo2} role="alert" data-testid="receive-cancel-requested">
              {fmt(t.cancelRequested, {
                from: senderName(selected),
                date: selected.cancelRequestedAt ? dates.at(selected.cancelRequestedAt) : "",
              })}
            </Notice>
          ) : null}
          {selected.batch && selected.batch.status !== "active" ? (
            <Notice role="alert">{fmt(t.recallWarning, { status: statusWord(selected.batch.status) })}</Notice>
          ) : null}
          <form
            className="flex flex-col gap-3"
            onSubmit={(e) => {
              e.preventDefault();
              void confirm();
            }}
          >
            <Field
              id="recv-qty"
              label={t.receivedQty}
              problem={validQty ? null : fmt(t.errReceived, { max })}
              hint={r < max ? fmt(t.shortfall, { n: max - r }) : t.noShortfall}
            >
              {(c) => (
                <input
                  {...c}
                  ref={qtyRef}
                  name="received"
                  inputMode="numeric"
                  value={received}
                  onChange={(e) => setReceived(e.target.value)}
                  data-testid="received-quantity"
                />
              )}
            </Field>
            <div className="flex flex-wrap gap-3">
              <Button
                type="submit"
                size="lg"
                className="w-full sm:w-auto"
                disabled={busy || !validQty || missingShip !== null}
                data-testid="confirm-receipt"
              >
                {t.confirm}
              </Button>
              <Button
                variant="danger"
                size="lg"
                className="flex-1 sm:flex-none"
                onClick={() => void refuse()}
                disabled={busy || missingShip !== null}
                aria-describedby="recv-refuse-note"
                data-testid="refuse-shipment"
              >
                {t.refuse}
              </Button>
              <Button variant="secondary" size="lg" className="flex-1 sm:flex-none" onClick={() => setSelected(null)}>
                {t.close}
              </Button>
            </div>
            <p id="recv-refuse-note" className="m-0 text-sm text-muted">
              {fmt(t.refuseNote, { n: selected.quantity, from: senderName(selected) })}
            </p>
            <MissingPermit permit="SHIP" />
          </form>
        </Card>
      ) : null}
      <TxStatus state={state} />
      <DataTable
        heading={{ id: "recv-incoming", text: t.incomingTitle }}
        testid="incoming-table"
        rows={props.incoming}
        rowKey={(s) => s.id}
        rowData={(s) => ({ "data-shipment": s.id, "data-sscc": s.sscc ?? undefined })}
        empty={c.none}
        columns={[
          col.code,
          col.batchLine,
          col.from,
          col.quantity,
          col.status,
          col.shipped,
          col.signer,
          {
            head: t.receiveThis,
            cell: (s) => (
              <Button
                variant="secondary"
                size="lg"
                onClick={() => choose(s)}
                aria-label={fmt(t.receiveAria, { code: shipmentCode(m, s) })}
                data-testid={`receive-${s.id}`}
              >
                {t.receiveThis}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
