/**
 * What a manufacturer's dashboard and batch page read from the database (the indexer's projection
 * of the ledger plus the off-chain master data): its batches with where their packs are, its
 * products, and the signals raised on its packs.
 */
import { isExpired } from "@tracemed/chain";
import type { Db } from "@tracemed/db";
import { stockOf } from "../stock";

export type BatchState = "active" | "quarantined" | "recalled" | "expired";

export interface BatchRow {
  batchId: string;
  gtin: string;
  lot: string;
  productName: string | null;
  status: BatchState;
  statusReason: string | null;
  expiresAt: Date;
  packCount: number;
  atSite: number;
  inNetwork: number;
  inTransit: number;
  dispensed: number;
  registeredAt: Date;
  registeredTx: string;
}

/** An active batch past its expiry reads "expired"; recalled and quarantined stay what they are. */
export function batchState(status: string, expiresAt: Date, now = new Date()): BatchState {
  if (status === "recalled" || status === "quarantined") return status;
  return isExpired(expiresAt, now) ? "expired" : "active";
}

export async function manufacturerBatches(db: Db, account: string, batchId?: string): Promise<BatchRow[]> {
  const me = account.toLowerCase();
  const batches = await db.batch.findMany({
    where: { manufacturerAccount: me, ...(batchId ? { id: batchId } : {}) },
    orderBy: { registeredAt: "desc" },
  });
  if (batches.length === 0) return [];
  const { holdings, products, inTransit } = await stockOf(db, batches);
  return batches.map((b) => {
    const hs = holdings.filter((h) => h.batchId === b.id);
    const mine = hs.filter((h) => h.account.toLowerCase() === me);
    return {
      batchId: b.id,
      gtin: b.gtin,
      lot: b.lot,
      productName: products.find((p) => p.gtin === b.gtin)?.name ?? null,
      status: batchState(b.status, b.expiresAt),
      statusReason: b.statusReason,
      expiresAt: b.expiresAt,
      packCount: b.packCount,
      atSite: mine.reduce((s, h) => s + h.held, 0),
      inNetwork: hs.filter((h) => h.account.toLowerCase() !== me).reduce((s, h) => s + h.held, 0),
      inTransit: inTransit(b.id),
      dispensed: hs.reduce((s, h) => s + h.dispensed, 0),
      registeredAt: b.registeredAt,
      registeredTx: b.registeredTx,
    };
  });
}

/** Flags (wrong-PIN bursts, reports, far-away checks) on the manufacturer's packs, newest first. */
export async function manufacturerFlags(db: Db, account: string, limit = 50) {
  const batches = await db.batch.findMany({
    where: { manufacturerAccount: account.toLowerCase() },
    select: { id: true, lot: true, gtin: true },
  });
  if (batches.length === 0) return [];
  const flags = await db.packFlag.findMany({
    where: { batchId: { in: batches.map((b) => b.id) } },
    orderBy: { lastAt: "desc" },
    take: limit,
  });
  return flags.map((f) => ({ ...f, lot: batches.find((b) => b.id === f.batchId)?.lot ?? "" }));
}
