import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { batchIdParams } from "./batch";
import { dispenseProofRequest } from "./custody";
import { accepted, assertRefusals } from "./testing";

const ID = `0x${"Ab".repeat(32)}`;

describe("batch id (batch provenance, EPCIS, CSV, dispense proofs)", () => {
  it("accepts 0x and 64 hex digits, lower-cased as stored", () => {
    assert.deepEqual(accepted(batchIdParams, { batchId: ID }), { batchId: ID.toLowerCase() });
  });

  it("refuses anything else with InvalidBatchId", () => {
    assertRefusals(batchIdParams, [
      [{ batchId: "nope" }, "InvalidBatchId", 400, /64 hexadecimal digits/],
      [{ batchId: ID.slice(0, -1) }, "InvalidBatchId"],
      [{ batchId: `${ID}0` }, "InvalidBatchId"],
      [{ batchId: ID.replace("0x", "") }, "InvalidBatchId"],
    ]);
  });
});

describe("dispense proof request (POST /api/custody/proofs)", () => {
  it("accepts a batch id and whole pack indices", () => {
    assert.deepEqual(accepted(dispenseProofRequest, { batchId: ID, indices: [0, 3] }), {
      batchId: ID.toLowerCase(),
      indices: [0, 3],
    });
  });

  it("refuses a bad batch id before the indices, and indices that are not whole numbers", () => {
    assertRefusals(dispenseProofRequest, [
      [null, "InvalidBatchId"],
      [{ indices: [1] }, "InvalidBatchId"],
      [{ batchId: "0x12", indices: "x" }, "InvalidBatchId"],
      [{ batchId: ID }, "InvalidIndices"],
      [{ batchId: ID, indices: [1.5] }, "InvalidIndices"],
      [{ batchId: ID, indices: [1e20] }, "InvalidIndices"],
      [{ batchId: ID, indices: ["1"] }, "InvalidIndices"],
    ]);
  });
});
