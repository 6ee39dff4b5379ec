import { aiSpec } from "./ai";
import { checkAiValue } from "./aiValue";
import { ElementStringError } from "./errors";

/** One AI and its value as read; `position` is where the AI starts in the raw input. */
export interface Gs1Element {
  ai: string;
  value: string;
  position: number;
}

/** The identifiers a pack scan carries, picked out of the elements. */
export interface Gs1Data {
  /** GTIN-14 (01) */
  gtin?: string;
  /** batch/lot (10) */
  lot?: string;
  /** serial number (21) */
  serial?: string;
  /** expiry date YYMMDD (17) */
  expiry?: string;
  /** consumer product variant (22) */
  cpv?: string;
  /** SSCC of a logistic unit (00) */
  sscc?: string;
  /** location GLN (414) */
  gln?: string;
  /** every element, in the order read */
  elements: Gs1Element[];
}

const NAMED: Record<string, keyof Omit<Gs1Data, "elements">> = {
  "01": "gtin",
  "10": "lot",
  "21": "serial",
  "17": "expiry",
  "22": "cpv",
  "00": "sscc",
  "414": "gln",
};

export function toGs1Data(elements: Gs1Element[]): Gs1Data {
  const data: Gs1Data = { elements };
  for (const e of elements) {
    const key = NAMED[e.ai];
    if (key && data[key] === undefined) data[key] = e.value;
  }
  return data;
}

/** What a pack identifier is made of, for building element strings, Digital Links and labels. */
export interface PackIdentity {
  gtin: string;
  lot?: string;
  serial?: string;
  /** YYMMDD */
  expiry?: string;
  cpv?: string;
}

/**
 * The elements of a pack identity, validated, in the order GS1 recommends for a DataMatrix:
 * fixed-length AIs first (01, 17), then the variable ones (10, 21), so at most one separator is needed.
 * @throws ElementStringError naming the field and the position inside its value
 */
export function packElements(id: PackIdentity): Array<{ ai: string; value: string }> {
  const list: Array<{ ai: string; value: string }> = [
    { ai: "01", value: id.gtin.length < 14 ? id.gtin.padStart(14, "0") : id.gtin },
  ];
  if (id.expiry !== undefined) list.push({ ai: "17", value: id.expiry });
  if (id.cpv !== undefined) list.push({ ai: "22", value: id.cpv });
  if (id.lot !== undefined) list.push({ ai: "10", value: id.lot });
  if (id.serial !== undefined) list.push({ ai: "21", value: id.serial });
  for (const e of list) assertAiValue(e.ai, e.value);
  return list;
}

/** Throws the typed error for a value that does not fit its AI. */
export function assertAiValue(ai: string, value: string): void {
  const spec = aiSpec(ai);
  if (!spec) throw new ElementStringError("unknown-ai", `unknown application identifier ${ai}`, { field: ai });
  if (typeof value !== "string") {
    throw new ElementStringError("invalid-argument", `${spec.field} must be a string`, { field: spec.field });
  }
  const problem = checkAiValue(spec, value);
  if (problem) {
    throw new ElementStringError(problem.code, problem.message, { field: spec.field, position: problem.offset });
  }
}
