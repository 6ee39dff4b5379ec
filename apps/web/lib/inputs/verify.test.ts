import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { verifyRequest } from "@tracemed/verification/request";
import { accepted, assertRefusals } from "./testing";

const good = { gtin: "09521234543213", lot: "L1", serial: "S1", pin: "1234 5678 9012 3456 7890" };

describe("verify request (POST /api/verify, the lean service)", () => {
  it("passes four strings through as sent", () => {
    assert.deepEqual(accepted(verifyRequest, good), good);
  });

  it("refuses anything else with InvalidRequest", () => {
    assertRefusals(verifyRequest, [
      [null, "InvalidRequest"],
      [[], "InvalidRequest"],
      ["text", "InvalidRequest"],
      [{}, "InvalidRequest"],
      [{ ...good, gtin: 9521234543213 }, "InvalidRequest"],
      [{ ...good, lot: ["A"] }, "InvalidRequest"],
      [{ ...good, serial: { $ne: "" } }, "InvalidRequest"],
      [{ ...good, pin: true }, "InvalidRequest"],
      [{ ...good, gtin: "x".repeat(5000) }, "InvalidRequest"],
      [{ ...good, pin: "9".repeat(65) }, "InvalidRequest"],
    ]);
  });
});
