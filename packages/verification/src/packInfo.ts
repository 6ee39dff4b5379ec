import { batchIdOf, isExpired } from "@tracemed/chain";
import { normalizeGtin } from "@tracemed/codes";
import type { Db } from "@tracemed/db";
import { badRequest } from "@tracemed/errors";
import type { StatusGuard } from "./chainStatus";

/** GS1 AI 10 / AI 21 values: 1 to 20 characters of the GS1 "CSET 82" set. */
export const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;

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
}

/** A scanned pack's identifiers, checked, with its batch id. */
export interface PackKey {
  gtin: string;
  lot: string;
  serial: string;
  batchId: string;
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

/** keccak of (GTIN, lot) costs ~40 µs in JavaScript; a scanning service meets the same few batches again and again. */
const batchIds = new Map<string, string>();
function batchIdFor(gtin: string, lot: string): string {
  const key = `${gtin}|${lot}`;
  let id = batchIds.get(key);
  if (id === undefined) {
    id = batchIdOf(BigInt(gtin), lot);
    if (batchIds.size >= 10_000) batchIds.clear();
    batchIds.set(key, id);
  }
  return id;
}

/** Checks a scanned (GTIN, lot, serial) and derives its batch id; a 400 names what is wrong. */
export function readPackKey(raw: { gtin: string; lot: string; serial: string }): PackKey {
  let gtin: string;
  try {
    gtin = normalizeGtin(raw.gtin);
  } catch (e) {
    throw badRequest("InvalidGtin", `The GTIN is not valid: ${(e as Error).message}`);
  }
  if (!CSET82.test(raw.lot)) throw badRequest("InvalidLot", "The lot must be 1 to 20 GS1 characters.");
  if (!CSET82.test(raw.serial)) throw badRequest("InvalidSerial", "The serial number must be 1 to 20 GS1 characters.");
  return { gtin, lot: raw.lot, serial: raw.serial, batchId: batchIdFor(gtin, raw.lot) };
}

/** The public answer for a pack from its batch's facts (undefined: the pack is not registered). */
export function packInfoOf(key: PackKey, batch: BatchFacts | undefined, now = new Date()): PackInfo {
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
  return guardUnknown(packInfoOf(key, facts, now), guard);
}

/** An unknown pack's answer, unless the database may just not have its batch yet (then "unconfirmed"). */
export async function guardUnknown(info: PackInfo, guard?: StatusGuard): Promise<PackInfo> {
  if (info.known || !guard || !(await guard.unsureOfUnknown(info.batchId))) return info;
  return { ...info, status: "unconfirmed" };
}
