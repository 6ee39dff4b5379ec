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
