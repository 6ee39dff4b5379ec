/**
 * The committed contents of a logistic unit (a case or pallet named by its SSCC), computed exactly as
 * contracts/LogisticUnits.sol does: one leaf per pack, keccak256(bytes.concat(keccak256(abi.encode(bytes32
 * batchId, uint256 index)))), and one per unit packed into it, keccak256(bytes.concat(keccak256(abi.encode(
 * uint256 sscc, bytes32 contentsRoot)))); the leaves sorted ascending, neighbours hashed pairwise with
 * OpenZeppelin's commutative keccak256 and an odd last one carried up. A proof from `unitContentsProof` is what
 * OpenZeppelin's MerkleProof.verify takes. Browser-safe.
 */
import { ArgumentError } from "./errors";
import { compare32, toBytes, toHex, type Hex } from "./hex";
import { keccak256 } from "./keccak";
import { hashPair, processProof } from "./merkle";

/** What a unit holds directly: a pack of a batch (by its leaf index), or another unit. */
export type UnitEntry = { batchId: Hex; index: number } | { sscc: string; contentsRoot: Hex };

/** The packs of one batch in a unit, as LogisticUnits.pack takes them (indices ascending, no repeats). */
export interface UnitPackGroup {
  batchId: Hex;
  indices: number[];
}

function word(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31, v = value; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

function doubleHash(first: Uint8Array, second: Uint8Array): Uint8Array {
  const encoded = new Uint8Array(64);
  encoded.set(first, 0);
  encoded.set(second, 32);
  return keccak256(keccak256(encoded));
}

/** The leaf of one entry, as the contract computes it. */
export function unitLeaf(entry: UnitEntry): Hex {
  if ("sscc" in entry) {
    if (!/^\d{18}$/.test(entry.sscc)) throw new ArgumentError("an SSCC has 18 digits");
    return toHex(doubleHash(word(BigInt(entry.sscc)), toBytes(entry.contentsRoot, 32, "contentsRoot")));
  }
  if (!Number.isInteger(entry.index) || entry.index < 0 || entry.index > 0xffffffff)
    throw new ArgumentError("a pack index is a uint32");
  return toHex(doubleHash(toBytes(entry.batchId, 32, "batchId"), word(BigInt(entry.index))));
}

function sortedLeaves(entries: readonly UnitEntry[]): Uint8Array[] {
  if (entries.length === 0) throw new ArgumentError("a unit holds at least one pack or unit");
  return entries.map((e) => toBytes(unitLeaf(e), 32)).sort((a, b) => compare32(a, 0, b, 0));
}

/** Each level of the tree, leaves first, the root's level last. */
function levels(leaves: Uint8Array[]): Uint8Array[][] {
  const out = [leaves];
  let level = leaves;
  while (level.length > 1) {
    const next: Uint8Array[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(hashPair(level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    out.push(next);
    level = next;
  }
  return out;
}

/** The contents root a unit with these entries commits to on chain (the order of `entries` does not matter). */
export function unitContentsRoot(entries: readonly UnitEntry[]): Hex {
  const all = levels(sortedLeaves(entries));
  return toHex(all[all.length - 1]![0]!);
}

/** The proof that `entry` is in the unit with these entries, for MerkleProof.verify(proof, root, leaf). */
export function unitContentsProof(entries: readonly UnitEntry[], entry: UnitEntry): Hex[] {
  const leaves = sortedLeaves(entries);
  const leaf = toBytes(unitLeaf(entry), 32);
  let position = leaves.findIndex((l) => compare32(l, 0, leaf, 0) === 0);
  if (position < 0) throw new ArgumentError("the entry is not in the unit");
  const proof: Hex[] = [];
  for (const level of levels(leaves).slice(0, -1)) {
    const sibling = position ^ 1;
    if (sibling < level.length) proof.push(toHex(level[sibling]!));
    position >>= 1;
  }
  return proof;
}

/** Whether `proof` shows `entry` inside the unit whose contents root is `root`. */
export function verifyUnitContents(root: Hex, entry: UnitEntry, proof: readonly Hex[]): boolean {
  return toHex(processProof(toBytes(unitLeaf(entry), 32), proof)) === root.toLowerCase();
}

/**
 * Packs grouped by batch as LogisticUnits.pack takes them: each batch once (in the order first met), its
 * indices ascending. A pack listed twice is refused, as the contract would.
 */
export function unitPackGroups(packs: ReadonlyArray<{ batchId: Hex; index: number }>): UnitPackGroup[] {
  const groups = new Map<string, UnitPackGroup>();
  for (const p of packs) {
    const key = p.batchId.toLowerCase();
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { batchId: p.batchId, indices: [] }));
    g.indices.push(p.index);
  }
  for (const g of groups.values()) {
    g.indices.sort((a, b) => a - b);
    const repeated = g.indices.find((v, i) => i > 0 && v === g.indices[i - 1]);
    if (repeated !== undefined) throw new ArgumentError(`pack ${repeated} of batch ${g.batchId} is listed twice`);
  }
  return [...groups.values()];
}
