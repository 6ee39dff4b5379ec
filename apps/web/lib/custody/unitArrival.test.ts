import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unitMismatches } from "./unitArrival";

const A = `0x${"a".repeat(64)}`;
const B = `0x${"b".repeat(64)}`;
const unit = {
  contents: [
    { batchId: A, lot: "LOTA", quantity: 20 },
    { batchId: B, lot: "LOTB", quantity: 5 },
  ],
};

describe("a case or pallet arriving at the receive desk", () => {
  it("saysNothingWhenTheShipmentsUnderTheLabelCarryExactlyTheSealedContents", () => {
    const shipments = [
      { batchId: B, quantity: 5, batch: { lot: "LOTB" } },
      { batchId: A, quantity: 20, batch: { lot: "LOTA" } },
    ];
    assert.deepEqual(unitMismatches(unit, shipments), []);
  });

  it("namesEveryBatchWhoseShippedQuantityDiffersFromTheCommittedOne_includingOneMissingOnEitherSide", () => {
    const C = `0x${"c".repeat(64)}`;
    const shipments = [
      { batchId: A, quantity: 18, batch: { lot: "LOTA" } },
      { batchId: C, quantity: 3, batch: { lot: "LOTC" } },
    ];
    assert.deepEqual(unitMismatches(unit, shipments), [
      { batchId: A, lot: "LOTA", shipped: 18, committed: 20 },
      { batchId: B, lot: "LOTB", shipped: 0, committed: 5 },
      { batchId: C, lot: "LOTC", shipped: 3, committed: 0 },
    ]);
  });
});
