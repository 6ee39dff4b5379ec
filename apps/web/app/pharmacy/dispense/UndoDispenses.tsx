"use client";
import { custodyLedgerAbi } from "@tracemed/chain";
import { useState } from "react";
import { encodeFunctionData, type Hex } from "viem";
import { DataTable } from "@/components/table/DataTable";
import { TxStatus } from "@/components/TxStatus";
import { dispenseColumns, dispenseKey, dispenseSigner } from "@/components/custody/columns";
import type { DispenseRow } from "@tracemed/provenance/custody";
import { useI18n } from "@/lib/i18n/client";
import { datesFor } from "@/lib/dates";
import { fmt } from "@/lib/i18n/locales";
import { useLedgerWrite } from "@/lib/wallet/useLedgerWrite";
import { MissingPermit, useMissingPermit } from "@/components/MissingPermit";
import { useStaff } from "@/lib/wallet/staff";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/Notice";

/**
 * The pharmacy's dispenses inside the undo window (240 hours). undoDispense takes the unix hour of
 * dispensing (block.timestamp / 1 hour), so the selection is grouped by (batch, hour): one call, or a
 * multicall. Undoing is allowed whatever the batch's state (a recalled pack goes back to stock, to be
 * returned or written off).
 */
export function UndoDispenses({ rows }: { rows: DispenseRow[] }) {
  const i18n = useI18n();
  const m = i18n.m;
  const t = m.custody.dispense;
  const { state, write } = useLedgerWrite();
  const missingDispense = useMissingPermit("DISPENSE");
  const { staff } = useStaff();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<string | null>(null);
  const col = dispenseColumns(m, datesFor(i18n));
  if (rows.length === 0) return <p className="text-muted">{t.undoNone}</p>;

  const undo = async () => {
    const groups = new Map<string, { batchId: Hex; hour: number; indices: bigint[] }>();
    for (const r of rows) {
      if (!selected.has(dispenseKey(r))) continue;
      const key = `${r.batchId}:${r.hour}`;
      const g = groups.get(key) ?? { batchId: r.batchId as Hex, hour: r.hour, indices: [] };
      g.indices.push(BigInt(r.leafIndex));
      groups.set(key, g);
    }
    const list = [...groups.values()];
    if (list.length === 0) return;
    const ok =
      list.length === 1
        ? await write("undoDispense", [list[0]!.batchId, list[0]!.hour, list[0]!.indices])
        : await write("multicall", [
            list.map((g) =>
              encodeFunctionData({
                abi: custodyLedgerAbi,
                functionName: "undoDispense",
                args: [g.batchId, g.hour, g.indices],
              }),
            ),
          ]);
    if (ok) {
      setDone(fmt(t.undone, { n: selected.size }));
      setSelected(new Set());
    }
  };

  return (
    <div>
      <DataTable
        testid="undo-table"
        rows={rows}
        rowKey={dispenseKey}
        rowData={(r) => ({ "data-serial": r.serial })}
        columns={[
          {
            // The serial is the checkbox's visible label: on a phone the pack's card opens with it, a thumb-sized target.
            head: t.serial,
            sortValue: (r) => r.serial,
            cell: (r) => (
              <label className="inline-flex min-h-tap cursor-pointer items-center gap-3">
                <input
                  type="checkbox"
                  className="size-5 shrink-0 accent-brand"
                  checked={selected.has(dispenseKey(r))}
                  onChange={(e) =>
                    setSelected((s) => {
                      const n = new Set(s);
                      if (e.target.checked) n.add(dispenseKey(r));
                      else n.delete(dispenseKey(r));
                      return n;
                    })
                  }
                  aria-label={fmt(t.undoSelect, { serial: r.serial })}
                  data-testid={`undo-select-${r.serial}`}
                />
                <code className="text-base font-semibold whitespace-nowrap">{r.serial}</code>
              </label>
            ),
          },
          { ...col.when, head: t.dispensedAt },
          col.product,
          col.lot,
          dispenseSigner(m, staff?.name ?? ""),
        ]}
      />
      <div className="my-3 flex flex-wrap items-center gap-3">
        <Button
          variant="danger"
          size="lg"
          className="w-full sm:w-auto"
          disabled={selected.size === 0 || missingDispense !== null}
          onClick={() => void undo()}
          data-testid="undo-submit"
        >
          {t.undoSubmit} ({selected.size})
        </Button>
      </div>
      <MissingPermit permit="DISPENSE" />
      <TxStatus state={state} />
      {done ? (
        <Notice tone="ok" role="status" data-testid="undo-done">
          {done}
        </Notice>
      ) : null}
    </div>
  );
}
