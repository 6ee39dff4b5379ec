import type { Keccak256 } from "./keccak";

/**
 * The heap layout of OpenZeppelin's StandardMerkleTree, in one flat buffer of 32-byte nodes:
 * 2n-1 nodes, node 0 the root, leaf i at node 2n-2-i, node k = hashPair(node 2k+1, node 2k+2).
 * These loops are the hot path of batch generation; they work on any Uint8Array (also one backed
 * by a SharedArrayBuffer that worker threads fill in parallel).
 */

/** Node index of leaf i in a tree of n leaves. */
export function leafNode(n: number, i: number): number {
  return 2 * n - 2 - i;
}

/** The ranges of internal nodes, deepest level first; nodes of one range are independent. */
export function internalLevels(n: number): Array<[lo: number, hi: number]> {
  const levels: Array<[number, number]> = [];
  const lastInternal = n - 2;
  for (let lo = 0, width = 1; lo <= lastInternal; lo += width, width *= 2) {
    levels.push([lo, Math.min(lo + width - 1, lastInternal)]);
  }
  return levels.reverse();
}

/** Writes the leaves of packs [from, to) from their commitments into `nodes`. */
export function hashLeaves(
  nodes: Uint8Array,
  commitments: Uint8Array,
  n: number,
  from: number,
  to: number,
  hash: Keccak256,
): void {
  const encoded = new Uint8Array(64);
  const view = new DataView(encoded.buffer);
  for (let i = from; i < to; i++) {
    // abi.encode(uint256 i, bytes32 c): i < 2^32 fits the last 4 bytes of the first word.
    view.setUint32(28, i);
    encoded.set(commitments.subarray(i * 32, i * 32 + 32), 32);
    nodes.set(hash(hash(encoded)), leafNode(n, i) * 32);
  }
}

/** Computes internal nodes lo..hi (inclusive) from their children. */
export function hashNodes(nodes: Uint8Array, lo: number, hi: number, hash: Keccak256): void {
  const pair = new Uint8Array(64);
  for (let k = lo; k <= hi; k++) {
    const l = (2 * k + 1) * 32;
    const r = l + 32;
    let cmp = 0;
    for (let b = 0; b < 32 && cmp === 0; b++) cmp = nodes[l + b]! - nodes[r + b]!;
    if (cmp < 0) pair.set(nodes.subarray(l, r + 32));
    else {
      pair.set(nodes.subarray(r, r + 32), 0);
      pair.set(nodes.subarray(l, l + 32), 32);
    }
    nodes.set(hash(pair), k * 32);
  }
}
