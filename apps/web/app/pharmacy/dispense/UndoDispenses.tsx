"use client";
import { custodyLedgerAbi } from "@tracemed/chain";
import { useState } from "react";
import { encodeFunctionData, type Hex } from "viem";
import { TxStatus } from "../../../components/TxStatus";
import type { DispenseRow } from "../../../lib/custody/data";
import { useI18n } from "../../../lib/i18n/client";
import { fmt } from "../../../lib/i18n/locales";
import { useLedgerWrite } from "../../../lib/wallet/useLedgerWrite";

/**
 * The pharmacy's dispenses inside the undo window. undoDispense takes the unix day of dispensing
 * (block.timestamp / 1 day), so the selection is grouped by (batch, day): one call, or a multicall.
 */
export function UndoDispenses({ rows }: { rows: DispenseRow[] }) {
  const { m, locale } = useI18n();
  const t = m.custody.dispense;
  const { state, write } = useLedgerWrite();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<string | null>(null);
  const key = (r: DispenseRow) => `${r.batchId}:${r.leafIndex}`;
  if (rows.length === 0) return <p>{t.undoNone}</p>;

  const undo = async () => {
    const groups = new Map<string, { batchId: Hex; day: number; indices: bigint[] }>();
    for (const r of rows) {
      if (!selected.has(key(r))) continue;
      const g = groups.get(`${r.batchId}:${r.day}`) ?? { batchId: r.batchId as Hex, day: r.day, indices: [] };
      g.indices.push(BigInt(r.leafIndex));
      groups.set(`${r.batchId}:${r.day}`, g);
    }
    const list = [...groups.values()];
    if (list.length === 0) return;
    const ok =
      list.length === 1
        ? await write("undoDispense", [list[0]!.batchId, list[0]!.day, list[0]!.indices])
        : await write("multicall", [
            list.map((g) =>
              encodeFunctionData({
                abi: custodyLedgerAbi,
                functionName: "undoDispense",
                args: [g.batchId, g.day, g.indices],
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
      <div className="table-wrap">
        <table data-testid="undo-table">
          <thead>
            <tr>
              <th scope="col">{t.undoSubmit}</th>
              <th scope="col">{t.dispensedAt}</th>
              <th scope="col">{m.custody.common.product}</th>
              <th scope="col">{m.custody.common.lot}</th>
              <th scope="col">{t.serial}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={key(r)} data-serial={r.serial}>
                <td>
                  <input
                    type="checkbox"
                    checked={selected.has(key(r))}
                    onChange={(e) =>
                      setSelected((s) => {
                        const n = new Set(s);
                        if (e.target.checked) n.add(key(r));
                        else n.delete(key(r));
                        return n;
                      })
                    }
                    aria-label={fmt(t.undoSelect, { serial: r.serial })}
                    data-testid={`undo-select-${r.serial}`}
                  />
                </td>
                <td>{new Date(r.dispensedAt).toLocaleString(locale)}</td>
                <td>{r.productName ?? r.gtin}</td>
                <td>{r.lot}</td>
                <td>
                  <code>{r.serial}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={selected.size === 0}
          onClick={() => void undo()}
          data-testid="undo-submit"
        >
          {t.undoSubmit} ({selected.size})
        </button>
      </div>
      <TxStatus state={state} />
      {done ? (
        <p className="panel panel-ok" role="status" data-testid="undo-done">
          <span aria-hidden="true">✓ </span>
          {done}
        </p>
      ) : null}
    </div>
  );
}
