import { spliceTracked, type TrackedText } from "./normalizeInput";

/**
 * What a symbology identifier (ISO/IEC 15424, the `]` + letter + modifier a scanner sends before
 * the data) says about the data after it, for the carriers GS1 uses (GS1 General Specifications
 * 5.1.2 and 5.4, the GS1 Barcode Syntax Engine's scan-data table):
 * - "element-string": GS1 mode (FNC1 in first position): the data is GS1 element strings;
 * - "ean": an EAN/UPC symbol: a GTIN of `digits` digits whose check digit must verify;
 * - "add-on": an EAN/UPC add-on symbol alone (2 or 5 digits): no product key;
 * - "plain": any other data, which a GS1 Digital Link URI may be (a QR Code or Data Matrix
 *   without FNC1 first: `]Q1`, `]d1`, `]J0`).
 */
export type SymbologyContent = "element-string" | "ean" | "add-on" | "plain";

export interface Symbology {
  /** the identifier as sent, e.g. "]d2" */
  id: string;
  /** the carrier's name, for messages */
  carrier: string;
  content: SymbologyContent;
  /** for "ean": the lengths the data may have (13, or 13 + a 2- or 5-digit add-on for ]E3) */
  lengths?: readonly number[];
}

const TABLE: Record<string, Omit<Symbology, "id">> = {
  "]C1": { carrier: "GS1-128", content: "element-string" },
  "]e0": { carrier: "GS1 DataBar or Composite", content: "element-string" },
  "]d2": { carrier: "GS1 DataMatrix", content: "element-string" },
  "]Q3": { carrier: "GS1 QR Code", content: "element-string" },
  "]J1": { carrier: "GS1 DotCode", content: "element-string" },
  // EAN-13, UPC-A and UPC-E are all sent as 13 digits under ]E0; EAN-8 as 8 digits under ]E4.
  "]E0": { carrier: "EAN-13/UPC", content: "ean", lengths: [13] },
  "]E4": { carrier: "EAN-8", content: "ean", lengths: [8] },
  "]E3": { carrier: "EAN-13/UPC with add-on", content: "ean", lengths: [15, 18] },
  "]E1": { carrier: "EAN/UPC 2-digit add-on", content: "add-on" },
  "]E2": { carrier: "EAN/UPC 5-digit add-on", content: "add-on" },
  // ITF-14 (the outer case of a GTIN) with its check digit checked by the scanner.
  "]I1": { carrier: "ITF-14", content: "ean", lengths: [14] },
  "]Q1": { carrier: "QR Code", content: "plain" },
  "]d1": { carrier: "Data Matrix", content: "plain" },
  "]J0": { carrier: "DotCode", content: "plain" },
  "]C0": { carrier: "Code 128", content: "plain" },
};

const PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

/** The symbology identifier that starts `text`, or undefined; an unknown one reads as plain data. */
export function symbologyOf(text: string): Symbology | undefined {
  const m = PREFIX.exec(text);
  if (!m) return undefined;
  return { id: m[0], ...(TABLE[m[0]] ?? { carrier: `symbology ${m[0]}`, content: "plain" }) };
}

/** Takes the symbology identifier off the front of tracked text, keeping raw positions. */
export function stripSymbology(t: TrackedText): { t: TrackedText; symbology?: Symbology } {
  const symbology = symbologyOf(t.text);
  if (!symbology) return { t };
  return { t: spliceTracked(t, 0, symbology.id.length, ""), symbology };
}
