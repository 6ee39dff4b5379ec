/**
 * Whether a scanned code agrees with the ledger beyond its key: EU FMD matches code, serial, batch and
 * expiry together and alerts on a mismatch. The expiry is compared as a date (YYMMDD, DD 00 = the
 * month's end), not as a string; the lot by looking for the GTIN + serial in another lot of the GTIN.
 */
import { gs1DateToIso, parseYymmdd } from "@tracemed/codes/browser";
import type { Db, Pool } from "@tracemed/db";

/** What the scanned code carried that disagrees with the ledger (the ledger's own value is never shown). */
export interface CodeMismatch {
  field: "expiry" | "lot";
  printed: string;
}

/**
 * Whether six printed digits YYMMDD (AI 17; DD 00 = the month's end) stand for the ledger's expiry day
 * (`expiresAt`, a moment of that day in UTC): dates are compared, not strings. Digits that are no date
 * (month 13) are not the ledger's expiry. The consumer's check and LVM (lvm.ts) both judge by it.
 */
export function isLedgerExpiry(printed: string, expiresAt: Date, now = new Date()): boolean {
  try {
    const date = parseYymmdd(printed, { allowDayZero: true, referenceYear: now.getUTCFullYear() });
    return gs1DateToIso(date) === expiresAt.toISOString().slice(0, 10);
  } catch {
    return false;
  }
}

/** The expiry mismatch of a printed AI 17 date against the ledger's, or null when they agree or none was printed. */
export function expiryMismatch(
  printed: string | null | undefined,
  expiresAt: Date,
  now = new Date(),
): CodeMismatch | null {
  return !printed || isLedgerExpiry(printed, expiresAt, now) ? null : { field: "expiry", printed };
}

/**
 * The batch of another lot of `gtin` that holds `serial` ($1 gtin, $2 serial, $3 the scanned lot): one
 * row when the scanned lot is wrong for a pack that exists. Served by Batch (gtin, lot) and Pack (batchId,
 * serial): a GTIN has few lots.
 */
export const OTHER_LOT_SQL = `SELECT b.id AS "batchId" FROM "Batch" b
  JOIN "Pack" p ON p."batchId" = b.id AND p.serial = $2
  WHERE b.gtin = $1 AND b.lot <> $3 LIMIT 1`;

/** The batch id of another lot of the pack's GTIN that holds its serial, if one does. */
export type OtherLotQuery = (pack: { gtin: string; lot: string; serial: string }) => Promise<string | undefined>;

export const otherLotThroughDb =
  (db: Db): OtherLotQuery =>
  async ({ gtin, lot, serial }) =>
    (await db.$queryRawUnsafe<{ batchId: string }[]>(OTHER_LOT_SQL, gtin, serial, lot))[0]?.batchId;

export const otherLotThroughPool =
  (pool: Pool): OtherLotQuery =>
  async ({ gtin, lot, serial }) =>
    (await pool.query<{ batchId: string }>(OTHER_LOT_SQL, [gtin, serial, lot])).rows[0]?.batchId;
