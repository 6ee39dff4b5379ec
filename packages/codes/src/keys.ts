import { gs1CheckDigit } from "./checkDigit";
import { describeChar } from "./cset82";
import { at, Gs1KeyError } from "./errors";

const GTIN_LENGTHS = [8, 12, 13, 14] as const;

function checkKey(input: unknown, field: string, lengths: readonly number[]): string {
  if (typeof input !== "string") {
    throw new Gs1KeyError("invalid-argument", `${field} must be a string`, { field });
  }
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c < 48 || c > 57) {
      throw new Gs1KeyError("invalid-character", `${field} ${at(i)}: ${describeChar(input[i])} is not a digit`, {
        field,
        position: i,
      });
    }
  }
  if (!lengths.includes(input.length)) {
    throw new Gs1KeyError("invalid-length", `${field} has ${input.length} digits; expected ${lengths.join(" or ")}`, {
      field,
      position: Math.min(input.length, Math.max(...lengths)),
      details: { length: input.length },
    });
  }
  const expected = gs1CheckDigit(input.slice(0, -1));
  const actual = input.charCodeAt(input.length - 1) - 48;
  if (expected !== actual) {
    throw new Gs1KeyError(
      "invalid-check-digit",
      `${field} ${at(input.length - 1)}: check digit is ${actual}, expected ${expected}`,
      { field, position: input.length - 1, details: { expected, actual } },
    );
  }
  return input;
}

/**
 * Validates a GTIN-8, -12, -13 or -14 and returns it as GTIN-14 (left-padded with zeros).
 * @throws Gs1KeyError naming the position of a non-digit, a wrong length or a wrong check digit
 */
export function normalizeGtin(input: string): string {
  return checkKey(input, "GTIN", GTIN_LENGTHS).padStart(14, "0");
}

/** Whether `input` is a GTIN-8/12/13/14 with a valid check digit. */
export function isValidGtin(input: string): boolean {
  try {
    normalizeGtin(input);
    return true;
  } catch {
    return false;
  }
}

/** Validates a 13-digit GLN (Global Location Number) and returns it. */
export function parseGln(input: string): string {
  return checkKey(input, "GLN", [13]);
}

/** Validates an 18-digit SSCC (Serial Shipping Container Code) and returns it. */
export function parseSscc(input: string): string {
  return checkKey(input, "SSCC", [18]);
}

/** Appends the GS1 check digit to a digit string (a GTIN-14 body of 13 digits, a GLN body of 12, ...). */
export function withCheckDigit(body: string): string {
  if (!/^[0-9]{1,17}$/.test(body)) {
    throw new Gs1KeyError("invalid-argument", "a key body is 1 to 17 digits", { field: "key" });
  }
  return body + String(gs1CheckDigit(body));
}

/** The GTIN-14 as the uint64 the contracts take (check digit included). */
export function gtinToUint64(gtin: string): bigint {
  return BigInt(normalizeGtin(gtin));
}

/** The GLN as the uint64 the contracts take. */
export function glnToUint64(gln: string): bigint {
  return BigInt(parseGln(gln));
}

/** Whether `prefix` is written as a GS1 company prefix: 4 to 12 digits (leading zeros are part of it). */
export function isCompanyPrefix(prefix: string): boolean {
  return /^[0-9]{4,12}$/.test(prefix);
}

/**
 * Whether a GTIN lies under a GS1 company prefix, as the ledger's registerBatch checks it: the prefix
 * is the GTIN-14's digits after its indicator digit (a GTIN-13 is a GTIN-14 with indicator 0; a
 * U.P.C. company prefix is a GS1 company prefix with a leading 0).
 */
export function isGtinUnderPrefix(gtin: string, prefix: string): boolean {
  return isCompanyPrefix(prefix) && normalizeGtin(gtin).startsWith(prefix, 1);
}

/** A GS1 key (GTIN, GLN, SSCC) as it is being typed: what is wrong with it so far, or the key. */
export type KeyInput =
  | { status: "empty" }
  /** only digits so far, short of every length the key may have; `checkDigit` = what would end it here */
  | { status: "incomplete"; digits: number; checkDigit: string | null }
  | { status: "not_digits"; position: number }
  | { status: "too_long"; digits: number }
  | { status: "wrong_check_digit"; expected: string; found: string }
  | { status: "valid"; key: string };

/**
 * Reads a GS1 key as a person types it (spaces, dashes and full-width digits are accepted; anything
 * else is pointed at by its 1-based position). `lengths` are the key's lengths, shortest first: a
 * GTIN's 8, 12, 13 or 14, a GLN's 13, an SSCC's 18. Forms say each status in words as it is typed;
 * routes refuse anything but "valid" with the same words.
 */
export function readKeyInput(raw: string, lengths: readonly number[]): KeyInput {
  const text = raw.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s-]/g, "");
  if (text === "") return { status: "empty" };
  const bad = text.search(/[^0-9]/);
  if (bad >= 0) return { status: "not_digits", position: bad + 1 };
  const longest = Math.max(...lengths);
  if (text.length > longest) return { status: "too_long", digits: text.length };
  if (!lengths.includes(text.length)) {
    const ending = text.length >= Math.min(...lengths) - 1 && text.length < longest;
    return { status: "incomplete", digits: text.length, checkDigit: ending ? String(gs1CheckDigit(text)) : null };
  }
  const expected = String(gs1CheckDigit(text.slice(0, -1)));
  const found = text.slice(-1);
  if (expected !== found) return { status: "wrong_check_digit", expected, found };
  return { status: "valid", key: text };
}
