import { parseChinaCode, type ChinaTraceCode } from "./chinaCode";
import { parseDigitalLink, type ParsedDigitalLink } from "./digitalLink";
import {
  parseElementString,
  type ElementStringOptions,
  type Gs1Reading,
  type ParsedElementString,
} from "./elementString";
import { describeChar } from "./cset82";
import { at, CodesError, ScanError } from "./errors";
import { toGs1Data, type Gs1Data, type Gs1Element } from "./gs1Data";
import { normalizeGtin } from "./keys";
import { normalizeCommon, type Repair, type TrackedText } from "./normalizeInput";
import { stripSymbology, type Symbology } from "./symbology";

/** A bare GTIN, as a linear EAN/UPC (or ITF-14) barcode on a pack delivers it. */
export interface ParsedGtin extends Gs1Data {
  format: "gtin";
  /** the symbology identifier the scanner sent, e.g. "]E0" (EAN-13/UPC-A) */
  symbology?: string;
  /** the 2- or 5-digit add-on symbol read with it (]E3): not part of the product key */
  addOn?: string;
  repairs: Repair[];
}

/** Whatever a pharmacy scanner, a phone camera or a person typing delivered. */
export type ScanResult = ParsedDigitalLink | ParsedElementString | ParsedGtin | ChinaTraceCode;

/** The GS1 Composite component after an EAN/UPC primary: "|]e0" then element strings. */
const COMPOSITE = "|]e0";

/**
 * Reads what an EAN/UPC or ITF-14 symbology identifier announces: a GTIN whose check digit must
 * verify (GS1 Barcode Syntax Engine: a wrong one is refused, never read as AI data), with an add-on
 * (]E3) or a composite component ("|]e0" + element strings) when there is one.
 */
function parseEan(
  input: string,
  t: TrackedText,
  sym: Symbology,
  options: ElementStringOptions,
): ParsedGtin | ParsedElementString {
  const bar = t.text.indexOf(COMPOSITE);
  const primary = bar < 0 ? t.text : t.text.slice(0, bar);
  const field = `${sym.carrier} (${sym.id})`;
  const nonDigit = /[^0-9]/.exec(primary);
  if (nonDigit) {
    const position = t.rawIndex[nonDigit.index]!;
    throw new ScanError(
      "invalid-character",
      `${field}: ${describeChar(nonDigit[0])} is not a digit (${at(position)})`,
      {
        field,
        position,
      },
    );
  }
  const lengths = sym.lengths!;
  if (!lengths.includes(primary.length) || (bar >= 0 && sym.id === "]E3")) {
    throw new ScanError("invalid-length", `${field} has ${primary.length} digits; expected ${lengths.join(" or ")}`, {
      field,
      position: t.rawIndex[primary.length]!,
    });
  }
  const keyLength = sym.id === "]E3" ? 13 : primary.length;
  let gtin: string;
  try {
    gtin = normalizeGtin(primary.slice(0, keyLength));
  } catch (e) {
    if (!(e instanceof CodesError)) throw e;
    const position = t.rawIndex[e.position ?? 0]!;
    throw new ScanError(e.code, `${field}: ${e.message.replace(/^GTIN at character \d+: /, "")} (${at(position)})`, {
      field,
      position,
      details: e.details,
    });
  }
  const key: Gs1Element = { ai: "01", value: gtin, position: t.rawIndex[0]! };
  if (bar < 0) {
    const addOn = primary.slice(keyLength);
    return {
      ...toGs1Data([key]),
      format: "gtin",
      symbology: sym.id,
      ...(addOn ? { addOn } : {}),
      repairs: t.repairs,
    };
  }
  // The composite component is a message of its own; its positions are shifted back into the input.
  const start = t.rawIndex[bar + 1]!;
  const cc = parseElementString(input.slice(start), {
    ...options,
    require: (options.require ?? []).filter((ai) => ai !== "01"),
  });
  const shift = <T extends { position: number }>(x: T): T => ({ ...x, position: x.position + start });
  const withKey = (r: Gs1Reading): Gs1Reading => ({
    ...toGs1Data([key, ...r.elements.map(shift)]),
    repairs: [...t.repairs, ...r.repairs.map(shift)],
  });
  return { ...withKey(cc), format: "element-string", symbology: sym.id, alternatives: cc.alternatives.map(withKey) };
}

/**
 * Reads any code found on a medicine pack: a GS1 Digital Link URI (the QR), a GS1 element string
 * (DataMatrix, GS1-128, keyboard-wedge output, or the bracketed human-readable text), a bare GTIN
 * (EAN-13/UPC), or China's 20-digit drug traceability code. Repairs and alternative readings are
 * reported as by the format's own parser.
 *
 * A symbology identifier in front (a scanner's AIM prefix) decides what the data is, as GS1 defines
 * it: `]C1`, `]e0`, `]d2`, `]Q3`, `]J1` element strings; `]E0`, `]E4`, `]E3`, `]I1` a GTIN whose
 * check digit must verify; `]Q1`, `]d1`, `]J0` and others plain text, a Digital Link URI among them.
 * Without one, a 20-digit number is a GS1 element string when it starts with a valid "00" SSCC or
 * "01" GTIN, and a China traceability code otherwise (under `]C0`, plain Code 128, always the latter).
 * @throws a CodesError subclass naming the field and position; ScanError when no format fits
 */
export function parseScan(input: string, options: ElementStringOptions = {}): ScanResult {
  const raw = normalizeCommon(input);
  const { t, symbology } = stripSymbology(raw);
  switch (symbology?.content) {
    case "element-string":
      return parseElementString(input, options);
    case "ean":
      return parseEan(input, t, symbology, options);
    case "add-on":
      throw new ScanError("unrecognised-format", `${symbology.carrier} (${symbology.id}) alone identifies no product`, {
        field: "scan",
        position: raw.rawIndex[0]!,
      });
  }
  const text = t.text;
  if (/^https?:\/\//i.test(text)) return parseDigitalLink(input, options);
  if (/^[0-9]{8}$|^[0-9]{12,14}$/.test(text)) {
    const gtin = normalizeGtin(text);
    return {
      ...toGs1Data([{ ai: "01", value: gtin, position: t.rawIndex[0]! }]),
      format: "gtin",
      ...(symbology ? { symbology: symbology.id } : {}),
      repairs: t.repairs,
    };
  }
  const digitsOnly = text.replace(/[ -]/g, "");
  if (/^[0-9]{20}$/.test(digitsOnly)) {
    if (symbology?.id === "]C0") return parseChinaCode(input);
    try {
      parseElementString(input, { ...options, require: [] });
    } catch (e) {
      if (!(e instanceof CodesError)) throw e;
      return parseChinaCode(input);
    }
    return parseElementString(input, options);
  }
  if (/^[\x1d]?[0-9(]/.test(text)) return parseElementString(input, options);
  throw new ScanError(
    "unrecognised-format",
    "not a GS1 Digital Link, GS1 element string, GTIN or China traceability code",
    {
      field: "scan",
      position: t.rawIndex[0]!,
    },
  );
}
