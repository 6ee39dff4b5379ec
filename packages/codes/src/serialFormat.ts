import { ArgumentError } from "./errors";

/**
 * Pack serials (AI 21): random values written in a 32-character alphabet of digits and upper-case
 * letters without I and O (look like 1 and 0) and without Y and Z (swapped by German keyboards),
 * so a serial reads unambiguously, survives a QWERTZ scanner setup, needs no percent-encoding in
 * a Digital Link and fits QR/DataMatrix alphanumeric modes. 5 bits per character: the default
 * 12 characters carry 60 bits.
 */
export const SERIAL_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWX";
export const DEFAULT_SERIAL_LENGTH = 12;
export const MIN_SERIAL_LENGTH = 8;
export const MAX_SERIAL_LENGTH = 12;
/** EU FMD: the chance of guessing a valid serial of a known batch must be below 1 in 10,000. */
export const MAX_GUESS_PROBABILITY = 1e-4;

const CODES = new Uint8Array(32);
for (let i = 0; i < 32; i++) CODES[i] = SERIAL_ALPHABET.charCodeAt(i);

/**
 * Writes the last `length` characters of the 60-bit value (hi30 * 2^30 + lo30) into `out` at `offset`.
 */
export function encodeSerialInto(hi30: number, lo30: number, length: number, out: Uint8Array, offset: number): void {
  for (let j = length - 1, k = 0; j >= 0; j--, k++) {
    const v = k < 6 ? lo30 : hi30;
    out[offset + j] = CODES[(v >>> (5 * (k % 6))) & 31]!;
  }
}

/** The probability of guessing a valid serial of a batch of `count` packs with serials of `length` characters. */
export function serialGuessProbability(count: number, length: number): number {
  return count / 2 ** (5 * length);
}

/** Checks a batch size against the serial length and the EU FMD guessing rule. */
export function checkSerialSpace(count: number, length: number): void {
  if (!Number.isInteger(length) || length < MIN_SERIAL_LENGTH || length > MAX_SERIAL_LENGTH) {
    throw new ArgumentError(`serial length must be ${MIN_SERIAL_LENGTH} to ${MAX_SERIAL_LENGTH} characters`, {
      field: "serialLength",
    });
  }
  const p = serialGuessProbability(count, length);
  if (p >= MAX_GUESS_PROBABILITY) {
    throw new ArgumentError(
      `${count} packs with ${length}-character serials give a guess probability of ${p.toExponential(2)}; EU FMD requires below 1e-4: use longer serials`,
      { field: "serialLength" },
    );
  }
}

/** Whether a string could be a serial this package generated (alphabet and length). */
export function isGeneratedSerialShape(serial: string): boolean {
  return new RegExp(`^[${SERIAL_ALPHABET}]{${MIN_SERIAL_LENGTH},${MAX_SERIAL_LENGTH}}$`).test(serial);
}

const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < 32; i++) VALUES[SERIAL_ALPHABET.charCodeAt(i)] = i;

/**
 * The value a generated serial encodes, as its two 30-bit halves (the inverse of encodeSerialInto, whose
 * last six characters carry `lo30`): a serial as two small numbers, for compact in-memory indexes.
 * Undefined for anything this package could not have generated (length or alphabet).
 */
export function decodeSerial(serial: string): { hi30: number; lo30: number } | undefined {
  const n = serial.length;
  if (n < MIN_SERIAL_LENGTH || n > MAX_SERIAL_LENGTH) return undefined;
  let hi30 = 0;
  let lo30 = 0;
  for (let k = 0; k < n; k++) {
    const c = serial.charCodeAt(n - 1 - k);
    const v = c < 128 ? VALUES[c]! : -1;
    if (v < 0) return undefined;
    if (k < 6) lo30 += v * 32 ** k;
    else hi30 += v * 32 ** (k - 6);
  }
  return { hi30, lo30 };
}
