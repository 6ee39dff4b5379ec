/**
 * Validation against the official GS1 EPCIS 2.0 JSON schema (schema/EPCIS-JSON-Schema.json, its source in
 * schema/SOURCE.md), compiled once with ajv 8 (draft-07) and ajv-formats. What a partner sends is checked
 * against it before anything is stored, and what this product exports is tested against it.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import officialSchema from "../schema/EPCIS-JSON-Schema.json";

// ajv-formats is CommonJS: its default export arrives as the module object under tsx and Node.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule.default;

/** One schema refusal: where (a JSON pointer into the document) and what the schema says. */
export interface SchemaProblem {
  pointer: string;
  message: string;
}

let compiled: ValidateFunction | null = null;

function validator(): ValidateFunction {
  if (compiled) return compiled;
  // strict: false: the official schema carries keywords ajv's strict mode rejects (e.g. unknown formats).
  const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true });
  addFormats(ajv);
  // JSON-LD blank node identifiers ("_:document1", as the official examples write a document's id) are
  // identifiers in EPCIS 2.0 JSON-LD although not RFC 3986 URIs; every other value must have a scheme.
  ajv.addFormat("uri", /^(?:[A-Za-z][A-Za-z0-9+.-]*|_):[^\s]*$/);
  compiled = ajv.compile(officialSchema as Record<string, unknown>);
  return compiled;
}

const problemOf = (e: ErrorObject): SchemaProblem => ({
  pointer: e.instancePath === "" ? "/" : e.instancePath,
  message: `${e.message ?? "is invalid"}${e.params && "allowedValues" in e.params ? ` (${String(e.params.allowedValues)})` : ""}`,
});

/**
 * Checks a parsed JSON document (EPCISDocument, EPCISQueryDocument or a single event) against the official
 * schema; returns the first problems (at most `limit`), none when it is valid.
 */
export function schemaProblems(document: unknown, limit = 5): SchemaProblem[] {
  const validate = validator();
  if (validate(document)) return [];
  // ajv reports the failing branches of if/then and anyOf as well: the deepest pointers say most.
  const errors = [...(validate.errors ?? [])].filter((e) => e.keyword !== "if");
  errors.sort((a, b) => b.instancePath.length - a.instancePath.length);
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const e of errors) {
    const p = problemOf(e);
    const key = `${p.pointer} ${p.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(p);
    if (out.length >= limit) break;
  }
  return out;
}

/** Whether the document is valid EPCIS 2.0 JSON. */
export function isValidEpcis(document: unknown): boolean {
  return schemaProblems(document, 1).length === 0;
}
