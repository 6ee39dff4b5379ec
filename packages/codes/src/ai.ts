/**
 * The GS1 Application Identifiers this package reads, with their formats (GS1 General
 * Specifications, section 3, and the GS1 Barcode Syntax Dictionary). The table is prefix-free, as
 * GS1 designs it: at most one AI matches at any position of an element string.
 */
export type AiCheck = "csum" | "date0" | "date" | "datetime";

export interface AiComponent {
  /** N: digits; X: GS1 CSET 82 */
  type: "N" | "X";
  min: number;
  max: number;
  check?: AiCheck;
}

export interface AiSpec {
  ai: string;
  /** short GS1 data title, e.g. "BATCH/LOT" */
  title: string;
  /** how errors name the field, e.g. "batch/lot (10)" */
  field: string;
  components: readonly AiComponent[];
  minLength: number;
  maxLength: number;
  /**
   * Whether the AI's length is predefined by its first two digits (GS1 figure 7.8.5-2), so that
   * no FNC1/GS separator follows it.
   */
  predefined: boolean;
}

const PREDEFINED_PREFIXES = new Set([
  "00",
  "01",
  "02",
  "03",
  "04",
  "11",
  "12",
  "13",
  "14",
  "15",
  "16",
  "17",
  "18",
  "19",
  "20",
  "31",
  "32",
  "33",
  "34",
  "35",
  "36",
  "41",
]);

const N = (min: number, max = min, check?: AiCheck): AiComponent => ({
  type: "N",
  min,
  max,
  ...(check ? { check } : {}),
});
const X = (min: number, max: number): AiComponent => ({ type: "X", min, max });

const TABLE = new Map<string, AiSpec>();

function define(ai: string, title: string, name: string, ...components: AiComponent[]): void {
  TABLE.set(ai, {
    ai,
    title,
    field: `${name} (${ai})`,
    components,
    minLength: components.reduce((s, c) => s + c.min, 0),
    maxLength: components.reduce((s, c) => s + c.max, 0),
    predefined: PREDEFINED_PREFIXES.has(ai.slice(0, 2)),
  });
}

define("00", "SSCC", "SSCC", N(18, 18, "csum"));
define("01", "GTIN", "GTIN", N(14, 14, "csum"));
define("02", "CONTENT", "contained GTIN", N(14, 14, "csum"));
define("10", "BATCH/LOT", "batch/lot", X(1, 20));
define("11", "PROD DATE", "production date", N(6, 6, "date0"));
define("12", "DUE DATE", "due date", N(6, 6, "date0"));
define("13", "PACK DATE", "packaging date", N(6, 6, "date0"));
define("15", "BEST BEFORE", "best before date", N(6, 6, "date0"));
define("16", "SELL BY", "sell by date", N(6, 6, "date0"));
define("17", "USE BY OR EXPIRY", "expiry date", N(6, 6, "date0"));
define("20", "VARIANT", "variant", N(2));
define("21", "SERIAL", "serial number", X(1, 20));
define("22", "CPV", "consumer product variant", X(1, 20));
define("235", "TPX", "third-party serial", X(1, 28));
define("240", "ADDITIONAL ID", "additional product id", X(1, 30));
define("241", "CUST. PART No.", "customer part number", X(1, 30));
define("242", "MTO VARIANT", "made-to-order variant", N(1, 6));
define("250", "SECONDARY SERIAL", "secondary serial", X(1, 30));
define("251", "REF. TO SOURCE", "reference to source", X(1, 30));
define("253", "GDTI", "document type id", N(13, 13, "csum"), X(0, 17));
define("254", "GLN EXTENSION COMPONENT", "GLN extension", X(1, 20));
define("30", "VAR. COUNT", "variable count", N(1, 8));
define("37", "COUNT", "count of trade items", N(1, 8));
for (const [from, to] of [
  [310, 316],
  [320, 337],
  [340, 357],
  [360, 369],
] as const) {
  for (let p = from; p <= to; p++) {
    for (let d = 0; d <= 5; d++) define(`${p}${d}`, "MEASURE", "trade measure", N(6));
  }
}
define("400", "ORDER NUMBER", "order number", X(1, 30));
define("401", "GINC", "consignment number", X(1, 30));
define("402", "GSIN", "shipment id", N(17, 17, "csum"));
define("403", "ROUTE", "routing code", X(1, 30));
for (const [ai, title, name] of [
  ["410", "SHIP TO LOC", "ship-to GLN"],
  ["411", "BILL TO", "bill-to GLN"],
  ["412", "PURCHASE FROM", "purchased-from GLN"],
  ["413", "SHIP FOR LOC", "ship-for GLN"],
  ["414", "LOC No.", "location GLN"],
  ["415", "PAY TO", "invoicing party GLN"],
  ["416", "PROD/SERV LOC", "production location GLN"],
  ["417", "PARTY", "party GLN"],
] as const) {
  define(ai, title, name, N(13, 13, "csum"));
}
define("420", "SHIP TO POST", "ship-to postal code", X(1, 20));
define("421", "SHIP TO POST", "ship-to postal code with country", N(3), X(1, 9));
define("422", "ORIGIN", "country of origin", N(3));
define("7003", "EXPIRY TIME", "expiry date and time", N(10, 10, "datetime"));
for (const [ai, name] of [
  ["710", "German PZN"],
  ["711", "French CIP"],
  ["712", "Spanish national code"],
  ["713", "Brazilian DRN"],
  ["714", "Portuguese AIM"],
  ["715", "US NDC"],
  ["716", "Italian AIC"],
] as const) {
  define(ai, `NHRN ${ai}`, `${name} (NHRN)`, X(1, 20));
}
define("8004", "GIAI", "asset id", X(1, 30));
define("8006", "ITIP", "piece of trade item", N(14, 14, "csum"), N(4));
define("8020", "REF No.", "payment slip reference", X(1, 25));
define("90", "INTERNAL", "mutually agreed data", X(1, 30));
for (let d = 1; d <= 9; d++) define(`9${d}`, "INTERNAL", "company internal data", X(1, 90));

/** The AI spec for an exact AI string, or undefined. */
export function aiSpec(ai: string): AiSpec | undefined {
  return TABLE.get(ai);
}

/** The AI that starts at `pos` in `s` (2, 3 or 4 digits), or undefined. */
export function matchAi(s: string, pos: number): AiSpec | undefined {
  for (let len = 2; len <= 4; len++) {
    if (pos + len > s.length) return undefined;
    const spec = TABLE.get(s.slice(pos, pos + len));
    if (spec) return spec;
  }
  return undefined;
}

/** Every AI in the table (for tests and documentation). */
export function allAis(): AiSpec[] {
  return [...TABLE.values()];
}
