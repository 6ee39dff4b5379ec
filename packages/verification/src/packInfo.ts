import { isExpired } from "@tracemed/chain";
import type { Db } from "@tracemed/db";
import { readPackKey, type PackKey } from "@tracemed/provenance/packKey";
import type { StatusGuard } from "./chainStatus";
import { expiryMismatch, otherLotThroughDb, type CodeMismatch, type OtherLotQuery } from "./mismatch";

export interface PackInfo {
  known: boolean;
  gtin: string;
  lot: string;
  serial: string;
  batchId: string;
  /**
   * "unconfirmed": the database is behind the chain, and the chain could not be read, or knows a batch the
   * database does not have yet (then `known` is false) (chainStatus.ts)
   */
  status?: "active" | "quarantined" | "recalled" | "unconfirmed";
  statusReason?: string | null;
  expiry?: string | null;
  expiresAt?: string;
  expired?: boolean;
  product?: { name: string; strength: string; dosageForm: string; packSize: string } | null;
  manufacturer?: { name: string; country: string } | null;
  /**
   * The scanned code's printed expiry disagrees with the ledger's (the pack is known), or its lot is not the
   * pack's (`known` false: the GTIN + serial is in another lot, which is never shown)
   */
  mismatch?: CodeMismatch | null;
}

/** What the scanned code carried beyond the key: the AI 17 expiry (YYMMDD), when it did. */
export interface Printed {
  expiry: string | null;
}

/** What a batch shows to anyone: one row per batch, the same for all its packs. */
export interface BatchFacts {
  status: string;
  statusReason: string | null;
  statusChangedAt: Date | null;
  expiresAt: Date;
  expiry: string | null;
  manufacturerAccount: string;
  manufacturerName: string | null;
  manufacturerCountry: string | null;
  productName: string | null;
  strength: string | null;
  dosageForm: string | null;
  packSize: string | null;
}

/** The columns of BatchFacts, for queries over "Batch" b (and "PackSet" ps, "Product" pr, "Organisation" m). */
export const BATCH_FACTS_SQL = `b.status, b."statusReason", b."statusChangedAt", b."expiresAt", ps.expiry,
  b."manufacturerAccount", m.name AS "manufacturerName", m.country AS "manufacturerCountry",
  pr.name AS "productName", pr.strength, pr."dosageForm", pr."packSize"`;
export const BATCH_JOINS_SQL = `LEFT JOIN "PackSet" ps ON ps."batchId" = b.id
  LEFT JOIN "Organisation" m ON m.account = b."manufacturerAccount"
  LEFT JOIN "Product" pr ON pr.gtin = b.gtin`;

/** The public answer for a pack from its batch's facts (undefined: the pack is not registered). */
export function packInfoOf(key: PackKey, batch: BatchFacts | undefined, now = new Date(), printed?: Printed): PackInfo {
  const base = { gtin: key.gtin, lot: key.lot, serial: key.serial, batchId: key.batchId };
  if (!batch) return { known: false, ...base };
  return {
    known: true,
    ...base,
    status: batch.status as PackInfo["status"],
    statusReason: batch.status === "active" ? null : batch.statusReason,
    expiry: batch.expiry,
    expiresAt: batch.expiresAt.toISOString(),
    expired: isExpired(batch.expiresAt, now),
    product: batch.productName
      ? { name: batch.productName, strength: batch.strength!, dosageForm: batch.dosageForm!, packSize: batch.packSize! }
      : null,
    manufacturer: batch.manufacturerName ? { name: batch.manufacturerName, country: batch.manufacturerCountry! } : null,
    mismatch: expiryMismatch(printed?.expiry, batch.expiresAt, now),
  };
}

/**
 * What anyone who scanned a pack may see before typing its PIN: product, batch, expiry, status (the
 * chain's, through `guard`, while the database is behind it).
 */
export async function packInfo(
  db: Db,
  raw: { gtin: string; lot: string; serial: string },
  now = new Date(),
  guard?: StatusGuard,
  printed?: Printed,
): Promise<PackInfo> {
  const key = readPackKey(raw);
  const rows = await db.$queryRawUnsafe<BatchFacts[]>(
    `SELECT ${BATCH_FACTS_SQL}
       FROM "Pack" p
       JOIN "Batch" b ON b.id = p."batchId"
       ${BATCH_JOINS_SQL}
      WHERE p."batchId" = $1 AND p.serial = $2`,
    key.batchId,
    key.serial,
  );
  const facts = rows[0] && guard ? await guard.confirm(key.batchId, rows[0]) : rows[0];
  return guardUnknown(packInfoOf(key, facts, now, printed), guard, otherLotThroughDb(db));
}

/**
 * An unknown pack's answer, unless the database may just not have its batch yet (then "unconfirmed"), or
 * its GTIN + serial is in another lot (then a lot mismatch: the scanned code's lot is wrong).
 */
export async function guardUnknown(info: PackInfo, guard?: StatusGuard, otherLot?: OtherLotQuery): Promise<PackInfo> {
  if (info.known) return info;
  if (guard && (await guard.unsureOfUnknown(info.batchId))) return { ...info, status: "unconfirmed" };
  if (otherLot && (await otherLot(info))) return { ...info, mismatch: { field: "lot", printed: info.lot } };
  return info;
}
