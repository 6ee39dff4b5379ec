/**
 * How an input schema says no (browser-safe, shared by the apps' routes and forms): every refusal is a
 * DomainError code and one sentence, so that a form checking its input before sending and the route
 * reading it refuse with the same code (each app's error table gives the code its status). A schema names its refusals two ways:
 * - `refusing(schema, code, message)` for whatever zod itself refuses there (a wrong type, a
 *   missing field, a string too long); the innermost such schema on the issue's path answers;
 * - `refuse(ctx, code, message)` inside a refinement or transform, for a rule with its own code.
 */
// zod/mini: the same schemas at a twentieth of the classic API's weight in a page's bundle.
import * as z from "zod/mini";
import { DomainError, type DomainErrorCode } from "./index";

type Schema = z.core.$ZodType;
/** What a transform or refinement is given: the value and the issues found so far. */
export type RefusalCtx = z.core.ParsePayload;

export interface Refusal {
  code: DomainErrorCode;
  message: string;
}

const refusals = z.registry<Refusal, Schema>();

/** Registers what `schema` answers when zod refuses it or anything inside it without a rule's own code. */
export function refusing<T extends Schema>(schema: T, code: DomainErrorCode, message: string): T {
  refusals.add(schema, { code, message });
  return schema;
}

/** Refuses the value being checked with `code` (for use in `superRefine`/`transform`/`check`). */
export function refuse(ctx: RefusalCtx, code: DomainErrorCode, message: string): void {
  ctx.issues.push({ code: "custom", message, params: { code }, input: ctx.value });
}

/** The schema one level inside `schema` at `key` of an issue's path (through wrappers). */
function child(schema: Schema, key: PropertyKey): Schema | undefined {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  switch (def.type) {
    case "object":
      return (def.shape as Record<PropertyKey, Schema>)[key];
    case "array":
      return def.element as Schema;
    case "record":
      return def.valueType as Schema;
    case "pipe":
      // The issue may come from either side: the input's shape first, then what it became.
      return child(def.in as Schema, key) ?? child(def.out as Schema, key);
    case "optional":
    case "nullable":
    case "default":
    case "catch":
    case "readonly":
      return child(def.innerType as Schema, key);
    default:
      return undefined;
  }
}

/** The refusal registered on `schema` or on the wrappers and pipes it is made of. */
function registered(schema: Schema): Refusal | undefined {
  const own = refusals.get(schema);
  if (own) return own;
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  if (def.type === "pipe") return registered(def.in as Schema);
  if (def.innerType) return registered(def.innerType as Schema);
  return undefined;
}

const UNNAMED: Refusal = { code: "InvalidRequest", message: "The request is not in the expected form." };

/** The refusal for the first issue zod found: a rule's own code, else the innermost registered one. */
export function refusalOf(schema: Schema, error: z.core.$ZodError): Refusal {
  const issue = error.issues[0];
  if (!issue) return UNNAMED;
  const params = issue.code === "custom" ? (issue.params as Partial<Refusal> | undefined) : undefined;
  if (params?.code) return { code: params.code, message: issue.message };
  let found = registered(schema);
  let at: Schema | undefined = schema;
  for (const key of issue.path) {
    at = at && child(at, key);
    if (!at) break;
    found = registered(at) ?? found;
  }
  return found ?? UNNAMED;
}

/** Checks `value` against `schema`: its parsed value, or the refusal a route would answer. */
export function checkInput<S extends Schema>(
  schema: S,
  value: unknown,
): { ok: true; data: z.output<S> } | { ok: false; error: Refusal } {
  const parsed = z.safeParse(schema, value);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, error: refusalOf(schema, parsed.error) };
}

/**
 * `value` parsed by an input schema, or the DomainError its refusal names (one sentence; zod's own
 * report never reaches the client).
 */
export function parseInput<S extends Schema>(schema: S, value: unknown): z.output<S> {
  const checked = checkInput(schema, value);
  if (checked.ok) return checked.data;
  throw new DomainError(checked.error.code, checked.error.message);
}
