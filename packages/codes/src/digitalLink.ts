import { aiSpec } from "./ai";
import { pairingProblem } from "./aiPairs";
import { checkAiValue } from "./aiValue";
import { describeChar } from "./cset82";
import { at, DigitalLinkError, type CodesErrorCode } from "./errors";
import { assertAiValue, toGs1Data, type Gs1Data, type Gs1Element, type PackIdentity } from "./gs1Data";
import { normalizeCommon, type Repair } from "./normalizeInput";
import { stripSymbology } from "./symbology";

/**
 * The GS1 Digital Link primary keys this package reads and, for each, its key qualifiers: one or
 * more alternative sequences, each used in its order with any member left out (the "dlpkey"
 * attribute of the GS1 Barcode Syntax Dictionary, 2026-01-27: `01` takes 22, 10, 21 or else 235).
 * AI 7040 (a qualifier of 414, 417 and 8004) is not in this package's AI table, so not read here.
 */
const PRIMARY_KEYS: Record<string, readonly (readonly string[])[]> = {
  "00": [],
  "01": [["22", "10", "21"], ["235"]],
  "253": [],
  "401": [],
  "402": [],
  "414": [["254"]],
  "415": [["8020"]],
  "417": [],
  "8004": [],
  "8006": [["22", "10", "21"]],
};
/**
 * AIs that are key qualifiers only, never GS1 Digital Link data attributes (those without the "?"
 * flag in the GS1 Barcode Syntax Dictionary): in a query string they are refused.
 */
const NOT_ATTRIBUTES = new Set(["21", "22", "235", "254", "8020"]);

/** Whether `qualifiers` after `primary` are in the order of one of its qualifier sequences. */
function isQualifierPath(primary: string, qualifiers: readonly string[]): boolean {
  return (
    qualifiers.length === 0 ||
    (PRIMARY_KEYS[primary] ?? []).some((seq) => {
      let rank = -1;
      return qualifiers.every((ai) => {
        const r = seq.indexOf(ai, rank + 1);
        rank = r;
        return r >= 0;
      });
    })
  );
}

/** GS1 Digital Link 1.0 "convenience alphas", still sent by older verification clients. */
const ALIASES: Record<string, string> = {
  gtin: "01",
  cpv: "22",
  lot: "10",
  ser: "21",
  sscc: "00",
  gln: "414",
  glnx: "254",
  party: "417",
};

export const DEFAULT_RESOLVER = "https://id.gs1.org";

export interface ParsedDigitalLink extends Gs1Data {
  format: "digital-link";
  /** scheme and host, lower-cased, e.g. "https://id.gs1.org" */
  origin: string;
  /** the path before the primary key on the host ("" or e.g. "/p") */
  pathPrefix: string;
  /** query parameters that are not GS1 AIs (linkType, exp, reqGLN, ...) */
  params: Record<string, string>;
  /** the symbology identifier the scanner sent before the URI, e.g. "]Q1" (QR Code) */
  symbology?: string;
  repairs: Repair[];
}

// RFC 3986 unreserved characters: everything else in a value is percent-encoded.
const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes a value for a Digital Link path segment or query value. */
export function encodeDigitalLinkValue(value: string): string {
  let out = "";
  for (const ch of value) {
    if (UNRESERVED.test(ch)) out += ch;
    else for (const b of new TextEncoder().encode(ch)) out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

function fail(code: CodesErrorCode, message: string, position: number, field = "Digital Link"): never {
  throw new DigitalLinkError(code, `${message} (${at(position)})`, { field, position });
}

/** A percent-decoded value and, for each of its characters, its position in the input. */
interface Decoded {
  value: string;
  positions: number[];
}

/**
 * Percent-decodes `text` that starts at `offset` of the input. In a query string (`form`) "+" is a
 * space, as in HTML form encoding (GS1 Digital Link URI Syntax 1.2; the GS1 Barcode Syntax Engine
 * reads it so); in a path it is itself.
 */
function decode(text: string, offset: number, field: string, form = false): Decoded {
  const bytes: number[] = [];
  const positions: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    positions.push(offset + i);
    if (text[i] === "%") {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex))
        fail("invalid-percent-encoding", `${field}: "%" must be followed by two hex digits`, offset + i, field);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (form && text[i] === "+") {
      bytes.push(0x20);
    } else if (c > 127) {
      fail("invalid-character", `${field}: ${describeChar(text[i])} must be percent-encoded`, offset + i, field);
    } else {
      bytes.push(c);
    }
  }
  let value: string;
  try {
    value = new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return fail("invalid-percent-encoding", `${field}: percent-encoded bytes are not UTF-8`, offset, field);
  }
  // Multi-byte characters fail CSET 82 anyway; their position is that of their first byte.
  if (value.length !== positions.length) positions.length = value.length;
  positions.push(offset + text.length);
  return { value, positions };
}

function validate(ai: string, decoded: Decoded, referenceYear?: number): string {
  const spec = aiSpec(ai)!;
  const value = decoded.value;
  const padded =
    ai === "01" && /^[0-9]+$/.test(value) && [8, 12, 13].includes(value.length) ? value.padStart(14, "0") : value;
  const problem = checkAiValue(spec, padded, referenceYear);
  if (problem) {
    const inValue = Math.max(0, Math.min(problem.offset - (padded.length - value.length), value.length));
    fail(problem.code, problem.message, decoded.positions[inValue]!, spec.field);
  }
  return padded;
}

interface Segment {
  text: string;
  offset: number;
}

function tryPath(segments: Segment[], start: number, referenceYear?: number): Gs1Element[] {
  const first = segments[start]!;
  const primary = ALIASES[first.text] ?? first.text;
  const primaryField = aiSpec(primary)!.field;
  const sequences = PRIMARY_KEYS[primary]!;
  const elements: Gs1Element[] = [];
  const qualifiers: string[] = [];
  for (let i = start; i < segments.length; i += 2) {
    const seg = segments[i]!;
    const ai = ALIASES[seg.text] ?? seg.text;
    const valueSeg = segments[i + 1];
    const spec = aiSpec(ai);
    if (i > start) {
      if (!sequences.some((seq) => seq.includes(ai))) {
        if (spec)
          fail(
            "invalid-digital-link",
            `${spec.field} is not a key qualifier of ${primaryField}; data attributes go in the query string`,
            seg.offset,
            spec.field,
          );
        fail("unknown-ai", `"${seg.text}" is not a GS1 key qualifier`, seg.offset, "key qualifier");
      }
      qualifiers.push(ai);
      if (!isQualifierPath(primary, qualifiers)) {
        const orders = sequences.map((seq) => seq.map((a) => aiSpec(a)!.field).join(", ")).join("; or ");
        fail(
          "qualifier-order",
          `${spec!.field} is out of order; after ${primaryField} the qualifiers come in the order ${orders}`,
          seg.offset,
          spec!.field,
        );
      }
    }
    if (!valueSeg || valueSeg.text === "") {
      fail("invalid-digital-link", `${spec!.field} has no value`, seg.offset + seg.text.length, spec!.field);
    }
    elements.push({
      ai,
      value: validate(ai, decode(valueSeg.text, valueSeg.offset, spec!.field), referenceYear),
      position: seg.offset,
    });
  }
  return elements;
}

/**
 * Parses a GS1 Digital Link URI: `https://{host}{/optional prefix}/01/{gtin}[/22/{cpv}][/10/{lot}][/21/{serial}]?17={yymmdd}`.
 * Enforces GS1 Digital Link 1.2 as the GS1 Barcode Syntax Engine reads it: key qualifiers only in
 * the path, after their own primary key and in its order (22, 10, 21 or else 235 after 01; 254
 * after 414; ...); data attributes only in the query, where "+" is a space; no trailing "/";
 * GTIN-8/12/13 padded to 14; values percent-decoded and checked against their AI. Also reads SSCC
 * (00), GLN (414, 417), GDTI (253), GINC (401), GSIN (402), GIAI (8004) and ITIP (8006) links, the
 * old alpha form `/gtin/{gtin}/lot/{lot}/ser/{serial}`, and a plain-data symbology identifier
 * (`]Q1`, `]d1`, `]J0`) in front, as a scanner sends it.
 * @throws DigitalLinkError naming the field and the position in the URI
 */
export function parseDigitalLink(input: string, options: { referenceYear?: number } = {}): ParsedDigitalLink {
  const { t, symbology } = stripSymbology(normalizeCommon(input));
  if (symbology && symbology.content !== "plain")
    fail(
      "invalid-digital-link",
      `${symbology.id} marks ${symbology.carrier} data, which cannot hold a Digital Link URI`,
      t.rawIndex[0]! - symbology.id.length,
    );
  const text = t.text;
  const base = t.rawIndex[0]!;
  const m = /^(https?):\/\/([^/?#]+)/i.exec(text);
  if (!m) fail("invalid-digital-link", "a Digital Link starts with https:// or http:// and a host", base);
  const origin = `${m[1]!.toLowerCase()}://${m[2]!.toLowerCase()}`;
  const hostBad = /[^A-Za-z0-9.\-:[\]]/.exec(m[2]!);
  if (hostBad)
    fail(
      "invalid-character",
      `host: ${describeChar(hostBad[0])} is not allowed`,
      t.rawIndex[m[1]!.length + 3 + hostBad.index]!,
      "host",
    );

  const rest = text.slice(m[0].length);
  const hashAt = rest.indexOf("#");
  const beforeHash = hashAt < 0 ? rest : rest.slice(0, hashAt);
  const qAt = beforeHash.indexOf("?");
  const path = qAt < 0 ? beforeHash : beforeHash.slice(0, qAt);
  const query = qAt < 0 ? "" : beforeHash.slice(qAt + 1);
  const pathOffset = m[0].length;

  const segments: Segment[] = [];
  let pos = 0;
  for (const part of path.split("/")) {
    segments.push({ text: part, offset: t.rawIndex[pathOffset + pos]! });
    pos += part.length + 1;
  }
  segments.shift(); // the empty segment before the first "/"
  const trailingSlash = segments.length > 1 && segments[segments.length - 1]!.text === "";
  if (trailingSlash) segments.pop();

  let elements: Gs1Element[] | undefined;
  let prefixEnd = 0;
  let firstError: unknown;
  for (let s = 0; s < segments.length && !elements; s++) {
    const key = ALIASES[segments[s]!.text] ?? segments[s]!.text;
    if (!(key in PRIMARY_KEYS)) continue;
    try {
      elements = tryPath(segments, s, options.referenceYear);
      prefixEnd = s;
    } catch (e) {
      firstError ??= e;
    }
  }
  if (!elements) {
    if (firstError) throw firstError;
    fail(
      "invalid-digital-link",
      "the path holds no GS1 primary key (such as 01 GTIN, 00 SSCC, 414 GLN)",
      t.rawIndex[pathOffset]!,
    );
  }
  // GS1 Digital Link 1.2's grammar ends the path with a value; the GS1 Barcode Syntax Engine refuses
  // a trailing "/". Reading past it would be a guess: "/21/AB/" may be serial "AB/" badly encoded.
  if (trailingSlash)
    fail(
      "invalid-digital-link",
      'the path ends with "/" after the last value; a value that ends with "/" is written %2F',
      t.rawIndex[pathOffset + path.length - 1]!,
    );
  const primary = elements[0]!.ai;
  const qualifiers = elements.slice(1).map((e) => e.ai);
  const pathPrefix = segments
    .slice(0, prefixEnd)
    .map((s) => "/" + s.text)
    .join("");
  const bad = /[^A-Za-z0-9\-._~%!$&'()*+,;=:@/]/.exec(pathPrefix);
  if (bad)
    fail(
      "invalid-character",
      `path: ${describeChar(bad[0])} must be percent-encoded`,
      segments[0]!.offset + bad.index - 1,
      "path",
    );

  const params: Record<string, string> = {};
  let qpos = pathOffset + path.length + 1;
  for (const pair of query === "" ? [] : query.split("&")) {
    const offset = t.rawIndex[qpos]!;
    qpos += pair.length + 1;
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = decode(eq < 0 ? pair : pair.slice(0, eq), offset, "query parameter", true).value;
    const value = decode(eq < 0 ? "" : pair.slice(eq + 1), offset + eq + 1, name, true);
    const spec = /^[0-9]{2,4}$/.test(name) ? aiSpec(name) : undefined;
    if (spec) {
      if (NOT_ATTRIBUTES.has(spec.ai))
        fail(
          "invalid-digital-link",
          `${spec.field} is a key qualifier, not a data attribute; it belongs in the path after its primary key`,
          offset,
          spec.field,
        );
      // A qualifier the path's key could have taken goes in the path (GS1 DL 1.2, section 4); after
      // 00, 414 or 417, or after 01 with 235, an AI such as 10 is an ordinary data attribute.
      for (let j = 0; j <= qualifiers.length; j++) {
        if (isQualifierPath(primary, [...qualifiers.slice(0, j), spec.ai, ...qualifiers.slice(j)]))
          fail(
            "invalid-digital-link",
            `${spec.field} qualifies ${aiSpec(primary)!.field}; it belongs in the path, not the query`,
            offset,
            spec.field,
          );
      }
      if (elements.some((e) => e.ai === spec.ai))
        fail("duplicate-ai", `${spec.field} appears twice`, offset, spec.field);
      elements.push({ ai: spec.ai, value: validate(spec.ai, value, options.referenceYear), position: offset });
    } else if (/^[0-9]+$/.test(name)) {
      fail("unknown-ai", `unknown application identifier ${name} in the query`, offset, "query parameter");
    } else {
      params[name] = value.value;
    }
  }
  // GS1's pairing rules hold for a link as for any code: a lot after an SSCC needs the contained
  // GTIN (02) beside it, a serial never goes with a third-party serial (235), ...
  const pairing = pairingProblem(elements.map((e) => e.ai));
  if (pairing) {
    const position = elements.find((e) => e.ai === pairing.ai)!.position;
    fail(pairing.code, pairing.message, position, aiSpec(pairing.ai)!.field);
  }
  return {
    ...toGs1Data(elements),
    format: "digital-link",
    origin,
    pathPrefix,
    params,
    ...(symbology ? { symbology: symbology.id } : {}),
    repairs: t.repairs,
  };
}

/**
 * Builds the GS1 Digital Link of a pack: `{base}/01/{gtin14}[/22/{cpv}][/10/{lot}][/21/{serial}][?17={expiry}]`.
 * `base` is the resolver or our own host, optionally with a path prefix (default https://id.gs1.org).
 * @throws DigitalLinkError for a bad base; ElementStringError naming a field that does not fit its AI
 */
export function buildDigitalLink(id: PackIdentity, options: { base?: string } = {}): string {
  const base = (options.base ?? DEFAULT_RESOLVER).replace(/\/+$/, "");
  if (!/^https?:\/\/[A-Za-z0-9.\-:[\]]+(\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/]*)?$/.test(base)) {
    throw new DigitalLinkError("invalid-argument", "base must be http(s)://host[/prefix] without query or fragment", {
      field: "base",
    });
  }
  const gtin = id.gtin.length < 14 && /^[0-9]+$/.test(id.gtin) ? id.gtin.padStart(14, "0") : id.gtin;
  assertAiValue("01", gtin);
  let url = `${base}/01/${gtin}`;
  for (const [ai, value] of [
    ["22", id.cpv],
    ["10", id.lot],
    ["21", id.serial],
  ] as const) {
    if (value === undefined) continue;
    assertAiValue(ai, value);
    url += `/${ai}/${encodeDigitalLinkValue(value)}`;
  }
  if (id.expiry !== undefined) {
    assertAiValue("17", id.expiry);
    url += `?17=${id.expiry}`;
  }
  return url;
}
