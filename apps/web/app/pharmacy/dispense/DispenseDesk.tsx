"use client";
import { displayText } from "@tracemed/codes/browser";
import { dispenseProofRequest } from "@/lib/inputs/custody";
import { packLookupRequest } from "@/lib/inputs/pack";
import { postJson } from "@/lib/postJson";
import { ScanFeedback, type ScanProblem } from "@/components/scan/ScanFeedback";
import { useRef, useState } from "react";
import type { Hex } from "viem";
import { codeErrorText } from "@/components/scan/codeError";
import { Scanner } from "@/components/scan/Scanner";
import { DataTable } from "@/components/table/DataTable";
import { TxStatus } from "@/components/TxStatus";
import { dispenseCall } from "@/components/custody/dispenseCall";
import {
  addToQueue,
  findDuplicate,
  isDispensable,
  removeFromQueue,
  settlement,
  type QueueAlert,
  type QueueEntry,
} from "@/lib/custody/dispenseQueue";
import type { PackLookup } from "@tracemed/verification/packLookup";
import type { DispenseProof } from "@tracemed/verification/packTrees";
import { readPackCode, type PackCode } from "@/lib/custody/readCode";
import { useI18n } from "@/lib/i18n/client";
import { datesFor } from "@/lib/dates";
import { MissingPermit, useMissingPermit } from "@/components/MissingPermit";
import { fmt } from "@/lib/i18n/locales";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";
import { reasonForStaff } from "@tracemed/chain/reason";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/Notice";
import { TriangleAlert } from "lucide-react";

export function DispenseDesk() {
  const { m, locale, timeZone } = useI18n();
  const dates = datesFor({ locale, timeZone });
  const t = m.custody.dispense;
  const { state, write, reset } = useLedgerWrite();
  const missing = useMissingPermit("DISPENSE");
  const [queue, setQueueState] = useState<QueueEntry[]>([]);
  const queueRef = useRef<QueueEntry[]>([]);
  const setQueue = (next: QueueEntry[] | ((q: QueueEntry[]) => QueueEntry[])) => {
    queueRef.current = typeof next === "function" ? next(queueRef.current) : next;
    setQueueState(queueRef.current);
  };
  const [scannedAt, setScannedAt] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ScanProblem | null>(null);
  const [looking, setLooking] = useState(false);
  const [preparing, setPreparing] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const onScan = async (text: string): Promise<boolean> => {
    setDone(null);
    let code: PackCode;
    try {
      code = readPackCode(text);
    } catch (e) {
      setProblem(codeErrorText(m, e));
      return false;
    }
    const dup = findDuplicate(queueRef.current, code);
    if (dup) {
      setProblem({ text: fmt(t.duplicate, { time: scannedAt[dup.key] ?? "" }) });
      return true; // the scan was understood; nothing to correct in the field
    }
    setLooking(true);
    try {
      let lookup = await postJson<PackLookup>(
        "/api/custody/packs/lookup",
        { gtin: code.gtin, lot: code.lot, serial: code.serial },
        packLookupRequest,
      );
      // A damaged wedge scan may have another reading that is a real pack: take the first that is.
      for (const alt of code.alternatives ?? []) {
        if (lookup.found) break;
        const other = await postJson<PackLookup>("/api/custody/packs/lookup", alt, packLookupRequest);
        if (other.found) {
          code = { ...code, ...alt };
          lookup = other;
        }
      }
      // The queue as it is now (another scan may have landed while this one was looked up).
      const r = addToQueue(queueRef.current, code, lookup);
      if (!r.ok) {
        setProblem({ text: fmt(t.duplicate, { time: scannedAt[r.existing.key] ?? "" }) });
      } else {
        setQueue(r.queue);
        setScannedAt((s) => ({ ...s, [r.entry.key]: new Date().toLocaleTimeString(locale) }));
        setProblem(null);
      }
      reset();
      return true; // understood (a duplicate too): the field clears for the next scan
    } catch (e) {
      setProblem({ text: m.common.errors.network, detail: (e as Error).message });
      return false;
    } finally {
      setLooking(false);
    }
  };

  const alertText = (e: QueueEntry, a: QueueAlert): string => {
    const l = e.lookup;
    switch (a) {
      case "unknown":
        return fmt(t.alerts.unknown, { lot: e.code.lot });
      case "already-dispensed":
        return fmt(t.alerts["already-dispensed"], {
          by: l.dispensed?.byName ? fmt(t.byWhom, { name: l.dispensed.byName }) : "",
          when: l.dispensed?.at ? fmt(t.onDate, { date: new Date(l.dispensed.at).toLocaleString(locale) }) : "",
        });
      case "recalled":
        return fmt(t.alerts.recalled, { reason: displayText(reasonForStaff(l.statusReason ?? "", locale)) });
      case "quarantined":
        return fmt(t.alerts.quarantined, { reason: displayText(reasonForStaff(l.statusReason ?? "", locale)) });
      case "expired":
        return fmt(t.alerts.expired, { date: dates.day(l.expiresAt) });
      case "expiry-mismatch":
        return fmt(t.alerts["expiry-mismatch"], { scanned: e.code.expiry ?? "", batch: l.expiry ?? "" });
      case "not-in-stock":
        return fmt(t.alerts["not-in-stock"], { held: l.heldByYou ?? 0 });
    }
  };

  const ready = queue.filter(isDispensable);
  const blocked = queue.length - ready.length;

  const dispense = async () => {
    const groups = settlement(queue);
    if (groups.length === 0) return;
    setPreparing(true);
    setProblem(null);
    let proofs: DispenseProof[];
    try {
      proofs = await Promise.all(
        groups.map((g) => postJson<DispenseProof>("/api/custody/proofs", g, dispenseProofRequest)),
      );
    } catch (e) {
      setPreparing(false);
      setProblem({ text: m.common.errors.unexpected, detail: (e as Error).message });
      return;
    }
    setPreparing(false);
    const p0 = proofs[0]!;
    const result =
      proofs.length > 1
        ? await write("multicall", [proofs.map(dispenseCall)])
        : p0.kind === "single"
          ? await write("dispense", [p0.batchId as Hex, BigInt(p0.index), p0.commitment as Hex, p0.proof as Hex[]])
          : await write("dispenseMany", [
              p0.batchId as Hex,
              p0.indices.map(BigInt),
              p0.commitments as Hex[],
              p0.proof as Hex[],
              p0.proofFlags,
            ]);
    if (result) {
      const gone = new Set(ready.map((e) => e.key));
      setQueue((q) => q.filter((e) => !gone.has(e.key)));
      setDone(fmt(t.done, { n: gone.size }));
    }
  };

  return (
    <>
      <Scanner
        onScan={onScan}
        label={t.inputLabel}
        submitLabel={t.submit}
        testId="dispense"
        continuous
        pageWedge
        autoFocus
      />
      <ScanFeedback testId="dispense" looking={looking} lookingText={t.looking} problem={problem} done={done} />
      <section aria-labelledby="queue-title" className="mt-6">
        <h2 id="queue-title">
          {t.queueTitle} ({queue.length})
        </h2>
        <DataTable
          testid="dispense-queue"
          rows={queue}
          rowKey={(e) => e.key}
          rowData={(e) => ({
            "data-serial": e.code.serial,
            "data-alerts": e.alerts.join(" "),
            "data-testid": "queue-row",
          })}
          empty={<p>{t.empty}</p>}
          columns={[
            // The serial first: on a phone it heads the pack's card, the one thing to match against the box.
            {
              head: t.serial,
              cell: (e) => <code className="text-base font-semibold whitespace-nowrap">{e.code.serial}</code>,
            },
            { head: m.custody.common.product, cell: (e) => e.lookup.productName ?? e.code.gtin },
            { head: m.custody.common.lot, cell: (e) => e.code.lot },
            {
              head: m.custody.common.status,
              cell: (e) =>
                e.alerts.length === 0 ? (
                  <Badge tone="ok">
                    <span aria-hidden="true">✓</span> {t.ok}
                  </Badge>
                ) : (
                  <ul className="m-0 flex list-none flex-col gap-1 p-0 font-medium text-bad" role="alert">
                    {e.alerts.map((a) => (
                      <li key={a} data-alert={a} className="flex items-start gap-1.5">
                        <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
                        {alertText(e, a)}
                      </li>
                    ))}
                  </ul>
                ),
            },
            {
              head: t.remove,
              cell: (e) => (
                <Button
                  variant="secondary"
                  size="lg"
                  onClick={() => setQueue((q) => removeFromQueue(q, e.key))}
                  aria-label={fmt(t.removeAria, { serial: e.code.serial })}
                >
                  {t.remove}
                </Button>
              ),
            },
          ]}
        />
        {blocked > 0 ? (
          <Notice className="my-3">
            <p>{fmt(t.blockedNote, { n: blocked })}</p>
            <Button variant="secondary" size="lg" onClick={() => setQueue((q) => q.filter(isDispensable))}>
              {t.clearBlocked}
            </Button>
          </Notice>
        ) : null}
        <div className="my-3 flex flex-wrap items-center gap-3">
          <Button
            size="lg"
            className="w-full sm:w-auto"
            disabled={
              ready.length === 0 ||
              preparing ||
              missing !== null ||
              state.phase === "signing" ||
              state.phase === "pending"
            }
            onClick={() => void dispense()}
            data-testid="dispense-submit"
          >
            {ready.length === 0 ? t.submitNone : fmt(t.submitN, { n: ready.length })}
          </Button>
          {preparing ? <span role="status">{t.preparing}</span> : null}
        </div>
        <MissingPermit permit="DISPENSE" />
        <TxStatus state={state} />
      </section>
    </>
  );
}
