import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  addToList,
  MAX_UNIT_LEAVES,
  packCall,
  packCount,
  removeFromList,
  type PackFacts,
  type PackingItem,
  type UnitFacts,
} from "./packing";

const A = `0x${"a".repeat(64)}`;
const B = `0x${"b".repeat(64)}`;
const pack = (batchId: string, index: number, over: Partial<PackFacts> = {}): PackFacts => ({
  kind: "pack",
  found: true,
  gtin: "06901234000019",
  lot: batchId === A ? "LOTA" : "LOTB",
  serial: `S${index}`,
  batchId,
  index,
  loose: 10,
  inUnit: null,
  dispensed: false,
  ...over,
});
const unit = (sscc: string, over: Partial<UnitFacts> = {}): UnitFacts => ({
  kind: "unit",
  sscc,
  found: true,
  status: "packed",
  heldByYou: true,
  parentSscc: null,
  packs: 10,
  ...over,
});
const CASE_1 = "069012340000000011";
const CASE_2 = "069012340000000028";

function build(...facts: (PackFacts | UnitFacts)[]): PackingItem[] {
  let list: PackingItem[] = [];
  for (const f of facts) {
    const r = addToList(list, f);
    assert.ok(r.ok, `${JSON.stringify(f)} should go in`);
    list = r.list;
  }
  return list;
}

describe("the packing list of /pack", () => {
  it("theSamePackScannedTwiceGoesInOnce", () => {
    const list = build(pack(A, 3));
    assert.deepEqual(addToList(list, pack(A, 3)), { ok: false, reason: "duplicate" });
    assert.deepEqual(addToList(build(unit(CASE_1)), unit(CASE_1)), { ok: false, reason: "duplicate" });
  });

  it("refusesAPackNotRegistered_dispensed_orInsideASealedUnit_sayingWhich", () => {
    assert.deepEqual(addToList([], pack(A, 1, { found: false, index: undefined })), {
      ok: false,
      reason: "unknown-pack",
    });
    assert.deepEqual(addToList([], pack(A, 1, { dispensed: true })), { ok: false, reason: "dispensed" });
    assert.deepEqual(addToList([], pack(A, 1, { inUnit: CASE_1 })), { ok: false, reason: "in-unit", sscc: CASE_1 });
  });

  it("refusesMorePacksOfABatchThanTheOrganisationHoldsLoose", () => {
    const list = build(pack(A, 1, { loose: 2 }), pack(A, 2, { loose: 2 }), pack(B, 1, { loose: 1 }));
    assert.deepEqual(addToList(list, pack(A, 3, { loose: 2 })), { ok: false, reason: "not-held", loose: 2 });
    assert.deepEqual(addToList([], pack(B, 1, { loose: 0 })), { ok: false, reason: "not-held", loose: 0 });
  });

  it("refusesACaseThatIsOpened_insideAnotherUnit_heldByAnother_unknown_orTheUnitItself", () => {
    assert.deepEqual(addToList([], unit(CASE_1, { found: false })), { ok: false, reason: "unknown-unit" });
    assert.deepEqual(addToList([], unit(CASE_1, { status: "opened" })), { ok: false, reason: "unit-opened" });
    assert.deepEqual(addToList([], unit(CASE_1, { parentSscc: CASE_2 })), {
      ok: false,
      reason: "unit-has-parent",
      parent: CASE_2,
    });
    assert.deepEqual(addToList([], unit(CASE_1, { heldByYou: false, holderName: "Huaxin" })), {
      ok: false,
      reason: "unit-not-held",
      holder: "Huaxin",
    });
    assert.deepEqual(addToList([], unit(CASE_1), CASE_1), { ok: false, reason: "is-target" });
  });

  it("takesACaseReceivedFromItsHolderOverInTheSameWrite_butRefusesOneNeitherHeldNorReceived", () => {
    const received = unit(CASE_1, { heldByYou: false, receivedHere: true });
    const list = build(received, unit(CASE_2));
    assert.deepEqual(packCall(list).takeOver, [CASE_1], "only the received case needs takeOver first");
    assert.deepEqual(addToList([], unit(CASE_1, { heldByYou: false, receivedHere: false, holderName: "Huaxin" })), {
      ok: false,
      reason: "unit-not-held",
      holder: "Huaxin",
    });
  });

  it("stopsAtTheContractsLeafLimit", () => {
    const full: PackingItem[] = Array.from({ length: MAX_UNIT_LEAVES }, (_, i) => ({
      ...pack(A, i),
      found: true as const,
      index: i,
      key: `k${i}`,
    }));
    assert.deepEqual(addToList(full, pack(B, 0)), { ok: false, reason: "too-large", max: MAX_UNIT_LEAVES });
  });

  it("packCallGroupsPacksByBatchWithIndicesAscending_andCountsChildrensPacks", () => {
    const list = build(pack(B, 7), pack(A, 5), unit(CASE_2, { packs: 20 }), pack(A, 2), unit(CASE_1, { packs: 10 }));
    assert.deepEqual(packCall(list), {
      groups: [
        { batchId: A, indices: [2, 5] },
        { batchId: B, indices: [7] },
      ],
      children: [BigInt(CASE_2), BigInt(CASE_1)],
      takeOver: [],
    });
    assert.equal(packCount(list), 33);
    const less = removeFromList(list, list[2]!.key);
    assert.equal(packCount(less), 13);
    assert.deepEqual(packCall(less).children, [BigInt(CASE_1)]);
  });
});
