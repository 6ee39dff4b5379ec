import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import fc from "fast-check";
import { buildPackTree } from "./buildPackTree";
import { loadFastKeccak } from "./fastKeccak";
import { toHex, type Hex } from "./hex";
import { keccak256 } from "./keccak";
import { packLeaf, processMultiProof, verifyPackMultiProof, verifyPackProof } from "./merkle";
import { PackTree } from "./packTree";

function commitments(n: number, seed = 1): Hex[] {
  return Array.from({ length: n }, (_, i) => toHex(keccak256(new TextEncoder().encode(`pack ${seed} ${i}`))));
}
function ozTree(cs: Hex[]) {
  return StandardMerkleTree.of(
    cs.map((c, i) => [i, c]),
    ["uint256", "bytes32"],
    { sortLeaves: false },
  );
}

describe("PackTree equals OpenZeppelin's StandardMerkleTree (sortLeaves: false)", () => {
  for (const n of [1, 2, 3, 4, 5, 7, 8, 9, 31, 33, 255, 256, 257, 1000]) {
    test(`n = ${n}: root, leaves and every single proof`, () => {
      const cs = commitments(n);
      const oz = ozTree(cs);
      const tree = PackTree.fromCommitments(cs);
      assert.equal(tree.root, oz.root);
      for (let i = 0; i < n; i += n > 300 ? 7 : 1) {
        assert.equal(tree.leaf(i), oz.leafHash([i, cs[i]!]));
        assert.equal(toHex(packLeaf(i, cs[i]!)), oz.leafHash([i, cs[i]!]));
        const proof = tree.getProof(i);
        assert.deepEqual(proof, oz.getProof(i));
        assert.ok(StandardMerkleTree.verify(tree.root, ["uint256", "bytes32"], [i, cs[i]!], proof));
        assert.deepEqual(verifyPackProof({ root: tree.root, packCount: n, index: i, commitment: cs[i]!, proof }), {
          ok: true,
        });
      }
    });
  }

  test("multiproofs of random pack sets: same as OpenZeppelin's, accepted by both verifiers", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 300 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.uniqueArray(fc.nat({ max: n - 1 }), { minLength: 1, maxLength: Math.min(n, 40) }),
            ),
          ),
        ([n, picks]) => {
          const cs = commitments(n, 2);
          const tree = PackTree.fromCommitments(cs);
          const oz = ozTree(cs);
          const mine = tree.getMultiProof(picks);
          const theirs = oz.getMultiProof(picks);
          assert.deepEqual(mine.proof, theirs.proof);
          assert.deepEqual(mine.proofFlags, theirs.proofFlags);
          assert.deepEqual(
            mine.indices,
            theirs.leaves.map((v) => Number(v[0])),
          );
          assert.deepEqual(
            mine.commitments,
            theirs.leaves.map((v) => v[1]),
          );
          assert.ok(StandardMerkleTree.verifyMultiProof(tree.root, ["uint256", "bytes32"], theirs));
          assert.deepEqual(verifyPackMultiProof({ root: tree.root, packCount: n, ...mine }), { ok: true });
        },
      ),
      { numRuns: 150 },
    );
  });

  test("tampered proofs get the contract's answers", () => {
    const cs = commitments(10);
    const tree = PackTree.fromCommitments(cs);
    const root = tree.root;
    const proof = tree.getProof(3);
    assert.deepEqual(verifyPackProof({ root, packCount: 10, index: 4, commitment: cs[3]!, proof }), {
      ok: false,
      error: "PackInvalidProof",
    });
    assert.deepEqual(verifyPackProof({ root, packCount: 10, index: 3, commitment: cs[4]!, proof }), {
      ok: false,
      error: "PackInvalidProof",
    });
    assert.deepEqual(verifyPackProof({ root, packCount: 10, index: 10, commitment: cs[3]!, proof }), {
      ok: false,
      error: "PackIndexOutOfRange",
    });
    const m = tree.getMultiProof([1, 5, 8]);
    const swapped = {
      root,
      packCount: 10,
      ...m,
      commitments: [m.commitments[1]!, m.commitments[0]!, m.commitments[2]!],
    };
    assert.deepEqual(verifyPackMultiProof(swapped), { ok: false, error: "PackInvalidMultiProof" });
    assert.deepEqual(verifyPackMultiProof({ root, packCount: 10, ...m, indices: [], commitments: [] }), {
      ok: false,
      error: "PackListMismatch",
    });
    assert.deepEqual(verifyPackMultiProof({ root, packCount: 10, ...m, proofFlags: [...m.proofFlags, true] }), {
      ok: false,
      error: "MerkleProofInvalidMultiproof",
    });
    assert.deepEqual(verifyPackMultiProof({ root, packCount: 8, ...m }), { ok: false, error: "PackIndexOutOfRange" });
    // Shapes that pass the length check but read past an array: Solidity panics (0x32).
    const leaf = packLeaf(0, cs[0]!);
    assert.deepEqual(processMultiProof([root, root], [true], []), { error: "Panic" });
    assert.deepEqual(processMultiProof([], [false], [leaf, leaf]), { error: "Panic" });
    // A flag that reads a not-yet-written hash slot reads zero, then the unused proof is refused.
    assert.deepEqual(processMultiProof([root], [true], [leaf]), { error: "MerkleProofInvalidMultiproof" });
  });

  test("a multiproof of the same pack twice is refused", () => {
    assert.throws(() => PackTree.fromCommitments(commitments(4)).getMultiProof([1, 1]), /twice/);
  });

  test("buildPackTree (WASM keccak, worker threads) gives the same tree", async () => {
    const cs = commitments(20_000, 3);
    const single = PackTree.fromCommitments(cs, await loadFastKeccak());
    const parallel = await buildPackTree(cs, { workers: 2 });
    assert.equal(parallel.root, single.root);
    assert.deepEqual(parallel.getProof(12_345), single.getProof(12_345));
    assert.equal(single.root, PackTree.fromCommitments(cs.slice()).root);
  });

  test("built in slices, the tree is the same, and other work runs between the slices", async () => {
    const hash = await loadFastKeccak();
    for (const [n, slice] of [
      [1, 1],
      [2, 1],
      [7, 3],
      [257, 16],
      [1000, 7],
    ] as const) {
      const cs = commitments(n, 4);
      const sliced = await PackTree.fromCommitmentsInSlices(cs, hash, slice);
      const whole = PackTree.fromCommitments(cs, hash);
      assert.deepEqual(sliced.nodes, whole.nodes, `n = ${n}, slices of ${slice}`);
    }
    // A server's other requests: timers get turns while 20,000 packs are hashed in slices of 1,024,
    // and none while the same tree is built in one go.
    const cs = commitments(20_000, 5);
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    try {
      PackTree.fromCommitments(cs, hash);
      assert.equal(turns, 0);
      await PackTree.fromCommitmentsInSlices(cs, hash, 1_024);
      assert.ok(turns >= 10, `${turns} turns of other work during the build`);
    } finally {
      clearInterval(timer);
    }
    await assert.rejects(PackTree.fromCommitmentsInSlices(cs, hash, 0), /slice/);
  });
});
