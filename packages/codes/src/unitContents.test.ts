import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { encodeAbiParameters, keccak256 as viemKeccak } from "viem";
// OpenZeppelin's own proof processing (what MerkleProof.verify does on chain), an independent check.
import { processProof as ozProcessProof } from "@openzeppelin/merkle-tree/dist/core.js";
import {
  unitContentsProof,
  unitContentsRoot,
  unitLeaf,
  unitPackGroups,
  verifyUnitContents,
  type UnitEntry,
} from "./unitContents";

const BATCH_A = `0x${"a1".repeat(32)}` as const;
const BATCH_B = `0x${"0b".repeat(32)}` as const;

describe("unit contents", () => {
  it("computes the pack leaf as abi.encode(batchId, uint256 index), hashed twice", () => {
    const inner = viemKeccak(encodeAbiParameters([{ type: "bytes32" }, { type: "uint256" }], [BATCH_A, 7n]));
    assert.equal(unitLeaf({ batchId: BATCH_A, index: 7 }), viemKeccak(inner));
  });

  it("computes the child leaf as abi.encode(uint256 sscc, bytes32 root), hashed twice", () => {
    const sscc = "006141411234567890";
    const inner = viemKeccak(encodeAbiParameters([{ type: "uint256" }, { type: "bytes32" }], [BigInt(sscc), BATCH_B]));
    assert.equal(unitLeaf({ sscc, contentsRoot: BATCH_B }), viemKeccak(inner));
  });

  it("gives every entry of units of 1 to 33 leaves a proof OpenZeppelin's verifier accepts", () => {
    for (let n = 1; n <= 33; n++) {
      const entries: UnitEntry[] = Array.from({ length: n }, (_, i) => ({
        batchId: i % 2 ? BATCH_A : BATCH_B,
        index: i,
      }));
      const root = unitContentsRoot(entries);
      for (const e of entries) {
        const proof = unitContentsProof(entries, e);
        assert.equal(ozProcessProof(unitLeaf(e), proof), root, `leaf ${JSON.stringify(e)} of ${n}`);
        assert.ok(verifyUnitContents(root, e, proof));
      }
    }
  });

  it("is the same root whatever order the entries come in, and another one for other contents", () => {
    const entries: UnitEntry[] = [
      { batchId: BATCH_A, index: 3 },
      { batchId: BATCH_B, index: 1 },
      { sscc: "006141411234567890", contentsRoot: BATCH_A },
    ];
    assert.equal(unitContentsRoot(entries), unitContentsRoot([...entries].reverse()));
    assert.notEqual(unitContentsRoot(entries), unitContentsRoot(entries.slice(0, 2)));
    // One leaf: the root is the leaf itself.
    assert.equal(unitContentsRoot([entries[0]!]), unitLeaf(entries[0]!));
  });

  it("refuses a proof for a pack that is not inside", () => {
    const entries: UnitEntry[] = [
      { batchId: BATCH_A, index: 0 },
      { batchId: BATCH_A, index: 1 },
    ];
    const root = unitContentsRoot(entries);
    const proof = unitContentsProof(entries, entries[0]!);
    assert.equal(verifyUnitContents(root, { batchId: BATCH_A, index: 2 }, proof), false);
    assert.throws(() => unitContentsProof(entries, { batchId: BATCH_B, index: 0 }), /not in the unit/);
    assert.throws(() => unitContentsRoot([]), /at least one/);
  });

  it("groups packs by batch with ascending indices and refuses a pack listed twice", () => {
    assert.deepEqual(
      unitPackGroups([
        { batchId: BATCH_A, index: 5 },
        { batchId: BATCH_B, index: 2 },
        { batchId: BATCH_A, index: 1 },
      ]),
      [
        { batchId: BATCH_A, indices: [1, 5] },
        { batchId: BATCH_B, indices: [2] },
      ],
    );
    assert.throws(
      () =>
        unitPackGroups([
          { batchId: BATCH_A, index: 5 },
          { batchId: BATCH_A, index: 5 },
        ]),
      /listed twice/,
    );
  });
});
