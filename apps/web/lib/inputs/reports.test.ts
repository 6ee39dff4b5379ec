import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { reportQuery, reportRequest } from "./reports";
import { accepted, assertRefusals } from "./testing";

const good = {
  gtin: "09521234543213",
  lot: "L1",
  serial: "S1",
  category: "pin_failed",
  text: "The PIN was rubbed off.",
};

describe("consumer report (POST /api/reports, GET /api/reports)", () => {
  it("accepts a report with or without a contact", () => {
    assert.deepEqual(accepted(reportRequest, good), good);
    assert.equal(accepted(reportRequest, { ...good, contact: null }).contact, null);
  });

  it("refuses missing, mistyped and oversized fields with InvalidRequest", () => {
    assertRefusals(reportRequest, [
      ["not json", "InvalidRequest"],
      [{}, "InvalidRequest"],
      [{ gtin: 1, lot: [], serial: null, category: "other", text: "" }, "InvalidRequest"],
      [{ ...good, text: "x".repeat(100_000) }, "InvalidRequest"],
      [{ ...good, contact: 7 }, "InvalidRequest"],
    ]);
  });

  it("reads an empty batchId as no filter", () => {
    assert.equal(accepted(reportQuery, {}).batchId, undefined);
    assert.equal(accepted(reportQuery, { batchId: "" }).batchId, undefined);
    assert.deepEqual(accepted(reportQuery, { batchId: "0x1" }), { batchId: "0x1" });
  });
});
