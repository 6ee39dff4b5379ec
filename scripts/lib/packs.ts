/**
 * A batch's pack tree with OpenZeppelin's reference StandardMerkleTree over (index, commitment).
 * Used by the contract tests and, until packages/codes provides real pack codes, by the demo seed.
 */
import { randomBytes } from "node:crypto";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { toHex, type Hex } from "viem";

export function makePacks(count: number, commitmentOf: (i: number) => Hex = () => toHex(randomBytes(32))) {
  const commitments = Array.from({ length: count }, (_, i) => commitmentOf(i));
  const tree = StandardMerkleTree.of(
    commitments.map((c, i) => [BigInt(i), c] as [bigint, Hex]),
    ["uint256", "bytes32"],
    { sortLeaves: false },
  );
  return {
    commitments,
    root: tree.root as Hex,
    /** Arguments (index, commitment, proof) for dispense/claim. */
    single(index: number): [bigint, Hex, Hex[]] {
      return [BigInt(index), commitments[index]!, tree.getProof(index) as Hex[]];
    },
    /** Arguments (indices, commitments, proof, proofFlags) for dispenseMany/claimMany, in multiproof leaf order. */
    many(indices: number[]): [bigint[], Hex[], Hex[], boolean[]] {
      const mp = tree.getMultiProof(indices);
      const leaves = mp.leaves as [bigint, Hex][];
      return [leaves.map((l) => l[0]), leaves.map((l) => l[1]), mp.proof as Hex[], mp.proofFlags];
    },
  };
}

export type Packs = ReturnType<typeof makePacks>;
