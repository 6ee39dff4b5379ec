/**
 * What a scan at a counter or a loading dock is: a pack, a shipment, or something we can name but
 * not use here. Browser-safe. Every failure has a `reason` the UI turns into a sentence, and the
 * codes package's own detail (which field, which position) for the person fixing a typed code.
 */
import { CodesError, hasValidGs1CheckDigit, parseScan, type ScanResult } from "@tracemed/codes/browser";

/** The AIs that name one pack. */
const PACK_KEYS = ["01", "10", "21"];

export interface PackCode {
  kind: "pack";
  gtin: string;
  lot: string;
  serial: string;
  /** YYMMDD when the code carries it (AI 17) */
  expiry?: string;
  /** the text as scanned */
  raw: string;
  /**
   * Other readings of a damaged element string that also name a pack (a missing separator, a
   * QWERTZ or Caps Lock wedge): try them before calling the pack unknown (EU FMD's A3 is mostly this).
   */
  alternatives?: { gtin: string; lot: string; serial: string; expiry?: string }[];
}

export interface ShipmentCode {
  kind: "shipment";
  sscc: string;
  raw: string;
}

export type CodeRefusal =
  | "empty" // nothing was scanned
  | "unreadable" // looks like GS1 but a field is wrong (detail says which)
  | "not-gs1" // not a GS1 code at all
  | "product-only" // a GTIN without lot/serial (the linear barcode)
  | "china-code" // a 20-digit NMPA code, which this network does not issue
  | "shipment-not-pack" // a shipment label where a pack was wanted
  | "pack-not-shipment" // a pack where a shipment label was wanted
  | "incomplete-pack"; // GS1, but lacks lot or serial

export class CodeReadError extends Error {
  constructor(
    readonly reason: CodeRefusal,
    readonly detail?: string,
  ) {
    super(detail ? `${reason}: ${detail}` : reason);
    this.name = "CodeReadError";
  }
}

/**
 * Reads one scan (camera text, keyboard-wedge burst or typed) as a pack or shipment code.
 * Accepts Digital Links (`/01/../10/../21/..`, `/00/<sscc>`), element strings with or without
 * `]d2`/`]Q3`/`]C1` and GS separators (wedge damage repaired by parseScan), bracketed text, and a
 * bare 18-digit SSCC.
 * @throws CodeReadError
 */
export function readCode(input: string): PackCode | ShipmentCode {
  const raw = input;
  const text = input.trim();
  if (!text) throw new CodeReadError("empty");
  // A bare SSCC (what the receiving clerk types from under the barcode), spaces allowed.
  const digits = text.replace(/[\s()]/g, "");
  if (/^[0-9]{18}$/.test(digits)) {
    if (hasValidGs1CheckDigit(digits)) return { kind: "shipment", sscc: digits, raw };
    throw new CodeReadError("unreadable", `SSCC ${digits}: the check digit does not match`);
  }
  let parsed: ScanResult;
  try {
    // A wedge that dropped a GS can make "10 lot 21 serial" read as one long lot: prefer readings
    // that name a whole pack, then fall back to any reading (a shipment, or a partial code).
    parsed = parseScan(text, { require: PACK_KEYS });
  } catch (first) {
    if (!(first instanceof CodesError)) throw first;
    try {
      parsed = parseScan(text);
    } catch (e) {
      if (!(e instanceof CodesError)) throw e;
      if (e.code === "unrecognised-format") throw new CodeReadError("not-gs1");
      throw new CodeReadError("unreadable", e.message);
    }
  }
  if (parsed.format === "china-nmpa") throw new CodeReadError("china-code");
  if (parsed.sscc) return { kind: "shipment", sscc: parsed.sscc, raw };
  if (parsed.format === "gtin") throw new CodeReadError("product-only");
  if (!parsed.gtin) throw new CodeReadError("not-gs1");
  if (!parsed.lot || !parsed.serial)
    throw new CodeReadError("incomplete-pack", !parsed.serial ? "serial (21) missing" : "lot (10) missing");
  const alternatives = ("alternatives" in parsed ? parsed.alternatives : [])
    .filter((a) => a.gtin && a.lot && a.serial)
    .map((a) => ({ gtin: a.gtin!, lot: a.lot!, serial: a.serial!, ...(a.expiry ? { expiry: a.expiry } : {}) }));
  return {
    kind: "pack",
    gtin: parsed.gtin,
    lot: parsed.lot,
    serial: parsed.serial,
    ...(parsed.expiry ? { expiry: parsed.expiry } : {}),
    ...(alternatives.length > 0 ? { alternatives } : {}),
    raw,
  };
}

/** A pack code, or CodeReadError("shipment-not-pack"). */
export function readPackCode(input: string): PackCode {
  const c = readCode(input);
  if (c.kind !== "pack") throw new CodeReadError("shipment-not-pack");
  return c;
}

/** A shipment code, or CodeReadError("pack-not-shipment"). */
export function readShipmentCode(input: string): ShipmentCode {
  const c = readCode(input);
  if (c.kind !== "shipment") throw new CodeReadError("pack-not-shipment");
  return c;
}
