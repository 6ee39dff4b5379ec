/**
 * A case or pallet arriving: where the shipments under its label differ from its sealed contents (the receive
 * desk says so before anything is received). Pure (browser-safe), tested beside this file.
 */

export interface Mismatch {
  batchId: string;
  lot: string;
  /** packs of the batch the shipments under the label carry */
  shipped: number;
  /** packs of the batch the unit's sealed contents hold */
  committed: number;
}

/** Per batch, shipped and committed quantities where they differ (a batch missing on one side counts 0). */
export function unitMismatches(
  unit: { contents: { batchId: string; lot: string; quantity: number }[] },
  shipments: { batchId: string; quantity: number; batch?: { lot: string } | null }[],
): Mismatch[] {
  const rows = new Map<string, Mismatch>();
  const row = (batchId: string, lot: string) => {
    const r = rows.get(batchId) ?? { batchId, lot, shipped: 0, committed: 0 };
    rows.set(batchId, r);
    return r;
  };
  for (const c of unit.contents) row(c.batchId, c.lot).committed += c.quantity;
  for (const s of shipments) row(s.batchId, s.batch?.lot ?? "").shipped += s.quantity;
  return [...rows.values()].filter((r) => r.shipped !== r.committed);
}
