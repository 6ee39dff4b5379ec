import { PinError } from "./errors";

/**
 * The scratch-off PIN as people see and type it: 19 random digits and one Damm check digit,
 * printed in five groups of four ("4821 0937 5512 8046 7733").
 *
 * Digits, not letters: no look-alike characters (O/0, I/1/l, S/5, B/8, Z/2 cannot arise), no
 * upper/lower case, one phone keypad, and nothing for a Chinese input method (pinyin IME) or a
 * French/German keyboard to change. 19 digits carry 63.1 bits (>= 60 required). The Damm check digit
 * catches every single wrong digit and every swap of two neighbouring digits, so typos are caught
 * in the browser before anything is sent.
 *
 * This module is browser-safe and never puts a PIN in an error message.
 */
export const PIN_DATA_DIGITS = 19;
export const PIN_LENGTH = PIN_DATA_DIGITS + 1;
export const PIN_GROUP = 4;
/** log2(10^19) */
export const PIN_ENTROPY_BITS = PIN_DATA_DIGITS * Math.log2(10);

// Damm's totally anti-symmetric quasigroup of order 10 (H. M. Damm, 2004).
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
].flat();

function dammInterim(digits: string): number {
  let interim = 0;
  for (let i = 0; i < digits.length; i++) interim = DAMM[interim * 10 + digits.charCodeAt(i) - 48]!;
  return interim;
}

/** The Damm check digit of a digit string. */
export function dammCheckDigit(digits: string): number {
  if (!/^[0-9]*$/.test(digits))
    throw new PinError("invalid-argument", "Damm check digits are computed over digits only");
  return dammInterim(digits);
}

/** Whether a digit string ends in its Damm check digit. */
export function isDammValid(digits: string): boolean {
  return /^[0-9]+$/.test(digits) && dammInterim(digits) === 0;
}

/** A PIN from its 19 data digits: appends the check digit. */
export function pinFromDataDigits(data: string): string {
  if (!/^[0-9]+$/.test(data) || data.length !== PIN_DATA_DIGITS) {
    throw new PinError("invalid-argument", `PIN data must be ${PIN_DATA_DIGITS} digits`);
  }
  return data + String(dammInterim(data));
}

/** The printed form: groups of four digits separated by `separator` (default a space). */
export function formatPin(pin: string, separator = " "): string {
  const groups: string[] = [];
  for (let i = 0; i < pin.length; i += PIN_GROUP) groups.push(pin.slice(i, i + PIN_GROUP));
  return groups.join(separator);
}

// Digits of other scripts people's keyboards produce: full-width (Chinese/Japanese IMEs),
// Arabic-Indic, Extended Arabic-Indic, Devanagari.
const ZEROS = [0xff10, 0x0660, 0x06f0, 0x0966];
// Letters typed for the digits they look like; any other letter is an error.
const LOOK_ALIKES: Record<string, string> = { O: "0", o: "0", I: "1", i: "1", l: "1", L: "1", "|": "1" };
// What may separate groups: spaces (incl. ideographic and no-break), dashes, dots.
const SEPARATORS = /[\s\u3000\u00a0\-\u2010-\u2015\u30fc\uff0d._]/;

export type PinInputStatus = "ok" | "incomplete" | "too-long" | "invalid-character" | "check-failed";

export interface PinInput {
  status: PinInputStatus;
  /** the canonical 20 digits when status is "ok"; otherwise the digits read so far */
  digits: string;
  /** where an invalid character stands (0-based, in the input) */
  position?: number;
}

/**
 * Reads what a person typed, for live feedback in a form: drops spaces and dashes, reads
 * full-width and other-script digits and the letters O/I/l as digits. Never throws.
 */
export function readPinInput(input: string): PinInput {
  let digits = "";
  const text = typeof input === "string" ? input : "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const c = ch.charCodeAt(0);
    if (c >= 48 && c <= 57) digits += ch;
    else if (SEPARATORS.test(ch)) continue;
    else if (LOOK_ALIKES[ch] !== undefined) digits += LOOK_ALIKES[ch];
    else {
      const zero = ZEROS.find((z) => c >= z && c <= z + 9);
      if (zero === undefined) return { status: "invalid-character", digits, position: i };
      digits += String(c - zero);
    }
  }
  if (digits.length < PIN_LENGTH) return { status: "incomplete", digits };
  if (digits.length > PIN_LENGTH) return { status: "too-long", digits };
  if (dammInterim(digits) !== 0) return { status: "check-failed", digits };
  return { status: "ok", digits };
}

/**
 * The canonical 20-digit PIN from typed input.
 * @throws PinError (never containing the PIN): "invalid-character" with its position, "invalid-length",
 * or "pin-check-failed" when a digit is mistyped or two neighbours are swapped
 */
export function parsePin(input: string): string {
  const r = readPinInput(input);
  switch (r.status) {
    case "ok":
      return r.digits;
    case "invalid-character":
      return fail(
        "invalid-character",
        `the PIN has a character that is not a digit at character ${r.position! + 1}`,
        r.position,
      );
    case "incomplete":
    case "too-long":
      return fail("invalid-pin", `the PIN has ${r.digits.length} digits; it has ${PIN_LENGTH}`);
    case "check-failed":
      return fail(
        "pin-check-failed",
        "the PIN's check digit does not match: a digit is mistyped or two digits are swapped",
      );
  }
}

function fail(
  code: "invalid-character" | "invalid-pin" | "pin-check-failed",
  message: string,
  position?: number,
): never {
  throw new PinError(code, message, { field: "PIN", ...(position === undefined ? {} : { position }) });
}
