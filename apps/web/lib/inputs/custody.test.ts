import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withCheckDigit } from "@tracemed/codes/browser";
import { shipmentQuery, ssccParams } from "./custody";
import { accepted, assertRefusals } from "./testing";

const SSCC = withCheckDigit("09521234000000001");

describe("SSCC (shipments by SSCC, shipment QR)", () => {
  it("accepts an 18-digit SSCC with its check digit", () => {
    assert.deepEqual(accepted(shipmentQuery, { sscc: SSCC }), { sscc: SSCC });
    assert.deepEqual(accepted(ssccParams, { sscc: SSCC }), { sscc: SSCC });
  });

  it("refuses anything else with InvalidSscc and says why", () => {
    for (const schema of [shipmentQuery, ssccParams])
      assertRefusals(schema, [
        [{}, "InvalidSscc"],
        [{ sscc: "" }, "InvalidSscc", 400, /^This is not a valid SSCC: /],
        [{ sscc: "123" }, "InvalidSscc"],
        [{ sscc: "' OR 1=1" }, "InvalidSscc"],
        [{ sscc: `${SSCC.slice(0, 17)}${(Number(SSCC[17]) + 1) % 10}` }, "InvalidSscc", 400, /check digit/],
      ]);
  });
});
