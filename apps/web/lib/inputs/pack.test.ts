import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { batchIdOf } from "@tracemed/chain/ids";
import { packKeyParams, packLookupRequest, packPathParams } from "./pack";
import { accepted, assertRefusals } from "./testing";

const GTIN = "09521234543213";

describe("pack key (pack provenance, pharmacy lookup, reports, LVM)", () => {
  it("reads a GTIN-13 as GTIN-14 and gives the ledger's batch id", () => {
    assert.deepEqual(accepted(packKeyParams, { gtin: GTIN.slice(1), lot: "L1", serial: "S-1" }), {
      gtin: GTIN,
      lot: "L1",
      serial: "S-1",
      batchId: batchIdOf(BigInt(GTIN), "L1"),
    });
  });

  it("names the part that is wrong, with @tracemed/codes' sentence", () => {
    const bad = (change: Record<string, unknown>) => ({ gtin: GTIN, lot: "L1", serial: "S", ...change });
    for (const schema of [packKeyParams, packLookupRequest])
      assertRefusals(schema, [
        [bad({ gtin: "09521234543214" }), "InvalidGtin", 400, /check digit is 4, expected 3/],
        [bad({ gtin: "12345" }), "InvalidGtin", 400, /digits/],
        [bad({ gtin: 9521234543213 }), "InvalidGtin"],
        [bad({ lot: "L".repeat(21) }), "InvalidLot", 400, /21 characters/],
        [bad({ lot: "A B" }), "InvalidLot", 400, /not a GS1 character/],
        [bad({ lot: null }), "InvalidLot"],
        [bad({ serial: "" }), "InvalidSerial", 400, /0 characters/],
        [bad({ serial: "é" }), "InvalidSerial", 400, /not a GS1 character/],
      ]);
  });

  it("refuses a lookup body that is not an object with InvalidBody", () => {
    assertRefusals(packLookupRequest, [
      [null, "InvalidBody"],
      [[GTIN], "InvalidBody"],
      ["x", "InvalidBody"],
    ]);
  });

  it("decodes the pack path's segments, refusing a broken escape", () => {
    assert.deepEqual(accepted(packPathParams, { gtin: GTIN, lot: "A%2FB", serial: "S%201" }), {
      gtin: GTIN,
      lot: "A/B",
      serial: "S 1",
    });
    assertRefusals(packPathParams, [[{ gtin: GTIN, lot: "%E0%A4%A", serial: "S" }, "InvalidPath"]]);
  });
});
