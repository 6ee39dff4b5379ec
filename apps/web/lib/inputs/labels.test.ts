import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PRINT_FILE_KINDS } from "@tracemed/registration/printFiles";
import { printFileParams } from "./labels";
import { accepted, assertRefusals } from "./testing";

describe("print file address (GET /api/manufacturer/batches/{batchId}/labels/{kind})", () => {
  it("accepts the three kinds, the batch id lower-cased", () => {
    for (const kind of PRINT_FILE_KINDS)
      assert.deepEqual(accepted(printFileParams, { batchId: "0xAB", kind }), { batchId: "0xab", kind });
  });

  it("answers any other kind as a 404", () => {
    assertRefusals(printFileParams, [
      [{ batchId: "0xab", kind: "..%2F..%2Fsecrets" }, "UnknownPrintFile", 404],
      [{ batchId: "0xab", kind: "<x>" }, "UnknownPrintFile", 404],
    ]);
  });
});
