/**
 * The CBV 2.0 event hash (CBV 2.0 section 8.9, "EPCIS event hash ID"): `ni:///sha-256;{hex}?ver=CBV2.0`
 * over a canonical pre-hash string, so that the same event written in XML or JSON-LD, with its fields
 * in any order, with EPC URIs or Digital Links, bare CBV values or their URN forms, hashes the same.
 *
 * The pre-hash string follows the reference implementation (github.com/RalphTro/epcis-event-hash-generator,
 * `hash_generator.py` and `json_to_py.py`, commit 5d2f1c3), whose published pre-hash strings are this
 * module's test vectors: `eventType=` first, then the fields of CBV's fixed order (eventTime normalised
 * to UTC milliseconds, eventTimeZoneOffset, parentID, epcList, ..., readPoint, bizLocation), each list's
 * values sorted; then every other field (bizTransactionList, sourceList, destinationList, ilmd, user
 * extensions as `{namespace}name`), sorted; recordTime, eventID and errorDeclaration are left out.
 * Identifiers become constrained canonical Digital Links (identifiers.ts), CBV values full web URIs, a sensor
 * report's type a GS1 Web Vocabulary term. Where the reference expands a value through the full JSON-LD context
 * (other vocabularies, other GS1 keys than identifiers.ts knows), the value is kept as written.
 */
import { createHash } from "node:crypto";
import { canonicalId } from "./identifiers";

/** A node of the event's tree: name, text, children (the reference's `(name, text, children)`). */
type Node = [name: string, text: string, children: Node[]];
/** A source, destination or business transaction: its type and its value, in that order. */
type Pair = [Node, Node];
type Child = Node | Pair;

interface Order {
  name: string;
  children?: Order[];
}

const leaf = (name: string): Order => ({ name });
const quantity = (name: string): Order => ({
  name,
  children: [{ name: "quantityElement", children: ["epcClass", "quantity", "uom"].map(leaf) }],
});
const epcs = (name: string): Order => ({ name, children: [leaf("epc")] });

const PROP_ORDER: Order[] = [
  leaf("eventTime"),
  leaf("eventTimeZoneOffset"),
  leaf("certificationInfo"),
  leaf("parentID"),
  epcs("epcList"),
  epcs("inputEPCList"),
  epcs("childEPCs"),
  quantity("quantityList"),
  quantity("childQuantityList"),
  quantity("inputQuantityList"),
  epcs("outputEPCList"),
  quantity("outputQuantityList"),
  leaf("action"),
  leaf("transformationID"),
  leaf("bizStep"),
  leaf("disposition"),
  { name: "persistentDisposition", children: [leaf("set"), leaf("unset")] },
  { name: "readPoint", children: [leaf("id")] },
  { name: "bizLocation", children: [leaf("id")] },
  // bizTransactionList, sourceList and destinationList are named in the reference's order but never
  // matched there (their elements are pairs): they fall to the sorted tail, as its vectors show.
  {
    name: "sensorElementList",
    children: [
      {
        name: "sensorElement",
        children: [
          {
            name: "sensorMetadata",
            children: [
              "time",
              "startTime",
              "endTime",
              "deviceID",
              "deviceMetadata",
              "rawData",
              "dataProcessingMethod",
              "bizRules",
            ].map(leaf),
          },
          {
            name: "sensorReport",
            children: [
              "type",
              "exception",
              "deviceID",
              "deviceMetadata",
              "rawData",
              "dataProcessingMethod",
              "time",
              "microorganism",
              "chemicalSubstance",
              "value",
              "component",
              "stringValue",
              "booleanValue",
              "hexBinaryValue",
              "uriValue",
              "minValue",
              "maxValue",
              "meanValue",
              "sDev",
              "percRank",
              "percValue",
              "uom",
              "coordinateReferenceSystem",
            ].map(leaf),
          },
        ],
      },
    ],
  },
];

const IGNORED = new Set(["recordTime", "eventID", "type", "errorDeclaration"]);
const PAIR_LISTS = new Set(["sourceList", "destinationList", "bizTransactionList"]);

// CBV 2.0 web vocabulary: the bare JSON-LD value and the EPCIS 1.x URN both become the full URI.
const CBV = "https://ref.gs1.org/cbv/";
const BARE_VOCABULARY: Record<string, string> = {
  bizStep: "BizStep-",
  disposition: "Disp-",
  set: "Disp-",
  unset: "Disp-",
  reason: "ER-",
};
/** A sensor report's bare type ("Temperature") is a term of the GS1 Web Vocabulary. */
const SENSOR_TYPE = "https://gs1.org/voc/";
const URN_VOCABULARY: [string, string][] = [
  ["urn:epcglobal:cbv:bizstep:", `${CBV}BizStep-`],
  ["urn:epcglobal:cbv:disp:", `${CBV}Disp-`],
  ["urn:epcglobal:cbv:btt:", `${CBV}BTT-`],
  ["urn:epcglobal:cbv:sdt:", `${CBV}SDT-`],
  ["urn:epcglobal:cbv:er:", `${CBV}ER-`],
];

const isBare = (v: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(v);

/** Namespace prefixes the document's @context declares inline: `{"ext1": "http://example.com/ext1"}`. */
export function contextNamespaces(context: unknown): Map<string, string> {
  // The standard context's own prefix for GS1 vocabulary (sensor types "gs1:Temperature"), unless redefined.
  const out = new Map<string, string>([["gs1", "https://gs1.org/voc/"]]);
  for (const c of Array.isArray(context) ? context : [context]) {
    if (c && typeof c === "object") {
      for (const [k, v] of Object.entries(c as Record<string, unknown>)) if (typeof v === "string") out.set(k, v);
    }
  }
  return out;
}

function compareNodes(a: Child, b: Child): number {
  const x = flat(a);
  const y = flat(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const c = cmp(x[i]!, y[i]!);
    if (c !== 0) return c;
  }
  return x.length - y.length;
}
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
// (a pair without its type, `{"bizTransaction": "..."}`, has one member)
const flat = (n: Child): string[] =>
  isPair(n) ? (n as Node[]).flatMap((c) => flat(c)) : [n[0], n[1], ...n[2].flatMap((c) => flat(c))];
const isPair = (c: Child): c is Pair => Array.isArray(c[0]);

function scalar(v: unknown): string {
  if (typeof v === "boolean") return v ? "True" : "False"; // Python's str(), as the reference
  if (v === null || v === undefined) return "";
  return String(v);
}

class TreeBuilder {
  constructor(private readonly ns: Map<string, string>) {}

  key(k: string): string {
    const i = k.indexOf(":");
    if (i > 0 && this.ns.has(k.slice(0, i))) return `{${this.ns.get(k.slice(0, i))}}${k.slice(i + 1)}`;
    return k;
  }

  value(field: string, v: string, depth: number): string {
    const i = v.indexOf(":");
    if (i > 0 && this.ns.has(v.slice(0, i))) return this.ns.get(v.slice(0, i))! + v.slice(i + 1);
    const vocabulary = BARE_VOCABULARY[field];
    if (vocabulary && isBare(v)) return CBV + vocabulary + v;
    // Nested "type"s are sensor report types (the event's own type is written apart, pairs' types by pairOf).
    if (field === "type" && depth > 1 && isBare(v)) return SENSOR_TYPE + v;
    return v;
  }

  /** A JSON value under `field` as nodes named `field` (one per element when it is an array). */
  nodes(field: string, v: unknown, depth = 0): Child[] {
    if (Array.isArray(v)) {
      const items = v.flatMap((e) => this.nodes(field, e, depth));
      if (PAIR_LISTS.has(field)) {
        return [[field, "", items.map((n) => this.pairOf(n as Node)) as unknown as Node[]]];
      }
      if (field.endsWith("List")) {
        const inner = field === "quantityList" || /QuantityList$/.test(field) ? "quantityElement" : field.slice(0, -4);
        const named = field.endsWith("EPCList") || field === "epcList" ? "epc" : inner;
        return [[field, "", items.map((n) => [named, (n as Node)[1], (n as Node)[2]] as Node)]];
      }
      if (field === "childEPCs")
        return [[field, "", items.map((n) => ["epc", (n as Node)[1], (n as Node)[2]] as Node)]];
      return items;
    }
    if (v && typeof v === "object") {
      const o = v as Record<string, unknown>;
      const children: Child[] = [];
      for (const [k, val] of Object.entries(o)) {
        if (k === "#text" || k === "rdfs:comment" || k === "comment" || k === "@context") continue;
        children.push(...this.nodes(this.key(k), val, depth + 1));
      }
      if (!("bizTransaction" in o || "source" in o || "destination" in o)) children.sort(compareNodes);
      return [[field, "", children as Node[]]];
    }
    return [[field, this.value(field, scalar(v), depth), []]];
  }

  /** A source, destination or business transaction as (type, value): type first, as CBV orders them. */
  private pairOf(n: Node): Node {
    const type = n[2].find((c) => c[0] === "type");
    const rest = n[2].filter((c) => c[0] !== "type");
    // (read as a nested "type" it took the sensor vocabulary: a source's or transaction's type is CBV's)
    const raw = type?.[1].startsWith(SENSOR_TYPE) ? type[1].slice(SENSOR_TYPE.length) : type?.[1];
    const typed: Node | undefined =
      type && raw !== undefined ? [type[0], isBare(raw) ? this.typeUri(rest, raw) : raw, []] : undefined;
    return (typed ? [typed, ...rest] : rest) as unknown as Node;
  }

  private typeUri(rest: Node[], bare: string): string {
    return CBV + (rest.some((c) => c[0] === "bizTransaction") ? "BTT-" : "SDT-") + bare;
  }
}

function fixTime(text: string): string {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:?\d\d)?$/i.exec(text);
  if (!m) return text;
  const micro = Number((m[2] ?? "").slice(0, 6).padEnd(6, "0"));
  // Python's round(x, -3): half to even
  let ms = Math.floor(micro / 1000);
  const rest = micro % 1000;
  if (rest > 500 || (rest === 500 && ms % 2 === 1)) ms += 1;
  const zone = !m[3] || m[3].toUpperCase() === "Z" ? "Z" : m[3];
  const t = Date.parse(`${m[1]}${zone}`);
  if (Number.isNaN(t)) return text;
  return new Date(t + ms).toISOString();
}

function formatNumeric(text: string): string {
  if (!/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text)) return text;
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  return Number.isInteger(n) ? BigInt(n).toString() : String(n);
}

function canonize(text: string): string {
  let t = text;
  for (const [urn, uri] of URN_VOCABULARY) t = t.split(urn).join(uri);
  t = formatNumeric(t);
  return canonicalId(t) ?? t;
}

function childToPreHash(child: Node, sub: Order[] | undefined): string {
  const grand = sub ? ordered(child[2], sub) : "";
  let text = child[1].trim();
  if (text) {
    const lower = child[0].toLowerCase();
    text = "=" + (lower.includes("time") && !lower.includes("offset") ? fixTime(text) : canonize(text));
  }
  return text || grand ? child[0] + text + grand : "";
}

/** The fields of `order`, in that order, each removed from `list` once used up. */
function ordered(list: Child[], order: Order[]): string {
  const extensions = gatherExtensions(list);
  let out = "";
  for (const o of order) {
    const values: string[] = [];
    for (const child of list.filter((x): x is Node => !isPair(x) && x[0] === o.name)) {
      const s = childToPreHash(child, o.children);
      if (s) values.push(s);
      if (child[2].length === 0) list.splice(list.indexOf(child), 1);
    }
    values.sort(cmp);
    out += values.join("");
  }
  if (extensions.length > 0) out += generic(extensions);
  return out;
}

function gatherExtensions(list: Child[]): Child[] {
  if (list.length <= 1) return [];
  if (list.some((c) => !isPair(c) && (c[0].includes("eventTime") || c[0].includes("action")))) return [];
  const found = list.filter((c) => !isPair(c) && c[0].includes("{") && c[0].includes("/}"));
  for (const f of found) list.splice(list.indexOf(f), 1);
  return found;
}

function generic(children: Child[]): string {
  const values = children.map((child) => {
    if (isPair(child)) return generic(child);
    const text = child[1].trim();
    return child[0] + (text ? "=" + canonize(text) : "") + generic(child[2]);
  });
  const keepOrder = children.some(
    (c) => !isPair(c) && (c[0] === "bizTransaction" || c[0] === "source" || c[0] === "destination"),
  );
  if (children.length > 1 && !keepOrder) values.sort(cmp);
  return values.join("");
}

/**
 * The canonical pre-hash string of one event (CBV 2.0 8.9.2).
 * @param context the document's `@context`, for the namespaces of user extensions
 */
export function preHashString(event: Record<string, unknown>, context?: unknown): string {
  const builder = new TreeBuilder(contextNamespaces(context));
  const root = builder.nodes("", event)[0] as Node;
  const list: Child[] = root[2];
  const head = ordered(list, PROP_ORDER);
  const tail = generic(list.filter((c) => isPair(c) || !IGNORED.has(c[0])));
  return `eventType=${scalar(event.type)}${head}${tail}`;
}

/** The CBV 2.0 event hash ID: `ni:///sha-256;{hex}?ver=CBV2.0`. */
export function eventHash(event: Record<string, unknown>, context?: unknown): string {
  const hex = createHash("sha256").update(preHashString(event, context), "utf8").digest("hex");
  return `ni:///sha-256;${hex}?ver=CBV2.0`;
}
