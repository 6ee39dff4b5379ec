import { ArgumentError } from "./errors";
import { compare32, toBytes, type Hex } from "./hex";
import { keccak256, type Keccak256 } from "./keccak";

/**
 * Merkle hashing and verification exactly as the contracts do it (OpenZeppelin MerkleProof 5.x
 * with the StandardMerkleTree leaf of (uint256 index, bytes32 commitment)). Browser-safe.
 */

/** bytes32 zero: what Solidity reads from a not-yet-written slot of the multiproof's hash queue. */
const ZERO32 = new Uint8Array(32);

/** The leaf of pack `index`: keccak256(bytes.concat(keccak256(abi.encode(uint256 index, bytes32 commitment)))). */
export function packLeaf(
  index: number | bigint,
  commitment: Hex | Uint8Array,
  hash: Keccak256 = keccak256,
): Uint8Array {
  const c = toBytes(commitment, 32, "commitment");
  const i = BigInt(index);
  if (i < 0n || i >= 1n << 256n) throw new ArgumentError("index must be a uint256");
  const encoded = new Uint8Array(64);
  const view = new DataView(encoded.buffer);
  for (let w = 0; w < 4; w++) view.setBigUint64(24 - 8 * w, (i >> BigInt(64 * w)) & 0xffffffffffffffffn);
  encoded.set(c, 32);
  return hash(hash(encoded));
}

/** OpenZeppelin Hashes.commutativeKeccak256: keccak256 of the two words in ascending order. */
export function hashPair(a: Uint8Array, b: Uint8Array, hash: Keccak256 = keccak256): Uint8Array {
  const buf = new Uint8Array(64);
  if (compare32(a, 0, b, 0) < 0) {
    buf.set(a, 0);
    buf.set(b, 32);
  } else {
    buf.set(b, 0);
    buf.set(a, 32);
  }
  return hash(buf);
}

/** MerkleProof.processProof: the root a single proof leads to. */
export function processProof(
  leaf: Uint8Array,
  proof: ReadonlyArray<Hex | Uint8Array>,
  hash: Keccak256 = keccak256,
): Uint8Array {
  let computed = leaf;
  for (const p of proof) computed = hashPair(computed, toBytes(p, 32, "proof element"), hash);
  return computed;
}

/** Why the contract would refuse: a custom error name, or "Panic" (Solidity array out of bounds). */
export type ContractRefusal =
  | "PackIndexOutOfRange"
  | "PackInvalidProof"
  | "PackInvalidMultiProof"
  | "PackListMismatch"
  | "MerkleProofInvalidMultiproof"
  | "Panic";

export type ContractAnswer = { ok: true } | { ok: false; error: ContractRefusal };

/**
 * MerkleProof.processMultiProof, step for step, including what Solidity does with a malformed
 * proof: it reverts with MerkleProofInvalidMultiproof on a length mismatch, panics on an
 * out-of-bounds read, and reads zero from a hash-queue slot not yet written.
 */
export function processMultiProof(
  proof: ReadonlyArray<Hex | Uint8Array>,
  proofFlags: readonly boolean[],
  leaves: readonly Uint8Array[],
  hash: Keccak256 = keccak256,
): { root: Uint8Array } | { error: "MerkleProofInvalidMultiproof" | "Panic" } {
  const proofBytes = proof.map((p) => toBytes(p, 32, "proof element"));
  const leavesLen = leaves.length;
  const flagsLen = proofFlags.length;
  if (leavesLen + proofBytes.length !== flagsLen + 1) return { error: "MerkleProofInvalidMultiproof" };
  if (flagsLen > 0) {
    const hashes: Uint8Array[] = Array.from({ length: flagsLen }, () => ZERO32);
    let leafPos = 0;
    let hashPos = 0;
    let proofPos = 0;
    for (let i = 0; i < flagsLen; i++) {
      let a: Uint8Array;
      if (leafPos < leavesLen) a = leaves[leafPos++]!;
      else if (hashPos < flagsLen) a = hashes[hashPos++]!;
      else return { error: "Panic" };
      let b: Uint8Array;
      if (proofFlags[i]) {
        if (leafPos < leavesLen) b = leaves[leafPos++]!;
        else if (hashPos < flagsLen) b = hashes[hashPos++]!;
        else return { error: "Panic" };
      } else if (proofPos < proofBytes.length) b = proofBytes[proofPos++]!;
      else return { error: "Panic" };
      hashes[i] = hashPair(a, b, hash);
    }
    if (proofPos !== proofBytes.length) return { error: "MerkleProofInvalidMultiproof" };
    return { root: hashes[flagsLen - 1]! };
  }
  if (leavesLen > 0) return { root: leaves[0]! };
  return proofBytes.length > 0 ? { root: proofBytes[0]! } : { error: "Panic" };
}

function equal32(a: Uint8Array, b: Uint8Array): boolean {
  return compare32(a, 0, b, 0) === 0;
}

export interface PackProofInput {
  root: Hex | Uint8Array;
  packCount: number;
  index: number | bigint;
  commitment: Hex | Uint8Array;
  proof: ReadonlyArray<Hex | Uint8Array>;
}

/**
 * What `CustodyLedger.claim` / `dispense` answer for this pack and proof (before their role and
 * batch-status checks): ok, PackIndexOutOfRange or PackInvalidProof.
 */
export function verifyPackProof(input: PackProofInput, hash: Keccak256 = keccak256): ContractAnswer {
  if (BigInt(input.index) >= BigInt(input.packCount)) return { ok: false, error: "PackIndexOutOfRange" };
  const root = toBytes(input.root, 32, "root");
  const computed = processProof(packLeaf(input.index, input.commitment, hash), input.proof, hash);
  return equal32(computed, root) ? { ok: true } : { ok: false, error: "PackInvalidProof" };
}

export interface PackMultiProofInput {
  root: Hex | Uint8Array;
  packCount: number;
  indices: ReadonlyArray<number | bigint>;
  commitments: ReadonlyArray<Hex | Uint8Array>;
  proof: ReadonlyArray<Hex | Uint8Array>;
  proofFlags: readonly boolean[];
}

/**
 * What `CustodyLedger.claimMany` / `dispenseMany` answer for these packs and multiproof (before
 * their role and batch-status checks): ok, PackListMismatch, PackIndexOutOfRange,
 * MerkleProofInvalidMultiproof, Panic or PackInvalidMultiProof.
 */
export function verifyPackMultiProof(input: PackMultiProofInput, hash: Keccak256 = keccak256): ContractAnswer {
  const n = input.indices.length;
  if (n === 0 || n !== input.commitments.length) return { ok: false, error: "PackListMismatch" };
  const leaves: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    if (BigInt(input.indices[i]!) >= BigInt(input.packCount)) return { ok: false, error: "PackIndexOutOfRange" };
    leaves.push(packLeaf(input.indices[i]!, input.commitments[i]!, hash));
  }
  const r = processMultiProof(input.proof, input.proofFlags, leaves, hash);
  if ("error" in r) return { ok: false, error: r.error };
  return equal32(r.root, toBytes(input.root, 32, "root"))
    ? { ok: true }
    : { ok: false, error: "PackInvalidMultiProof" };
}
