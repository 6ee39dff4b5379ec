"use client";
import { custodyLedgerAbi } from "@tracemed/chain";
import type { ShipmentRow } from "@tracemed/provenance/custody";
import type { UnitAtDesk } from "@tracemed/provenance/unitDesk";
import { useState } from "react";
import { encodeFunctionData, type Hex } from "viem";
import { PackageOpen, TriangleAlert } from "lucide-react";
import { MissingPermit, useMissingPermit } from "@/components/MissingPermit";
import { Notice } from "@/components/Notice";
import { Outcome } from "@/components/manufacturer/Outcome";
import { TxStatus } from "@/components/TxStatus";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { UnitFacts } from "@/components/custody/UnitFacts";
import { fetchUnit, unitSummary, receiptArgs } from "@/components/custody/unitApi";
import { unitMismatches } from "@/lib/custody/unitArrival";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";

const onTheWay = (s: ShipmentRow) => s.status === "in_transit" || s.status === "cancel_requested";

/**
 * A scanned case or pallet at the receive desk: the unit (packed by whom, sealed or opened, contents, the cases on
 * it), the shipments of its SSCC on their way to this organisation, an alert where they differ from the sealed
 * contents, "Receive all" (one multicall of confirmReceipt at full quantities) and, once received, "Open the unit".
 */
export function UnitArrival(props: { found: UnitAtDesk; account: string }) {
  const { m } = useI18n();
  const t = m.custody.receive;
  const { state, write, writeUnits, reset } = useLedgerWrite();
  const missing = useMissingPermit("SHIP");
  const [found, setFound] = useState(props.found);
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { unit } = found;
  const pending = found.shipments.filter((s) => s.to === props.account && onTheWay(s));
  const mismatches = pending.length > 0 ? unitMismatches(unit, pending) : [];
  const summary = unitSummary(m, unit);
  const sealed = unit.status === "packed";
  const canOpen = sealed && found.here && (found.heldByYou || found.receipt !== null);

  const reload = async () => setFound((await fetchUnit(unit.sscc)) ?? found);

  const receiveAll = async () => {
    reset();
    setBusy(true);
    const calls = pending.map((s) =>
      encodeFunctionData({
        abi: custodyLedgerAbi,
        functionName: "confirmReceipt",
        args: [s.batchId as Hex, s.from as Hex, BigInt(s.quantity), s.ref as Hex, BigInt(s.quantity)],
      }),
    );
    const ok = await write("multicall", [calls]);
    setBusy(false);
    if (ok) {
      const n = pending.reduce((sum, s) => sum + s.quantity, 0);
      const lots = [...new Set(pending.map((s) => s.batch?.lot ?? ""))].join(", ");
      setDone(sealed ? fmt(t.asSealed, { summary }) : fmt(t.done, { n, lot: lots }));
      await reload();
    }
  };

  const open = async () => {
    reset();
    setBusy(true);
    setProblem(null);
    try {
      if (await writeUnits("unpack", await receiptArgs(unit.sscc))) {
        setDone(fmt(t.opened, { sscc: unit.sscc }));
        await reload();
      }
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      className="mb-4"
      role="region"
      aria-labelledby="unit-arrival-title"
      data-testid="unit-arrival"
      data-sscc={unit.sscc}
    >
      <h2 id="unit-arrival-title" className="m-0 text-lg break-all">
        {fmt(t.unitTitle, { sscc: unit.sscc })}
      </h2>
      <UnitFacts unit={unit} />
      {mismatches.map((x) => (
        <Notice key={x.batchId} icon={TriangleAlert} role="alert" data-testid="unit-mismatch">
          {fmt(t.mismatch, { shipped: x.shipped, lot: x.lot, committed: x.committed })}
        </Notice>
      ))}
      <h3 className="m-0 text-base">{t.unitShipments}</h3>
      {pending.length === 0 ? (
        <p data-testid="unit-no-shipments">{t.unitNoShipments}</p>
      ) : (
        <ul className="m-0 list-none p-0" data-testid="unit-shipments">
          {pending.map((s) => (
            <li key={s.id} data-shipment={s.id}>
              {fmt(t.unitShipmentLine, { n: s.quantity, lot: s.batch?.lot ?? "", from: s.fromName ?? s.from })}
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap gap-3">
        {pending.length > 0 ? (
          <Button
            size="lg"
            className="w-full sm:w-auto"
            disabled={busy || missing !== null}
            onClick={() => void receiveAll()}
            data-testid="unit-receive-all"
          >
            {fmt(t.receiveAll, { n: pending.length })}
          </Button>
        ) : null}
        {canOpen && pending.length === 0 ? (
          <Button
            variant="secondary"
            size="lg"
            className="w-full sm:w-auto"
            disabled={busy || missing !== null}
            onClick={() => void open()}
            aria-describedby="unit-open-note"
            data-testid="unit-open"
          >
            <PackageOpen aria-hidden="true" /> {t.open}
          </Button>
        ) : null}
      </div>
      {pending.length > 0 ? <p className="m-0 text-sm text-muted">{t.shortfallNote}</p> : null}
      {canOpen && pending.length === 0 ? (
        <p id="unit-open-note" className="m-0 text-sm text-muted">
          {t.openNote}
        </p>
      ) : null}
      <MissingPermit permit="SHIP" />
      <TxStatus state={state} />
      <Outcome problem={problem} done={done} testid="unit-arrival-done" />
    </Card>
  );
}
