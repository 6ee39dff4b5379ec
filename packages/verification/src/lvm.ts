/**
 * GS1 Lightweight Verification Messaging (LVM), the protocol of the US DSCSA Verification Router
 * Service: a trading partner asks whether a product identifier (GTIN + serial + lot + expiry) is
 * one the manufacturer really made, and the answer says which part did not match.
 *
 * Answers are a function of the indexed ledger and the Pack rows (which serial belongs to which
 * batch); they never reveal anything about a pack whose GTIN and serial do not match.
 */
import { isExpired } from "@tracemed/chain";
import { randomUUID } from "node:crypto";
import { gs1DateToIso, normalizeGtin, packElements, parseGln, parseYymmdd } from "@tracemed/codes/browser";
import type { Db } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";
import { statusUnconfirmed, type StatusGuard } from "./chainStatus";
import { isLedgerExpiry } from "./mismatch";
import { validated as check } from "@tracemed/provenance/packKey";

export type VerificationFailureReason =
  | "No_match_GTIN_Serial"
  | "No_match_GTIN_Serial_Lot"
  | "No_match_GTIN_Serial_Expiry"
  | "No_match_GTIN_Serial_Lot_Expiry"
  | "No_reason_provided"
  | "Manufacturer_policy"
  | "Not_for_re-distribution";

export type AdditionalInfo = "Expired" | "ExpirationExtended" | "Recalled" | "Suspect" | "Illegitimate";

/** The contexts this responder understands (LVM `context` query parameter). */
export const LVM_CONTEXTS = ["dscsaSaleableReturn"] as const;
export type LvmContext = (typeof LVM_CONTEXTS)[number];

export interface LvmRequest {
  gtin: string;
  serial: string;
  lot: string;
  /** expiry YYMMDD (day 00 = end of month) */
  exp: string;
  /** the requestor's GLN; when absent the requestor is not checked (trusted in-process callers only) */
  reqGLN?: string;
  /** echoed back; a fresh UUID is used when absent */
  corrUUID?: string;
  context?: string;
}

export interface LvmResponse {
  verificationTimestamp: string;
  responderGLN: string;
  corrUUID: string;
  data: {
    verified: boolean;
    verificationFailureReason?: VerificationFailureReason;
    additionalInfo?: AdditionalInfo;
  };
}

export interface LvmOptions {
  responderGLN: string;
  /** the time of the verification (expiry is judged at it; default: now) */
  now?: Date;
  /** the chain's word on the batch's status while the database is behind it (verify/chainStatus.ts) */
  guard?: StatusGuard;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The request with every field validated and normalised (GTIN-14, expiry as its last calendar day). */
export interface NormalisedLvmRequest {
  gtin: string;
  serial: string;
  lot: string;
  exp: string;
  /** YYYY-MM-DD the expiry stands for */
  expiryDate: string;
  reqGLN: string | undefined;
  corrUUID: string;
  context: LvmContext | undefined;
}

/**
 * Validates an LVM request. Malformed fields get a 400 whose message says what is wrong and where
 * (a typo in a partner's system should be fixable from the answer alone).
 */
export function normaliseLvmRequest(req: LvmRequest, now = new Date()): NormalisedLvmRequest {
  const gtin = check("InvalidGtin", () => normalizeGtin(req.gtin));
  check("InvalidLot", () => packElements({ gtin, lot: req.lot }));
  check("InvalidSerial", () => packElements({ gtin, serial: req.serial }));
  if (req.exp === undefined || req.exp === "") {
    throw new DomainError("MissingExpiry", "exp: give the expiry date printed on the pack as YYMMDD (query ?exp=).");
  }
  const expiry = check("InvalidExpiry", () =>
    parseYymmdd(req.exp, { allowDayZero: true, field: "expiry (exp)", referenceYear: now.getUTCFullYear() }),
  );
  const reqGLN =
    req.reqGLN === undefined ? undefined : check("InvalidRequestorGln", () => parseGln(req.reqGLN!), "reqGLN");
  if (req.corrUUID !== undefined && !UUID.test(req.corrUUID)) {
    throw new DomainError("InvalidCorrUUID", "corrUUID must be a UUID such as 0f8e1c6a-1b2c-4d3e-8f90-a1b2c3d4e5f6.");
  }
  if (req.context !== undefined && !(LVM_CONTEXTS as readonly string[]).includes(req.context)) {
    throw new DomainError(
      "UnsupportedContext",
      `context "${req.context}" is not supported; leave it out or use ${LVM_CONTEXTS.join(", ")}.`,
    );
  }
  return {
    gtin,
    serial: req.serial,
    lot: req.lot,
    exp: req.exp,
    expiryDate: gs1DateToIso(expiry),
    reqGLN,
    corrUUID: req.corrUUID ?? randomUUID(),
    context: req.context as LvmContext | undefined,
  };
}

/**
 * Only organisations onboarded on the network may verify: an unknown requestor GLN gets 401, a
 * suspended organisation 403 (as LVM prescribes).
 */
export async function checkRequestor(db: Db, reqGLN: string): Promise<void> {
  const orgs = await db.organisation.findMany({ where: { gln: reqGLN }, select: { suspended: true } });
  if (orgs.length === 0) {
    throw new DomainError(
      "RequestorUnknown",
      `reqGLN ${reqGLN} is not the GLN of an organisation on this network; ask the network's regulator to onboard it.`,
    );
  }
  if (orgs.every((o) => o.suspended)) {
    throw new DomainError("RequestorSuspended", `The organisation with GLN ${reqGLN} is suspended from the network.`);
  }
}

interface Candidate {
  batchId: string;
  lot: string;
  expiresAt: Date;
  status: string;
  statusReason: string | null;
  statusChangedAt: Date | null;
  dispensedAt: Date | null;
  claimedAt: Date | null;
}

/**
 * Verifies a product identifier. GTIN + serial must name a pack of a registered batch; then lot
 * and expiry are compared and the most specific No_match_* reason is given. A matching pack is
 * verified, with additionalInfo Recalled, Suspect (quarantined) or Expired, in that priority. In
 * the `dscsaSaleableReturn` context a pack that was dispensed, or that a consumer already
 * verified, left the supply chain: Not_for_re-distribution.
 */
export async function verifyProductIdentifier(db: Db, request: LvmRequest, options: LvmOptions): Promise<LvmResponse> {
  const now = options.now ?? new Date();
  const req = normaliseLvmRequest(request, now);
  if (req.reqGLN !== undefined) await checkRequestor(db, req.reqGLN);

  const answer = (data: LvmResponse["data"]): LvmResponse => ({
    verificationTimestamp: now.toISOString(),
    responderGLN: options.responderGLN,
    corrUUID: req.corrUUID,
    data,
  });

  // The pack in the named lot first; else the same serial in another lot of the GTIN.
  const candidates = await db.$queryRaw<Candidate[]>`
    SELECT b.id AS "batchId", b.lot, b."expiresAt", b.status, b."statusReason", b."statusChangedAt",
           p."dispensedAt", p."claimedAt"
    FROM "Batch" b JOIN "Pack" p ON p."batchId" = b.id
    WHERE b.gtin = ${req.gtin} AND p.serial = ${req.serial}
    ORDER BY (b.lot = ${req.lot}) DESC, b."registeredBlock" ASC
    LIMIT 1`;
  const found = candidates[0];
  // A recall the database does not hold yet (indexer behind, event quarantined) is the chain's word already.
  const pack = found && options.guard ? await options.guard.confirm(found.batchId, found) : found;
  if (!pack) return answer({ verified: false, verificationFailureReason: "No_match_GTIN_Serial" });

  const lotMatches = pack.lot === req.lot;
  const expiryMatches = isLedgerExpiry(req.exp, pack.expiresAt, now);
  if (!lotMatches || !expiryMatches) {
    const reason: VerificationFailureReason =
      !lotMatches && !expiryMatches
        ? "No_match_GTIN_Serial_Lot_Expiry"
        : !lotMatches
          ? "No_match_GTIN_Serial_Lot"
          : "No_match_GTIN_Serial_Expiry";
    return answer({ verified: false, verificationFailureReason: reason });
  }
  if (pack.status === "recalled") return answer({ verified: true, additionalInfo: "Recalled" });
  if (pack.status === "unconfirmed") throw statusUnconfirmed();
  if (req.context === "dscsaSaleableReturn" && (pack.dispensedAt || pack.claimedAt)) {
    return answer({ verified: false, verificationFailureReason: "Not_for_re-distribution" });
  }
  if (pack.status === "quarantined") return answer({ verified: true, additionalInfo: "Suspect" });
  if (isExpired(pack.expiresAt, now)) return answer({ verified: true, additionalInfo: "Expired" });
  return answer({ verified: true });
}

/** The connectivity check: who answers here. */
export const connectivityCheck = (responderGLN: string) => ({ responderGLN });
