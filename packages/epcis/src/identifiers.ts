/**
 * The identifiers an EPCIS event carries, in either of the forms EPCIS 2.0 allows: EPC URIs
 * (`urn:epc:id:sgtin:0614141.107346.2017`, `urn:epc:class:lgtin:...`, `urn:epc:id:sscc:...`,
 * `urn:epc:id:pgln:...`, `urn:epc:id:sgln:...`) and GS1 Digital Link URIs on any host
 * (`https://id.gs1.org/01/10614141073464/21/2017`, `.../00/{sscc}`, `.../417/{gln}`, `.../414/{gln}/254/{ext}`).
 *
 * `canonicalId` is the constrained canonical GS1 Digital Link of CBV 2.0 section 8.9 (the event hash):
 * host `https://id.gs1.org`, no query string, only the finest level of identification (a serialised
 * pack drops its lot). It follows the reference implementation's `dl_normaliser.py`
 * (github.com/RalphTro/epcis-event-hash-generator) for the keys this product meets: SGTIN, LGTIN,
 * GTIN patterns, SSCC, SGLN, PGLN, and GDTI and GIAI (business documents, sensor devices) from their EPC URIs;
 * other keys pass through unchanged.
 */
import { gs1CheckDigit } from "@tracemed/codes";

export type EpcIdentity =
  | { kind: "sgtin"; gtin: string; serial: string }
  | { kind: "lgtin"; gtin: string; lot: string }
  | { kind: "gtin"; gtin: string }
  | { kind: "sscc"; sscc: string }
  | { kind: "pgln"; gln: string }
  | { kind: "sgln"; gln: string; extension: string | null }
  | { kind: "gdti"; gdti: string }
  | { kind: "giai"; giai: string };

export const GS1_RESOLVER = "https://id.gs1.org";

const withCheck = (body: string) => body + String(gs1CheckDigit(body));

/** GTIN-14 from an EPC URI's company prefix and item reference (indicator digit first). */
function gtinOf(prefix: string, itemRef: string): string | null {
  if (prefix.length + itemRef.length !== 13) return null;
  return withCheck(itemRef.slice(0, 1) + prefix + itemRef.slice(1));
}

// Characters of GS1 Digital Link Table 7-1 that an EPC URI may carry bare and a Digital Link encodes.
const percentEncode = (s: string) =>
  s.replace(/[!()*+,:]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function fromEpcUri(uri: string): EpcIdentity | null {
  let m = /^urn:epc:id:sgtin:(\d{6,12})\.(\d{1,7})\.(.{1,60})$/.exec(uri);
  if (m) {
    const gtin = gtinOf(m[1]!, m[2]!);
    return gtin ? { kind: "sgtin", gtin, serial: safeDecode(m[3]!) } : null;
  }
  m = /^urn:epc:class:lgtin:(\d{6,12})\.(\d{1,7})\.(.{1,60})$/.exec(uri);
  if (m) {
    const gtin = gtinOf(m[1]!, m[2]!);
    return gtin ? { kind: "lgtin", gtin, lot: safeDecode(m[3]!) } : null;
  }
  m = /^urn:epc:idpat:sgtin:(\d{6,12})\.(\d{1,7})\.\*$/.exec(uri);
  if (m) {
    const gtin = gtinOf(m[1]!, m[2]!);
    return gtin ? { kind: "gtin", gtin } : null;
  }
  m = /^urn:epc:id:sscc:(\d{6,12})\.(\d{5,11})$/.exec(uri);
  if (m && m[1]!.length + m[2]!.length === 17) {
    return { kind: "sscc", sscc: withCheck(m[2]!.slice(0, 1) + m[1]! + m[2]!.slice(1)) };
  }
  m = /^urn:epc:id:pgln:(\d{6,12})\.(\d{0,6})$/.exec(uri);
  if (m && m[1]!.length + m[2]!.length === 12) return { kind: "pgln", gln: withCheck(m[1]! + m[2]!) };
  m = /^urn:epc:id:sgln:(\d{6,12})\.(\d{0,6})\.(.{1,20})$/.exec(uri);
  if (m && m[1]!.length + m[2]!.length === 12) {
    const extension = safeDecode(m[3]!);
    return { kind: "sgln", gln: withCheck(m[1]! + m[2]!), extension: extension === "0" ? null : extension };
  }
  // Documents and assets: named in business transactions and sensor devices, canonicalised for the event hash.
  m = /^urn:epc:id:gdti:(\d{6,12})\.(\d{0,6})\.(.{0,17})$/.exec(uri);
  if (m && m[1]!.length + m[2]!.length === 12)
    return { kind: "gdti", gdti: withCheck(m[1]! + m[2]!) + safeDecode(m[3]!) };
  m = /^urn:epc:id:giai:(\d{6,12})\.(.{1,24})$/.exec(uri);
  if (m && m[1]!.length + m[2]!.length <= 30) return { kind: "giai", giai: m[1]! + safeDecode(m[2]!) };
  return null;
}

const ALPHA_KEYS: Record<string, string> = {
  gtin: "01",
  sscc: "00",
  gln: "414",
  party: "417",
  gdti: "253",
  giai: "8004",
  lot: "10",
  ser: "21",
};

function fromDigitalLink(uri: string): EpcIdentity | null {
  const m = /^https?:\/\/[^/?#]+(\/[^?#]*)/.exec(uri);
  if (!m) return null;
  const segments = m[1]!.split("/").filter((s) => s !== "");
  const start = segments.findIndex((s) =>
    ["01", "00", "414", "417", "253", "8004", "gtin", "sscc", "gln", "party", "gdti", "giai"].includes(s),
  );
  if (start < 0 || start + 1 >= segments.length) return null;
  const pairs = new Map<string, string>();
  for (let i = start; i + 1 < segments.length; i += 2) {
    pairs.set(ALPHA_KEYS[segments[i]!] ?? segments[i]!, safeDecode(segments[i + 1]!));
  }
  const key = ALPHA_KEYS[segments[start]!] ?? segments[start]!;
  const value = pairs.get(key)!;
  switch (key) {
    case "01": {
      if (!/^(\d{8}|\d{12,14})$/.test(value)) return null;
      const gtin = value.padStart(14, "0");
      const serial = pairs.get("21");
      const lot = pairs.get("10");
      if (serial !== undefined) return { kind: "sgtin", gtin, serial };
      if (lot !== undefined) return { kind: "lgtin", gtin, lot };
      return { kind: "gtin", gtin };
    }
    case "00":
      return /^\d{18}$/.test(value) ? { kind: "sscc", sscc: value } : null;
    case "417":
      return /^\d{13}$/.test(value) ? { kind: "pgln", gln: value } : null;
    case "414":
      return /^\d{13}$/.test(value) ? { kind: "sgln", gln: value, extension: pairs.get("254") ?? null } : null;
    case "253":
      return /^\d{13}.{0,17}$/.test(value) ? { kind: "gdti", gdti: value } : null;
    case "8004":
      return /^\d{4}.{0,26}$/.test(value) ? { kind: "giai", giai: value } : null;
  }
  return null;
}

/** What an EPC URI or GS1 Digital Link identifies, or null when it is neither (or another key). */
export function epcIdentity(uri: string): EpcIdentity | null {
  const t = uri.trim();
  return t.startsWith("urn:epc:") ? fromEpcUri(t) : fromDigitalLink(t);
}

/** An identity as the constrained canonical GS1 Digital Link (CBV 2.0 8.9). */
export function canonicalLink(id: EpcIdentity): string {
  switch (id.kind) {
    case "sgtin":
      return `${GS1_RESOLVER}/01/${id.gtin}/21/${percentEncode(id.serial)}`;
    case "lgtin":
      return `${GS1_RESOLVER}/01/${id.gtin}/10/${percentEncode(id.lot)}`;
    case "gtin":
      return `${GS1_RESOLVER}/01/${id.gtin}`;
    case "sscc":
      return `${GS1_RESOLVER}/00/${id.sscc}`;
    case "pgln":
      return `${GS1_RESOLVER}/417/${id.gln}`;
    case "sgln":
      return `${GS1_RESOLVER}/414/${id.gln}${id.extension === null ? "" : `/254/${percentEncode(id.extension)}`}`;
    case "gdti":
      return `${GS1_RESOLVER}/253/${percentEncode(id.gdti)}`;
    case "giai":
      return `${GS1_RESOLVER}/8004/${percentEncode(id.giai)}`;
  }
}

/** The canonical form of an identifier, or null when it is not one this module knows. */
export function canonicalId(uri: string): string | null {
  const id = epcIdentity(uri);
  return id ? canonicalLink(id) : null;
}
