/**
 * What a consumer is told about a pack whose PIN matched: a pure function of the facts the lookup
 * found and of the time, so every rule of the verdict is in this one place and tested without a
 * database (verdict.test.ts). The ledger's word wins over the pack's own history: a recall or a
 * quarantine is said whatever else is true, then a scanned code that disagrees with the ledger, then
 * expiry, then a status that could not be confirmed.
 */
import { isExpired } from "@tracemed/chain";

/**
 * "unconfirmed": the PIN matched, but the database is behind the chain and the chain could not be read,
 * so whether the batch was recalled or quarantined is not known (the pack is not claimed then).
 */
export type Verdict =
  | "genuine"
  | "already_verified"
  | "dispensed"
  | "recalled"
  | "quarantined"
  | "expired"
  | "unconfirmed"
  | "unknown"
  | "pin_mismatch"
  /** the scanned code's expiry (or lot) is not the ledger's: a relabelled or copied code */
  | "code_mismatch";

export interface VerdictFacts {
  /** the batch's status, as the chain confirms it ("unconfirmed" when it could not) */
  status: string;
  expiresAt: Date;
  /** this check made the pack's first verification */
  claimedNow: boolean;
  /** when a pharmacy dispensed the pack, if it did */
  dispensedAt: Date | null;
  /** the scanned code carried an expiry other than the ledger's */
  codeMismatch?: boolean;
}

/** The verdict for a pack whose PIN matched. */
export function verdictOf(facts: VerdictFacts, now: Date): Verdict {
  if (facts.status === "recalled") return "recalled";
  if (facts.status === "quarantined") return "quarantined";
  if (facts.codeMismatch) return "code_mismatch";
  if (isExpired(facts.expiresAt, now)) return "expired";
  if (facts.status === "unconfirmed") return "unconfirmed";
  if (!facts.claimedNow) return "already_verified";
  return facts.dispensedAt ? "dispensed" : "genuine";
}
