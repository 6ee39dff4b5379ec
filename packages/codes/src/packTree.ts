import { ArgumentError } from "./errors";
import { toBytes, toHex, type Hex } from "./hex";
import { keccak256, type Keccak256 } from "./keccak";
import { hashLeaves, hashNodes, internalLevels, leafNode } from "./treeLayout";

/** Calldata for `claimMany` / `dispenseMany`: `indices[i]` and `commitments[i]` in the multiproof's leaf order. */
export interface PackMultiProof {
  indices: number[];
  commitments: Hex[];
  /** the leaves, in the same order (what OpenZeppelin's getMultiProof returns as `leaves`) */
  leaves: Hex[];
  proof: Hex[];
  proofFlags: boolean[];
}

/**
 * The Merkle tree over a batch's pack commitments, identical to
 * `StandardMerkleTree.of(packs.map((c, i) => [i, c]), ["uint256", "bytes32"], { sortLeaves: false })`
 * but held in one flat buffer (64 bytes per pack) instead of millions of hex strings.
 */
export class PackTree {
  /** number of packs (leaves) */
  readonly size: number;

  /**
   * @param nodes 32-byte nodes in heap layout (2n-1 of them), fully computed
   * @param commitments the n pack commitments, 32 bytes each, in pack order
   */
  constructor(
    readonly nodes: Uint8Array,
    readonly commitments: Uint8Array,
  ) {
    if (commitments.length === 0 || commitments.length % 32 !== 0)
      throw new ArgumentError("commitments must be a non-empty multiple of 32 bytes");
    this.size = commitments.length / 32;
    if (nodes.length !== (2 * this.size - 1) * 32) throw new ArgumentError("nodes must hold 2n-1 32-byte nodes");
  }

  /**
   * Builds the tree on the calling thread. For large batches use `buildPackTree` (worker threads
   * and WASM keccak, in the Node-only part of the package).
   */
  static fromCommitments(
    commitments: ReadonlyArray<Hex | Uint8Array> | Uint8Array,
    hash: Keccak256 = keccak256,
  ): PackTree {
    const steps = hashInSlices(commitments, hash, Infinity);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * Builds the tree on the calling thread in slices of `slice` hashes, giving the event loop a turn
   * between slices: a server hashing a 1,000,000-pack tree (seconds of CPU) keeps answering its other
   * requests meanwhile. Same tree as `fromCommitments`.
   */
  static async fromCommitmentsInSlices(
    commitments: ReadonlyArray<Hex | Uint8Array> | Uint8Array,
    hash: Keccak256 = keccak256,
    slice = 16_384,
  ): Promise<PackTree> {
    if (!Number.isInteger(slice) || slice < 1) throw new ArgumentError("slice must be a positive whole number");
    const steps = hashInSlices(commitments, hash, slice);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
  }

  get root(): Hex {
    return toHex(this.nodes.subarray(0, 32));
  }

  commitment(index: number): Hex {
    this.checkIndex(index);
    return toHex(this.commitments.subarray(index * 32, index * 32 + 32));
  }

  leaf(index: number): Hex {
    this.checkIndex(index);
    const node = leafNode(this.size, index);
    return toHex(this.nodes.subarray(node * 32, node * 32 + 32));
  }

  private node(k: number): Hex {
    return toHex(this.nodes.subarray(k * 32, k * 32 + 32));
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) {
      throw new ArgumentError(`pack index ${index} is not in 0..${this.size - 1}`);
    }
  }

  /** The proof of one pack for `claim` / `dispense` (MerkleProof.verify). */
  getProof(index: number): Hex[] {
    this.checkIndex(index);
    const proof: Hex[] = [];
    for (let k = leafNode(this.size, index); k > 0; k = (k - 1) >> 1)
      proof.push(this.node(k % 2 === 1 ? k + 1 : k - 1));
    return proof;
  }

  /**
   * One multiproof for several packs of the batch, in the format MerkleProof.multiProofVerify
   * takes (the same as StandardMerkleTree.getMultiProof). The packs come back in the leaf order
   * the proof needs (ascending pack index): pass `indices` and `commitments` as they are.
   */
  getMultiProof(packIndices: readonly number[]): PackMultiProof {
    const nodesIdx = packIndices.map((i) => {
      this.checkIndex(i);
      return leafNode(this.size, i);
    });
    nodesIdx.sort((a, b) => b - a);
    for (let p = 1; p < nodesIdx.length; p++) {
      if (nodesIdx[p] === nodesIdx[p - 1]) throw new ArgumentError("a multiproof cannot prove the same pack twice");
    }
    // OpenZeppelin's algorithm on a queue of tree indices (a ring buffer instead of Array.shift).
    const queue = new Int32Array(nodesIdx.length + 1);
    let head = 0;
    let count = nodesIdx.length;
    queue.set(nodesIdx);
    const at = (q: number) => queue[(head + q) % queue.length]!;
    const proof: Hex[] = [];
    const proofFlags: boolean[] = [];
    while (count > 0 && at(0) > 0) {
      const j = at(0);
      head = (head + 1) % queue.length;
      count--;
      const s = j % 2 === 1 ? j + 1 : j - 1;
      if (count > 0 && s === at(0)) {
        proofFlags.push(true);
        head = (head + 1) % queue.length;
        count--;
      } else {
        proofFlags.push(false);
        proof.push(this.node(s));
      }
      queue[(head + count) % queue.length] = (j - 1) >> 1;
      count++;
    }
    if (nodesIdx.length === 0) proof.push(this.node(0));
    const indices = nodesIdx.map((k) => 2 * this.size - 2 - k);
    return {
      indices,
      commitments: indices.map((i) => this.commitment(i)),
      leaves: nodesIdx.map((k) => this.node(k)),
      proof,
      proofFlags,
    };
  }
}

/** Hashes the tree `slice` hashes at a time, pausing (yielding) after each slice; returns the tree. */
function* hashInSlices(
  commitments: ReadonlyArray<Hex | Uint8Array> | Uint8Array,
  hash: Keccak256,
  slice: number,
): Generator<void, PackTree> {
  const flat = flattenCommitments(commitments);
  const n = flat.length / 32;
  if (n === 0) throw new ArgumentError("a tree needs at least one pack");
  const nodes = new Uint8Array((2 * n - 1) * 32);
  for (let from = 0; from < n; from += slice) {
    hashLeaves(nodes, flat, n, from, Math.min(n, from + slice), hash);
    yield;
  }
  // Each level needs the one below it complete; within a level the slices are independent.
  for (const [lo, hi] of internalLevels(n)) {
    for (let from = lo; from <= hi; from += slice) {
      hashNodes(nodes, from, Math.min(hi, from + slice - 1), hash);
      yield;
    }
  }
  return new PackTree(nodes, flat);
}

function flattenCommitments(commitments: ReadonlyArray<Hex | Uint8Array> | Uint8Array): Uint8Array {
  if (commitments instanceof Uint8Array) return commitments;
  const flat = new Uint8Array(commitments.length * 32);
  commitments.forEach((c, i) => flat.set(toBytes(c, 32, `commitment ${i}`), i * 32));
  return flat;
}
