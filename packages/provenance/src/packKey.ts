/**
 * Identifiers as a URL, a scan or a form gives them: a batch id, and a pack's key (GTIN, lot, serial), a scan or a form gives it: checked by the rules of
 * @tracemed/codes (GTIN check digit, GS1 CSET 82 lot and serial of 1 to 20 characters) and given its
 * batch id. The one reader of pack keys: verification, provenance, the pharmacy's pack lookup and
 * the lean verification service all call it, so a key refused by one is refused by all.
 */
import { batchIdOf } from "@tracemed/chain/ids";
import { CodesError, normalizeGtin, packElements } from "@tracemed/codes/browser";
import { DomainError, type IdentifierErrorCode, type VerificationErrorCode } from "@tracemed/errors";

const BATCH_ID = /^0x[0-9a-fA-F]{64}$/;

/** Validates a batch id from a URL (0x + 64 hex digits) and returns it lower-cased, as stored. */
export function parseBatchId(input: unknown): string {
  if (typeof input !== "string" || !BATCH_ID.test(input)) {
    throw new DomainError(
      "InvalidBatchId",
      "A batch id is 0x followed by 64 hexadecimal digits (the ledger's id of a GTIN and lot).",
    );
  }
  return input.toLowerCase();
}

/** A checked pack key, with its batch id (lower-case hex). */
export interface PackKey {
  gtin: string;
  lot: string;
  serial: string;
  batchId: string;
}

/**
 * Runs a @tracemed/codes validator, turning its error into a DomainError with `code` and its precise
 * message (which names the field and the position), prefixed with `prefix` when given.
 */
export function validated<T>(code: IdentifierErrorCode | VerificationErrorCode, run: () => T, prefix?: string): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof CodesError) throw new DomainError(code, `${prefix ? `${prefix}: ` : ""}${e.message}.`);
    throw e;
  }
}

/** keccak of (GTIN, lot) costs ~40 µs in JavaScript; a scanning service meets the same few batches again and again. */
const batchIds = new Map<string, string>();
function batchIdFor(gtin: string, lot: string): string {
  const key = `${gtin}|${lot}`;
  let id = batchIds.get(key);
  if (id === undefined) {
    id = batchIdOf(BigInt(gtin), lot).toLowerCase();
    if (batchIds.size >= 10_000) batchIds.clear();
    batchIds.set(key, id);
  }
  return id;
}

const text = (code: IdentifierErrorCode, what: string, value: unknown): string => {
  if (typeof value !== "string") throw new DomainError(code, `The ${what} must be text.`);
  return value;
};

/** Checks a pack's GTIN (8/12/13/14 digits, padded to 14), lot and serial, and derives its batch id. */
export function readPackKey(raw: { gtin: unknown; lot: unknown; serial: unknown }): PackKey {
  const gtin = validated("InvalidGtin", () => normalizeGtin(text("InvalidGtin", "GTIN", raw.gtin)));
  const lot = text("InvalidLot", "lot", raw.lot);
  const serial = text("InvalidSerial", "serial number", raw.serial);
  validated("InvalidLot", () => packElements({ gtin, lot }));
  validated("InvalidSerial", () => packElements({ gtin, serial }));
  return { gtin, lot, serial, batchId: batchIdFor(gtin, lot) };
}
