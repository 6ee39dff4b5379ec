import assert from "node:assert/strict";
import { isDomainError } from "@tracemed/errors";

/** The DomainError `fn` throws, as `{code, message}`; fails the test when it throws none. */
export const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  assert.fail("expected a refusal");
};
