import type { Db } from "@tracemed/db";

/**
 * Where the packs of these batches are now: every holding, the packs in transit per batch, and the
 * batches' products. One read for every staff overview (the manufacturer's, the regulator's).
 */
export async function stockOf(db: Db, batches: { id: string; gtin: string }[]) {
  const ids = batches.map((b) => b.id);
  const [holdings, transit, products] = await Promise.all([
    db.holding.findMany({ where: { batchId: { in: ids } } }),
    db.shipment.groupBy({
      by: ["batchId"],
      where: { batchId: { in: ids }, status: { in: ["in_transit", "cancel_requested"] } },
      _sum: { quantity: true },
    }),
    db.product.findMany({ where: { gtin: { in: [...new Set(batches.map((b) => b.gtin))] } } }),
  ]);
  /** Packs of `batchId` in transit now. */
  const inTransit = (batchId: string) => transit.find((t) => t.batchId === batchId)?._sum.quantity ?? 0;
  return { holdings, products, inTransit };
}
