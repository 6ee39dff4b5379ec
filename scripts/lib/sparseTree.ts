/**
 * A perfect binary Merkle tree of 2^depth leaves in OpenZeppelin's heap layout, materialised only
 * along the paths of the packs we use: every other subtree is a deterministic filler hash. Proofs and
 * multiproofs follow @openzeppelin/merkle-tree's algorithms, so MerkleProof verifies them exactly as
 * it would proofs of a fully built batch of that size. Used for gas measurement at 1,000,000 packs.
 */
import { concat, encodeAbiParameters, keccak256, toHex, type Hex } from "viem";

export function packLeaf(index: bigint, commitment: Hex): Hex {
  return keccak256(keccak256(encodeAbiParameters([{ type: "uint256" }, { type: "bytes32" }], [index, commitment])));
}

const hashPair = (a: Hex, b: Hex): Hex => keccak256(BigInt(a) < BigInt(b) ? concat([a, b]) : concat([b, a]));

export function sparseTree(depth: number, packs: Map<number, Hex>) {
  const leafBase = 2 ** depth - 1;
  const heapOf = (index: number) => leafBase + (2 ** depth - 1 - index); // leaf i sits at tree[length-1-i]
  const selectedHeap = new Set([...packs.keys()].map(heapOf));
  const covering = new Set<number>();
  for (const h of selectedHeap)
    for (let x = h; ; x = Math.floor((x - 1) / 2)) {
      covering.add(x);
      if (x === 0) break;
    }
  const memo = new Map<number, Hex>();
  const node = (h: number): Hex => {
    const known = memo.get(h);
    if (known) return known;
    let value: Hex;
    if (!covering.has(h)) value = keccak256(toHex(`filler:${h}`));
    else if (h >= leafBase) {
      const index = 2 ** depth - 1 - (h - leafBase);
      value = packLeaf(BigInt(index), packs.get(index)!);
    } else value = hashPair(node(2 * h + 1), node(2 * h + 2));
    memo.set(h, value);
    return value;
  };
  const root = node(0);
  const sibling = (h: number) => (h % 2 === 1 ? h + 1 : h - 1);
  const parent = (h: number) => Math.floor((h - 1) / 2);

  return {
    root,
    proof(index: number): Hex[] {
      const out: Hex[] = [];
      for (let h = heapOf(index); h > 0; h = parent(h)) out.push(node(sibling(h)));
      return out;
    },
    /** OpenZeppelin multiproof: leaves in processing order (descending heap index). */
    multiProof(indices: number[]) {
      const heap = indices.map(heapOf).sort((a, b) => b - a);
      const stack = [...heap];
      const proof: Hex[] = [];
      const proofFlags: boolean[] = [];
      while (stack.length > 0 && stack[0]! > 0) {
        const j = stack.shift()!;
        const s = sibling(j);
        if (stack[0] === s) {
          proofFlags.push(true);
          stack.shift();
        } else {
          proofFlags.push(false);
          proof.push(node(s));
        }
        stack.push(parent(j));
      }
      const order = heap.map((h) => 2 ** depth - 1 - (h - leafBase));
      return { indices: order.map(BigInt), commitments: order.map((i) => packs.get(i)!), proof, proofFlags };
    },
  };
}
