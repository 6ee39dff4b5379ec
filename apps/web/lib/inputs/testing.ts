/** Assertions for the input schemas' tests: refused with the route's code, or accepted. */
import assert from "node:assert/strict";
import type * as z from "zod/mini";
import type { DomainErrorCode } from "@tracemed/errors";
import { ERRORS } from "@/lib/errors";
import { checkInput } from "./refusal";

/**
 * Asserts that each `[value, code]` is refused with that code, which the routes answer with `status`
 * (the web app's error table), and with a sentence matching `message`.
 */
export function assertRefusals(
  schema: z.core.$ZodType,
  cases: readonly (readonly [value: unknown, code: DomainErrorCode, status?: number, message?: RegExp])[],
): void {
  for (const [value, code, status = 400, message] of cases) {
    const checked = checkInput(schema, value);
    const label = JSON.stringify(value)?.slice(0, 80) ?? String(value);
    assert.equal(checked.ok, false, `accepted ${label}`);
    if (checked.ok) continue;
    assert.deepEqual(
      [checked.error.code, ERRORS[checked.error.code].status],
      [code, status],
      `${label}: ${checked.error.message}`,
    );
    // One sentence for a person, never zod's own report.
    assert.match(checked.error.message, /^[^\n]+[.?]$/, label);
    assert.doesNotMatch(checked.error.message, /invalid_type|"path"|"code"/, label);
    if (message) assert.match(checked.error.message, message, label);
  }
}

/** The parsed value of an input the schema accepts. */
export function accepted<S extends z.core.$ZodType>(schema: S, value: unknown): z.output<S> {
  const checked = checkInput(schema, value);
  assert.ok(checked.ok, checked.ok ? "" : `${checked.error.code}: ${checked.error.message}`);
  return checked.data;
}
