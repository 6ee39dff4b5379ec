import assert from "node:assert/strict";
import { CodesError } from "./errors";

/** Runs `fn`; passes when it returns or throws a CodesError, fails on any other exception. */
export function onlyTypedErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CodesError, `expected a CodesError, got ${String(e)}`);
    assert.equal(typeof e.code, "string");
    assert.ok(e.message.length > 0);
  }
}

/** The typed error `fn` throws (fails when it throws nothing or something untyped). */
export function typedError(fn: () => unknown): CodesError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CodesError, `expected a CodesError, got ${String(e)}`);
    return e;
  }
  assert.fail("expected a CodesError");
}
