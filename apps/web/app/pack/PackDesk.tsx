"use client";
import { newSscc } from "@tracemed/codes/browser";
import type { UnitView } from "@tracemed/provenance/units";
import type { PackForPacking } from "@tracemed/provenance/unitDesk";
import { useRef, useState } from "react";
import { FileDown, PackageCheck } from "lucide-react";
import { codeErrorText } from "@/components/scan/codeError";
import { ScanFeedback, type ScanProblem } from "@/components/scan/ScanFeedback";
import { Scanner } from "@/components/scan/Scanner";
import { DataTable } from "@/components/table/DataTable";
import { TxStatus } from "@/components/TxStatus";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { Field } from "@/components/form/Field";
import { MissingPermit, useMissingPermit } from "@/components/MissingPermit";
import { Notice } from "@/components/Notice";
import { Button } from "@/components/ui/button";
import { fetchUnit, receiptArgs, takeOverData, unitSummary } from "@/components/custody/unitApi";
import { logisticUnitsAbi } from "@tracemed/chain";
import { encodeFunctionData } from "viem";
import {
  addToList,
  packCall,
  packCount,
  removeFromList,
  unitForPacking,
  type PackingItem,
} from "@tracemed/provenance/packing";
import { packRefusalText } from "@/lib/custody/packRefusal";
import { readCode, readShipmentCode } from "@/lib/custody/readCode";
import { packLookupRequest } from "@/lib/inputs/pack";
import { datesFor } from "@/lib/dates";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { postJson } from "@/lib/postJson";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";

/**
 * Scan packs (or sealed cases, for a pallet) into a list, choose the unit's SSCC (new from the organisation's GLN,
 * or a pre-printed label), and seal it with one `pack()` on the LogisticUnits contract. Then its logistic label.
 * Below: the sealed units at the organisation's site, each with "Unpack".
 */
export function PackDesk(props: { gln: string; held: UnitView[] }) {
  const i18n = useI18n();
  const { m } = i18n;
  const t = m.custody.pack;
  const dates = datesFor(i18n);
  const { state, writeUnits, reset } = useLedgerWrite();
  const missing = useMissingPermit("SHIP");
  const [list, setListState] = useState<PackingItem[]>([]);
  const listRef = useRef<PackingItem[]>([]);
  const setList = (next: PackingItem[]) => {
    listRef.current = next;
    setListState(next);
  };
  const [problem, setProblem] = useState<ScanProblem | null>(null);
  const [looking, setLooking] = useState(false);
  const [ssccMode, setSsccMode] = useState<"new" | "printed">("new");
  const [printed, setPrinted] = useState("");
  const [printedError, setPrintedError] = useState<string | null>(null);
  const [packed, setPacked] = useState<{ sscc: string; packs: number } | null>(null);
  const [unpacking, setUnpacking] = useState<UnitView | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const target = (() => {
    try {
      return ssccMode === "printed" ? readShipmentCode(printed).sscc : null;
    } catch {
      return null;
    }
  })();

  const onScan = async (text: string): Promise<boolean> => {
    setDone(null);
    setPacked(null);
    let code: ReturnType<typeof readCode>;
    try {
      code = readCode(text);
    } catch (e) {
      setProblem(codeErrorText(m, e));
      return false;
    }
    setLooking(true);
    try {
      let facts: Parameters<typeof addToList>[1];
      if (code.kind === "pack") {
        facts = await postJson<PackForPacking>(
          "/api/custody/units/packs",
          { gtin: code.gtin, lot: code.lot, serial: code.serial },
          packLookupRequest,
        );
      } else {
        facts = unitForPacking(await fetchUnit(code.sscc), code.sscc);
      }
      const r = addToList(listRef.current, facts, target);
      if (r.ok) {
        setList(r.list);
        setProblem(null);
      } else setProblem({ text: packRefusalText(t.refusals, r) });
      reset();
      return true; // understood, refused or not: the field clears for the next scan
    } catch (e) {
      setProblem({ text: m.common.errors.network, detail: (e as Error).message });
      return false;
    } finally {
      setLooking(false);
    }
  };

  const pack = async () => {
    let sscc: string;
    if (ssccMode === "printed") {
      try {
        sscc = readShipmentCode(printed).sscc;
      } catch {
        setPrintedError(t.errSscc);
        return;
      }
    } else sscc = newSscc(props.gln);
    setPrintedError(null);
    const { groups, children, takeOver } = packCall(listRef.current);
    const packs = packCount(listRef.current);
    const args = [BigInt(sscc), groups, children] as const;
    setBusy(true);
    try {
      // Cases received from their holder are taken over (with the receipt proof) in the same transaction.
      const ok =
        takeOver.length === 0
          ? await writeUnits("pack", args)
          : await writeUnits("multicall", [
              [
                ...(await Promise.all(takeOver.map(async (s) => takeOverData(await receiptArgs(s))))),
                encodeFunctionData({ abi: logisticUnitsAbi, functionName: "pack", args }),
              ],
            ]);
      if (ok) {
        setList([]);
        setPrinted("");
        setPacked({ sscc, packs });
      }
    } catch (e) {
      setProblem({ text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const unpack = async (unit: UnitView) => {
    setBusy(true);
    try {
      const ok = await writeUnits("unpack", await receiptArgs(unit.sscc));
      if (ok) setDone(fmt(t.unpacked, { sscc: unit.sscc }));
    } catch (e) {
      setProblem({ text: (e as Error).message });
    } finally {
      setBusy(false);
      setUnpacking(null);
    }
  };

  const itemName = (i: PackingItem) =>
    i.kind === "pack" ? fmt(t.packItem, { serial: i.serial }) : fmt(t.caseItem, { sscc: i.sscc });
  const writing = state.phase === "signing" || state.phase === "pending";

  return (
    <>
      <Scanner
        onScan={onScan}
        label={t.inputLabel}
        submitLabel={t.submit}
        testId="pack"
        continuous
        pageWedge
        autoFocus
      />
      <ScanFeedback testId="pack" looking={looking} lookingText={t.looking} problem={problem} done={done} />
      <section aria-labelledby="pack-list-title" className="mt-6">
        <h2 id="pack-list-title">{fmt(t.listTitle, { n: list.length, packs: packCount(list) })}</h2>
        <DataTable
          testid="pack-list"
          rows={list}
          rowKey={(i) => i.key}
          rowData={(i) => ({
            "data-testid": "pack-row",
            "data-kind": i.kind,
            "data-key": i.kind === "unit" ? i.sscc : i.serial,
          })}
          empty={<p>{t.empty}</p>}
          columns={[
            { head: t.item, cell: (i) => <code className="font-semibold">{itemName(i)}</code> },
            { head: m.custody.common.product, cell: (i) => (i.kind === "pack" ? (i.productName ?? i.gtin) : "") },
            { head: m.custody.common.lot, cell: (i) => (i.kind === "pack" ? i.lot : "") },
            {
              head: m.custody.common.quantity,
              cell: (i) => fmt(m.custody.common.packs, { n: i.kind === "unit" ? i.packs : 1 }),
            },
            {
              head: t.remove,
              cell: (i) => (
                <Button
                  variant="secondary"
                  size="lg"
                  onClick={() => setList(removeFromList(listRef.current, i.key))}
                  aria-label={fmt(t.removeAria, { item: itemName(i) })}
                >
                  {t.remove}
                </Button>
              ),
            },
          ]}
        />
        <fieldset className="my-4 flex flex-col gap-2 rounded-control border border-line p-3 sm:p-4">
          <legend className="px-1 text-sm font-semibold">{t.ssccLegend}</legend>
          {(["new", "printed"] as const).map((mode) => (
            <label key={mode} className="flex items-center gap-2">
              <input
                type="radio"
                name="sscc-mode"
                checked={ssccMode === mode}
                onChange={() => setSsccMode(mode)}
                data-testid={`pack-sscc-${mode}`}
              />
              {mode === "new" ? t.ssccNew : t.ssccPrinted}
            </label>
          ))}
          {ssccMode === "printed" ? (
            <Field id="pack-sscc" label={t.ssccInput} problem={printedError}>
              {(c) => (
                <input
                  {...c}
                  inputMode="numeric"
                  value={printed}
                  onChange={(e) => setPrinted(e.target.value)}
                  data-testid="pack-sscc"
                />
              )}
            </Field>
          ) : null}
        </fieldset>
        <Button
          size="lg"
          className="w-full sm:w-auto"
          disabled={list.length === 0 || busy || writing || missing !== null}
          onClick={() => void pack()}
          data-testid="pack-submit"
        >
          {list.length === 0 ? t.submitNone : fmt(t.submitN, { n: list.length })}
        </Button>
        <MissingPermit permit="SHIP" />
        <TxStatus state={state} />
      </section>
      {packed ? (
        <Notice tone="ok" icon={PackageCheck} className="my-4" data-testid="packed" data-sscc={packed.sscc}>
          <p>{fmt(t.done, { sscc: packed.sscc, packs: packed.packs })}</p>
          <Button asChild variant="secondary" size="lg">
            <a href={`/api/custody/units/${packed.sscc}/label`} data-testid="packed-label-link">
              <FileDown aria-hidden="true" /> {t.label}
            </a>
          </Button>
        </Notice>
      ) : null}
      {unpacking ? (
        <ConfirmDialog
          question={fmt(t.unpackConfirm, { sscc: unpacking.sscc, packs: unpacking.packs })}
          yes={t.unpack}
          no={m.custody.receive.close}
          onYes={() => void unpack(unpacking)}
          onNo={() => setUnpacking(null)}
          busy={busy}
          testid="unpack-confirm"
        />
      ) : null}
      <DataTable
        heading={{ id: "pack-held", text: t.heldTitle }}
        testid="held-units"
        rows={props.held}
        rowKey={(u) => u.sscc}
        rowData={(u) => ({ "data-sscc": u.sscc })}
        empty={t.heldEmpty}
        columns={[
          { head: m.custody.unit.sscc, cell: (u) => <code>{u.sscc}</code> },
          { head: m.custody.unit.contents, cell: (u) => unitSummary(m, u) },
          { head: m.custody.unit.packedAt, cell: (u) => dates.at(u.packedAt) },
          {
            head: t.label,
            cell: (u) => (
              <a href={`/api/custody/units/${u.sscc}/label`} data-testid={`label-${u.sscc}`}>
                {t.label}
              </a>
            ),
          },
          {
            head: t.unpack,
            cell: (u) => (
              <Button
                variant="secondary"
                size="lg"
                disabled={busy || missing !== null}
                onClick={() => setUnpacking(u)}
                aria-label={fmt(t.unpackAria, { sscc: u.sscc })}
                data-testid={`unpack-${u.sscc}`}
              >
                {t.unpack}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
