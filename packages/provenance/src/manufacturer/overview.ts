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

/** A signal raised on one of the manufacturer's packs (PackFlag), with what the page shows beside it. */
export interface PackFlagRow {
  batchId: string;
  gtin: string;
  lot: string;
  serial: string;
  productName: string | null;
  /** wrong_pins, locked (wrong PINs locked it), code_mismatch (a scanned code's expiry or lot was not the ledger's), … */
  reason: string;
  /** times raised (for `locked`: times the pack locked) */
  count: number;
  firstAt: Date;
  /** the latest time it was raised (for `locked`: when it last locked) */
  lastAt: Date;
  /** wrong PINs ever typed for the pack */
  wrongPins: number;
}

/**
 * Flags (wrong-PIN bursts, locks, mismatched codes, reports, far-away checks) on the manufacturer's packs,
 * newest first, each with its pack's wrong PINs.
 */
export async function manufacturerFlags(db: Db, account: string, limit = 50): Promise<PackFlagRow[]> {
  return db.$queryRawUnsafe<PackFlagRow[]>(
    `SELECT f."batchId", b.gtin, b.lot, f.serial, pr.name AS "productName", f.reason::text AS reason, f.count,
            f."firstAt", f."lastAt",
            (SELECT count(*)::int FROM "ConsumerScan" s
              WHERE s."batchId" = f."batchId" AND s.serial = f.serial AND s.verdict = 'pin_mismatch') AS "wrongPins"
       FROM "PackFlag" f
       JOIN "Batch" b ON b.id = f."batchId"
       LEFT JOIN "Product" pr ON pr.gtin = b.gtin
      WHERE b."manufacturerAccount" = $1
      ORDER BY f."lastAt" DESC
      LIMIT $2`,
    account.toLowerCase(),
    limit,
  );
}
