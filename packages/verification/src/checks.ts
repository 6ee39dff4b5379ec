/**
 * "Checks since the first verification", with one meaning for the consumer's verdict, the regulator's
 * "Later checks" and the manufacturer's figures: the successful checks after the first verification (the
 * one that claimed the pack), the one being answered included. The second check of a pack reads 1.
 */
import type { Db } from "@tracemed/db";
import type { PackRef } from "@tracemed/provenance/regulator/dashboard";

/**
 * Verdicts that are not a successful check (they do not count). A code mismatch is an alert, not a check:
 * it neither claims the pack nor counts.
 */
export const NOT_A_CHECK = new Set(["pin_mismatch", "unknown", "locked", "unconfirmed", "code_mismatch"]);
/** The same, as an SQL list for `verdict NOT IN …`. */
const NOT_A_CHECK_SQL = `(${[...NOT_A_CHECK].map((v) => `'${v}'`).join(", ")})`;

/**
 * Whether a scan s of a pack p (with its ClaimRequest c) is a successful check at or after the pack's
 * claim, as both the database path and the replica's load count them. At, not only after: times are
 * kept to the millisecond, and a check flushed right after its claim can carry the claim's time.
 */
export const CHECK_AFTER_CLAIM_SQL = `s.verdict NOT IN ${NOT_A_CHECK_SQL}
  AND s."createdAt" >= COALESCE(c."requestedAt", p."claimedAt")`;

/**
 * Checks since the first verification, from the successful checks recorded at or after the claim
 * (`fromClaim`): the claiming check is among them when this database claimed the pack (`claimedHere`, a
 * ClaimRequest); a pack claimed on chain alone has no claiming check here.
 */
export const checksSinceFirst = (fromClaim: number, claimedHere: boolean): number =>
  Math.max(0, fromClaim - (claimedHere ? 1 : 0));

/** checksSinceFirst as an aggregate over a pack p's scans s, with its ClaimRequest c (c."requestedAt" grouped by). */
export const CHECKS_SINCE_FIRST_SQL = `GREATEST(count(*) FILTER (WHERE ${CHECK_AFTER_CLAIM_SQL})
  - CASE WHEN c."requestedAt" IS NULL THEN 0 ELSE 1 END, 0)::int`;

/** Per claimed pack with scans ($1 and on: the caller's filter on b "Batch"): its checks since the first. */
const laterChecksByPack = (where: string) => `SELECT s."batchId", s.serial, b.gtin, b.lot, b."manufacturerAccount",
       ${CHECKS_SINCE_FIRST_SQL} AS "laterChecks",
       COALESCE(c."requestedAt", p."claimedAt") AS "firstAt", c.region AS "firstRegion",
       max(s."createdAt") FILTER (WHERE ${CHECK_AFTER_CLAIM_SQL}) AS "lastAt",
       (array_agg(s.region ORDER BY s.id) FILTER (WHERE ${CHECK_AFTER_CLAIM_SQL}))
         [CASE WHEN c."requestedAt" IS NULL THEN 1 ELSE 2 END:] AS regions
  FROM "ConsumerScan" s
  JOIN "Batch" b ON b.id = s."batchId"
  JOIN "Pack" p ON p."batchId" = s."batchId" AND p.serial = s.serial
  LEFT JOIN "ClaimRequest" c ON c."batchId" = p."batchId" AND c."leafIndex" = p."leafIndex"
 WHERE COALESCE(c."requestedAt", p."claimedAt") IS NOT NULL AND ${where}
 GROUP BY s."batchId", s.serial, b.gtin, b.lot, b."manufacturerAccount", c."requestedAt", c.region, p."claimedAt"`;

export interface RepeatVerification extends PackRef {
  /** checks since the first verification (checksSinceFirst) */
  repeats: number;
  firstAt: string | null;
  firstRegion: string | null;
  lastAt: string;
  /** the regions later checks came from */
  regions: string[];
}

/**
 * The regulator's "packs verified again": packs with a later check within the last `sinceDays` (default 30),
 * most checks first. A copied label, or a curious owner.
 */
export async function repeatVerifications(
  db: Db,
  o: { sinceDays?: number; limit?: number; now?: Date } = {},
): Promise<RepeatVerification[]> {
  const since = new Date((o.now ?? new Date()).getTime() - (o.sinceDays ?? 30) * 86_400_000);
  const rows = await db.$queryRawUnsafe<
    (PackRef & {
      laterChecks: number;
      firstAt: Date | null;
      firstRegion: string | null;
      lastAt: Date;
      regions: (string | null)[] | null;
    })[]
  >(
    `SELECT k.*, pr.name AS "productName" FROM (${laterChecksByPack("TRUE")}) k
       LEFT JOIN "Product" pr ON pr.gtin = k.gtin
      WHERE k."laterChecks" > 0 AND k."lastAt" > $1
      ORDER BY k."laterChecks" DESC, k."lastAt" DESC
      LIMIT $2`,
    since,
    o.limit ?? 50,
  );
  return rows.map((r) => ({
    batchId: r.batchId,
    gtin: r.gtin,
    lot: r.lot,
    serial: r.serial,
    productName: r.productName,
    repeats: r.laterChecks,
    firstAt: r.firstAt?.toISOString() ?? null,
    firstRegion: r.firstRegion,
    lastAt: r.lastAt.toISOString(),
    regions: [...new Set((r.regions ?? []).filter((x): x is string => x !== null))],
  }));
}

/** A manufacturer's consumer checks of one batch: packs verified, and checks since their first verification. */
export interface BatchChecks {
  batchId: string;
  verified: number;
  laterChecks: number;
}

/** The manufacturer's figures, per batch of its own that consumers verified. */
export async function manufacturerChecks(db: Db, account: string): Promise<BatchChecks[]> {
  return db.$queryRawUnsafe<BatchChecks[]>(
    `SELECT k."batchId", count(*)::int AS verified, sum(k."laterChecks")::int AS "laterChecks"
       FROM (${laterChecksByPack(`b."manufacturerAccount" = $1`)}) k
      GROUP BY k."batchId"`,
    account.toLowerCase(),
  );
}
