/**
 * Shipment codes: a GS1 SSCC (AI 00, 18 digits) per shipment, carried on chain as the `ref` of
 * ship() and printed on the shipment label as the Digital Link `<origin>/00/<sscc>`.
 * Browser-safe (no node: imports): the ship form builds the code, the receive page reads it back.
 */
import { gs1CheckDigit, hasValidGs1CheckDigit } from "./checkDigit";
import { parseSscc } from "./keys";

/**
 * Digits of the sender's GLN taken as its GS1 company prefix. Prefixes are 6 to 12 digits long and
 * the ledger only records the full GLN, so we take 9 (the usual length for a mid-sized company,
 * e.g. GS1 China's 690-695 ranges): 1 extension digit + 9 + 7 serial digits + check digit = 18.
 * SSCCs built this way stay inside the sender's own numbering space whatever its real prefix
 * length is, as long as that is at most 9 digits.
 */
export const COMPANY_PREFIX_DIGITS = 9;
const SERIAL_DIGITS = 16 - COMPANY_PREFIX_DIGITS;
const MAX_SERIAL = 10 ** SERIAL_DIGITS;

/** An SSCC from an extension digit (0-9), the sender's GLN and a serial reference. */
export function buildSscc(gln: string, serialReference: number, extension = 0): string {
  if (!/^[0-9]{13}$/.test(gln)) throw new Error("a GLN has 13 digits");
  if (!Number.isInteger(extension) || extension < 0 || extension > 9) throw new Error("the extension digit is 0-9");
  if (!Number.isInteger(serialReference) || serialReference < 0 || serialReference >= MAX_SERIAL)
    throw new Error(`the serial reference is 0..${MAX_SERIAL - 1}`);
  const body = `${extension}${gln.slice(0, COMPANY_PREFIX_DIGITS)}${String(serialReference).padStart(SERIAL_DIGITS, "0")}`;
  return body + String(gs1CheckDigit(body));
}

/**
 * A fresh SSCC for a shipment by the organisation with this GLN: extension digit and serial
 * reference drawn from the CSPRNG (10^8 codes per sender, so two shipments practically never share
 * one, and a code says nothing about how many shipments the sender makes).
 */
export function newSscc(
  gln: string,
  random: (a: Uint32Array) => Uint32Array = (a) => crypto.getRandomValues(a),
): string {
  const [r = 0] = random(new Uint32Array(1));
  const n = r % (10 * MAX_SERIAL);
  return buildSscc(gln, n % MAX_SERIAL, Math.floor(n / MAX_SERIAL));
}

/** The `ref` (bytes32) that carries an SSCC on chain: the 18-digit number, big-endian. */
export function ssccToRef(sscc: string): `0x${string}` {
  parseSscc(sscc);
  return `0x${BigInt(sscc).toString(16).padStart(64, "0")}`;
}

/**
 * The SSCC a shipment `ref` carries, or null when the ref is something else (the seeded demo
 * shipments' small integers, a hash of the sender's own reference, ...).
 */
export function refToSscc(ref: string): string | null {
  if (!/^0x[0-9a-fA-F]{64}$/.test(ref)) return null;
  const n = BigInt(ref);
  // Below 10^16 the extension digit and the first prefix digit would both be 0: no GLN starts with 0.
  if (n < 10n ** 16n || n >= 10n ** 18n) return null;
  const sscc = n.toString().padStart(18, "0");
  return hasValidGs1CheckDigit(sscc) ? sscc : null;
}

/** The shipment label's Digital Link. */
export function ssccDigitalLink(origin: string, sscc: string): string {
  return `${origin.replace(/\/+$/, "")}/00/${sscc}`;
}

/**
 * The SSCC as printed under its barcode (GS1 General Specifications 4.14 / the GS1 Logistic Label
 * Guideline): "(00) 3 0614141 123456789 0", extension digit, company prefix, serial reference and
 * check digit, grouped by the real company prefix's length (4 to 12 digits); ungrouped,
 * "(00) 306141411234567890", when that length is not known (a grouping that guesses would mislead).
 */
export function formatSscc(sscc: string, companyPrefixLength: number | null = null): string {
  const p = companyPrefixLength;
  if (p === null || !Number.isInteger(p) || p < 4 || p > 12 || !/^[0-9]{18}$/.test(sscc)) return `(00) ${sscc}`;
  return `(00) ${sscc[0]} ${sscc.slice(1, 1 + p)} ${sscc.slice(1 + p, 17)} ${sscc[17]}`;
}

/**
 * The length of the company prefix an SSCC is numbered under, among an organisation's registered
 * GS1 company prefixes (the longest that the digits after the extension digit start with), or
 * null when none does.
 */
export function ssccCompanyPrefixLength(sscc: string, prefixes: readonly string[]): number | null {
  const body = sscc.slice(1, 17);
  const fits = prefixes.filter((p) => /^[0-9]{4,12}$/.test(p) && body.startsWith(p)).map((p) => p.length);
  return fits.length ? Math.max(...fits) : null;
}

/** How a shipment is named to people: its SSCC, else the raw reference shortened. */
export function shipmentCodeLabel(ref: string): string {
  const sscc = refToSscc(ref);
  if (sscc) return sscc;
  const n = /^0x[0-9a-fA-F]{64}$/.test(ref) ? BigInt(ref) : null;
  return n !== null && n < 1_000_000n ? `#${n}` : `${ref.slice(0, 10)}…`;
}
