import { parseChinaCode, type ChinaTraceCode } from "./chinaCode";
import { parseDigitalLink, type ParsedDigitalLink } from "./digitalLink";
import { parseElementString, type ElementStringOptions, type ParsedElementString } from "./elementString";
import { CodesError, ScanError } from "./errors";
import { toGs1Data, type Gs1Data } from "./gs1Data";
import { normalizeGtin } from "./keys";
import { normalizeCommon, type Repair } from "./normalizeInput";

/** A bare GTIN, as a linear EAN/UPC barcode on a pack delivers it. */
export interface ParsedGtin extends Gs1Data {
  format: "gtin";
  repairs: Repair[];
}

/** Whatever a pharmacy scanner, a phone camera or a person typing delivered. */
export type ScanResult = ParsedDigitalLink | ParsedElementString | ParsedGtin | ChinaTraceCode;

/**
 * Reads any code found on a medicine pack: a GS1 Digital Link URI (the QR), a GS1 element string
 * (DataMatrix, GS1-128, keyboard-wedge output, or the bracketed human-readable text), a bare GTIN
 * (EAN-13/UPC), or China's 20-digit drug traceability code. Repairs and alternative readings are
 * reported as by the format's own parser.
 *
 * A 20-digit number is a GS1 element string when it starts with a valid "00" SSCC or "01" GTIN,
 * and a China traceability code otherwise.
 * @throws a CodesError subclass naming the field and position; ScanError when no format fits
 */
export function parseScan(input: string, options: ElementStringOptions = {}): ScanResult {
  const t = normalizeCommon(input);
  const text = t.text;
  if (/^https?:\/\//i.test(text)) return parseDigitalLink(input, options);
  if (/^[0-9]{8}$|^[0-9]{12,14}$/.test(text)) {
    const gtin = normalizeGtin(text);
    return { ...toGs1Data([{ ai: "01", value: gtin, position: t.rawIndex[0]! }]), format: "gtin", repairs: t.repairs };
  }
  const digitsOnly = text.replace(/[ -]/g, "");
  if (/^[0-9]{20}$/.test(digitsOnly)) {
    try {
      parseElementString(input, { ...options, require: [] });
    } catch (e) {
      if (!(e instanceof CodesError)) throw e;
      return parseChinaCode(input);
    }
    return parseElementString(input, options);
  }
  if (/^(\][A-Za-z][0-9A-Za-z])?[\x1d]?[0-9(]/.test(text) || /^\(/.test(text))
    return parseElementString(input, options);
  throw new ScanError(
    "unrecognised-format",
    "not a GS1 Digital Link, GS1 element string, GTIN or China traceability code",
    {
      field: "scan",
      position: t.rawIndex[0]!,
    },
  );
}
