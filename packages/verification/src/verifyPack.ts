/**
 * The consumer verification: a scanned pack (GTIN, lot, serial) and the scratch-off PIN typed for it
 * give one verdict. Framework-free (the Next.js route and any lean service call it).
 *
 * Rules: the first correct PIN claims the pack (a unique row decides races); every wrong PIN gets
 * the same answer at the same moment whatever the pack's state; a pack that draws repeated wrong
 * PINs is locked for a while and flagged for its manufacturer; nothing logs or stores a PIN.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { checkPin, readPinInput, type Keccak256 } from "@tracemed/codes";
import type { Db } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";
import { readPackKey } from "@tracemed/provenance/packKey";
import { BATCH_FACTS_SQL, BATCH_JOINS_SQL, packManufacturerOf, type BatchFacts, type PackInfo } from "./packInfo";
import type { StatusGuard } from "./chainStatus";
import type { PinKeyLookup } from "./keyStore";
import { CHECK_AFTER_CLAIM_SQL, checksSinceFirst } from "./checks";
import { expiryMismatch, otherLotThroughDb, type CodeMismatch, type OtherLotQuery } from "./mismatch";
import { verdictOf, type Verdict } from "./verdict";

export type { Verdict };

export interface VerifyInput {
  gtin: string;
  lot: string;
  serial: string;
  pin: string;
  /** the expiry the scanned code carried (AI 17, YYMMDD), when it did: checked against the ledger's */
  expiry?: string | null;
  region: string | null;
  clientHash: string | null;
}

export interface VerifyResult {
  verdict: Verdict;
  /** true when the PIN matched: the pack is a genuine pack of this batch */
  genuine: boolean;
  /** on `pin_mismatch`: wrong PINs left before the pack locks (0: the next check is refused) */
  attemptsLeft?: number;
  /** on `code_mismatch`: what the scanned code carried that is not the ledger's (the ledger's lot is never shown) */
  mismatch?: CodeMismatch | null;
  pack?: { gtin: string; lot: string; serial: string; expiry: string | null; expiresAt: string };
  product?: { name: string; strength: string; dosageForm: string; packSize: string } | null;
  manufacturer?: PackInfo["manufacturer"];
  /** this check claimed the pack (the first successful verification) */
  claimedNow?: boolean;
  firstVerification?: { at: string; region: string | null } | null;
  /** successful checks of this pack after the first verification, this one included (checks.ts): the second reads 1 */
  checksSince?: number;
  dispensed?: { by: string; at: string } | null;
  recall?: { reason: string | null; at: string | null } | null;
  quarantine?: { reason: string | null; at: string | null } | null;
}

export interface VerifyDeps {
  db: Db;
  pinKeys: PinKeyLookup;
  now?: () => Date;
  /** every wrong PIN is answered this long after the request started (default 300 ms) */
  wrongPinDelayMs?: number;
  /** wrong PINs for one pack within `lockWindowMs` that lock it (default 5 per hour) */
  lockAfter?: number;
  lockWindowMs?: number;
  /** wrong PINs after which the pack is flagged for its manufacturer (default 3) */
  flagAfter?: number;
  /** Records a scan (default: one INSERT per scan; a busy server may batch them). */
  recordScan?: (scan: ScanRecord) => Promise<void>;
  /** Successful checks of a pack recorded but not yet in the database (with a batching recordScan). */
  unwrittenChecks?: (batchId: string, serial: string) => number;
  /** Reads what a verdict needs (default: one query per check; a busy service may cache and batch, see packCache.ts). */
  lookup?: PackLookup;
  /** Records a pack's first claim; true when this call made it (default: through Prisma). */
  claim?: ClaimPack;
  /** keccak for the PIN check (default: pure JavaScript; a server may load the WebAssembly one). */
  keccak?: Keccak256;
  /** The chain's word on the batch's status while the database is behind it (chainStatus.ts). */
  guard?: StatusGuard;
  /** Finds an unknown pack's GTIN + serial in another lot (default: one query through Prisma). */
  otherLot?: OtherLotQuery;
}

/** What one pack's verdict is made of: its batch's facts, and the pack's own record and state. */
export interface PackRow extends BatchFacts, PackState {}

/** A pack's own record (immutable) and its state (claim, dispense, recent checks). */
export interface PackState {
  leafIndex: number;
  commitment: string;
  dispensedAt: Date | null;
  dispensedByName: string | null;
  dispensedBy: string | null;
  chainClaimedAt: Date | null;
  requestedAt: Date | null;
  claimRegion: string | null;
  /** wrong PINs for this pack since `lockWindowStart` */
  recentWrong: number;
  /** checks recorded after the pack's claim */
  checksAfterClaim: number;
}

export type PackLookup = (batchId: string, serial: string, lockWindowStart: Date) => Promise<PackRow | undefined>;

/** The claim row's unique (batchId, leafIndex) key decides between simultaneous first checks. */
export type ClaimPack = (c: {
  batchId: string;
  leafIndex: number;
  commitment: string;
  region: string | null;
}) => Promise<boolean>;

export { CHECK_AFTER_CLAIM_SQL, NOT_A_CHECK } from "./checks";

/** INSERT of a pack's first claim ($1 batchId, $2 leafIndex, $3 commitment, $4 region): one row back when it claimed. */
const CLAIM_SQL = `INSERT INTO "ClaimRequest" ("batchId", "leafIndex", commitment, region, "updatedAt")
  VALUES ($1, $2, $3, $4, now()) ON CONFLICT ("batchId", "leafIndex") DO NOTHING RETURNING "requestedAt"`;

const claimThroughPrisma =
  (db: Db): ClaimPack =>
  async (c) =>
    (await db.$queryRawUnsafe<unknown[]>(CLAIM_SQL, c.batchId, c.leafIndex, c.commitment, c.region)).length === 1;

/** The columns of PackState for a pack p, from the joins below. */
export const PACK_STATE_SQL = `p."leafIndex", p.commitment,
  p."dispensedAt", p."dispensedBy", d.name AS "dispensedByName", p."claimedAt" AS "chainClaimedAt",
  c."requestedAt", c.region AS "claimRegion", sc."recentWrong", sc."checksAfterClaim"`;

/**
 * The joins behind PACK_STATE_SQL for a pack p; `since` starts the lock window. Both counts come from one
 * range scan of the pack's own scans (its (batchId, serial, createdAt) index), whatever else is recorded.
 */
export const PACK_STATE_JOINS_SQL = (since: string) => `LEFT JOIN "Organisation" d ON d.account = p."dispensedBy"
  LEFT JOIN "ClaimRequest" c ON c."batchId" = p."batchId" AND c."leafIndex" = p."leafIndex"
  CROSS JOIN LATERAL (
    SELECT count(*) FILTER (WHERE s.verdict = 'pin_mismatch' AND s."createdAt" > ${since})::int AS "recentWrong",
           count(*) FILTER (WHERE ${CHECK_AFTER_CLAIM_SQL})::int AS "checksAfterClaim"
      FROM "ConsumerScan" s
     WHERE s."batchId" = p."batchId" AND s.serial = p.serial
       AND s."createdAt" >= LEAST(${since}, COALESCE(c."requestedAt", p."claimedAt", ${since}))
  ) sc`;

/** The default lookup: everything in one query. */
export const lookupPack =
  (db: Db): PackLookup =>
  async (batchId, serial, lockWindowStart) =>
    (
      await db.$queryRawUnsafe<PackRow[]>(
        `SELECT ${BATCH_FACTS_SQL}, ${PACK_STATE_SQL}
           FROM "Pack" p
           JOIN "Batch" b ON b.id = p."batchId"
           ${BATCH_JOINS_SQL}
           ${PACK_STATE_JOINS_SQL("$3::timestamp(3)")}
          WHERE p."batchId" = $1 AND p.serial = $2`,
        batchId,
        serial,
        lockWindowStart,
      )
    )[0];

export interface ScanRecord {
  batchId: string;
  serial: string;
  verdict: Verdict | "locked";
  region: string | null;
  clientHash: string | null;
}

export async function verifyPack(deps: VerifyDeps, input: VerifyInput): Promise<VerifyResult> {
  const started = Date.now();
  const now = deps.now?.() ?? new Date();
  const { db } = deps;

  const { gtin, batchId } = readPackKey(input);
  const pin = readPinInput(input.pin);
  if (pin.status !== "ok") {
    const why =
      pin.status === "check-failed"
        ? "one digit is mistyped or two neighbouring digits are swapped"
        : pin.status === "incomplete"
          ? "it is too short"
          : pin.status === "too-long"
            ? "it is too long"
            : "it contains a character that is not a digit";
    throw new DomainError(
      "PinTypo",
      `Check the PIN under the scratch-off layer: ${why}. Nothing was sent for checking.`,
    );
  }

  const lockWindow = new Date(now.getTime() - (deps.lockWindowMs ?? 3_600_000));
  const found = await (deps.lookup ?? lookupPack(db))(batchId, input.serial, lockWindow);
  const row = found && deps.guard ? await deps.guard.confirm(batchId, found) : found;
  const record = async (verdict: Verdict | "locked", of = batchId) => {
    const scan = { batchId: of, serial: input.serial, verdict, region: input.region, clientHash: input.clientHash };
    if (deps.recordScan) await deps.recordScan(scan);
    else await db.consumerScan.create({ data: scan });
  };

  if (!row) {
    // Not in the database: unknown, unless the database may just not have the batch yet.
    if (await deps.guard?.unsureOfUnknown(batchId)) {
      await record("unconfirmed");
      return { verdict: "unconfirmed", genuine: false };
    }
    // The GTIN + serial of a pack of another lot: the code's lot is wrong (recorded and flagged at that pack).
    const other = await (deps.otherLot ?? otherLotThroughDb(db))({ gtin, lot: input.lot, serial: input.serial });
    if (other) {
      await record("code_mismatch", other);
      await flag(db, other, input.serial, ["code_mismatch"]);
      return { verdict: "code_mismatch", genuine: false, mismatch: { field: "lot", printed: input.lot } };
    }
    await record("unknown");
    return { verdict: "unknown", genuine: false };
  }
  const lockAfter = deps.lockAfter ?? 5;
  if (row.recentWrong >= lockAfter) {
    await record("locked");
    throw new DomainError(
      "PackLocked",
      "Too many wrong PINs were entered for this pack. It is locked for an hour and its manufacturer has been told.",
      { retryAfterSeconds: 3600 },
    );
  }
  const key = await deps.pinKeys(row.manufacturerAccount);
  if (!key) {
    throw new DomainError("PinCheckUnavailable", "PINs of this manufacturer cannot be checked right now.", {
      retryAfterSeconds: 60,
    });
  }

  if (
    !checkPin(
      key,
      { batchId: batchId as `0x${string}`, serial: input.serial, commitment: row.commitment as `0x${string}` },
      pin.digits,
      deps.keccak,
    )
  ) {
    await record("pin_mismatch");
    const wrong = row.recentWrong + 1;
    // From the flagAfter-th wrong PIN on, the manufacturer sees the pack; the one that locks it is flagged too.
    const reasons = [
      ...(wrong >= (deps.flagAfter ?? 3) ? (["wrong_pins"] as const) : []),
      ...(wrong === lockAfter ? (["locked"] as const) : []),
    ];
    await flag(db, batchId, input.serial, reasons, deps.lockWindowMs);
    // The same answer at the same moment, whatever made the PIN wrong.
    const wait = (deps.wrongPinDelayMs ?? 300) - (Date.now() - started);
    if (wait > 0) await sleep(wait);
    return { verdict: "pin_mismatch", genuine: false, attemptsLeft: Math.max(0, lockAfter - wrong) };
  }

  // A code whose printed expiry is not the ledger's is said (after a recall or quarantine) instead of the
  // pack's own history, and does not claim the pack: whoever holds the real one may still claim it.
  const mismatch = expiryMismatch(input.expiry, row.expiresAt, now);
  if (mismatch) await flag(db, batchId, input.serial, ["code_mismatch"]);

  // A correct PIN: the first one claims the pack (the unique key decides between simultaneous checks),
  // unless its status is not known: a later check must not read "already verified" for this one.
  const unconfirmed = row.status === "unconfirmed";
  const alert = mismatch !== null && row.status !== "recalled" && row.status !== "quarantined";
  let claimedNow = false;
  if (!row.chainClaimedAt && !row.requestedAt && !unconfirmed && !alert) {
    claimedNow = await (deps.claim ?? claimThroughPrisma(db))({
      batchId,
      leafIndex: row.leafIndex,
      commitment: row.commitment,
      region: input.region,
    });
  }
  let firstVerification: VerifyResult["firstVerification"] = null;
  let checksSince = 0;
  if (!claimedNow && !alert && (!unconfirmed || row.requestedAt || row.chainClaimedAt)) {
    // Usually known from the lookup; read again only when another check claimed the pack meanwhile.
    const known = row.requestedAt || row.chainClaimedAt;
    const claim = known
      ? { requestedAt: row.requestedAt ?? row.chainClaimedAt!, region: row.claimRegion }
      : await db.claimRequest.findUnique({
          where: { batchId_leafIndex: { batchId, leafIndex: row.leafIndex } },
          select: { requestedAt: true, region: true },
        });
    const at = claim?.requestedAt ?? now;
    firstVerification = { at: at.toISOString(), region: claim?.region ?? null };
    // The checks recorded from the claim on, and this one (at least this one: a claim made meanwhile by
    // another check may not have its own check recorded yet).
    const fromClaim = (known ? row.checksAfterClaim : 0) + (deps.unwrittenChecks?.(batchId, input.serial) ?? 0) + 1;
    checksSince = Math.max(1, checksSinceFirst(fromClaim, known ? row.requestedAt !== null : claim !== null));
  }

  const verdict = verdictOf({ ...row, claimedNow, codeMismatch: mismatch !== null }, now);
  await record(verdict);

  return {
    verdict,
    genuine: true,
    ...(mismatch ? { mismatch } : {}),
    claimedNow,
    pack: { gtin, lot: input.lot, serial: input.serial, expiry: row.expiry, expiresAt: row.expiresAt.toISOString() },
    product: row.productName
      ? { name: row.productName, strength: row.strength!, dosageForm: row.dosageForm!, packSize: row.packSize! }
      : null,
    manufacturer: packManufacturerOf(row),
    firstVerification,
    checksSince,
    dispensed: row.dispensedAt
      ? { by: row.dispensedByName ?? row.dispensedBy!, at: row.dispensedAt.toISOString() }
      : null,
    recall:
      row.status === "recalled" ? { reason: row.statusReason, at: row.statusChangedAt?.toISOString() ?? null } : null,
    quarantine:
      row.status === "quarantined"
        ? { reason: row.statusReason, at: row.statusChangedAt?.toISOString() ?? null }
        : null,
  };
}

/** Counts one more occurrence of each reason on a pack's flags for its manufacturer. */
/**
 * Flags a pack for its manufacturer, counting each flag. A lock counts once per lock window (`lockWindowMs`):
 * wrong PINs sent at the same moment may each be the one that locks it, and are one lock.
 */
async function flag(
  db: Db,
  batchId: string,
  serial: string,
  reasons: readonly string[],
  lockWindowMs = 3_600_000,
): Promise<void> {
  if (reasons.length === 0) return;
  await db.$executeRawUnsafe(
    `INSERT INTO "PackFlag" ("batchId", serial, reason, count)
     SELECT $1, $2, r::"FlagReason", 1 FROM unnest($3::text[]) AS r
     ON CONFLICT ("batchId", serial, reason) DO UPDATE SET count = "PackFlag".count + 1, "lastAt" = now()
      WHERE "PackFlag".reason <> 'locked' OR "PackFlag"."lastAt" < now() - make_interval(secs => $4)`,
    batchId,
    serial,
    reasons,
    lockWindowMs / 1000,
  );
}
