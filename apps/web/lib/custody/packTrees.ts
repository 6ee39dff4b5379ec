/**
 * Merkle trees of batches, rebuilt from the database's pack records to serve dispense proofs.
 *
 * A batch of 1,000,000 packs is normal: its tree is one flat buffer of 96 bytes a pack (~92 MiB),
 * built with WASM keccak on worker threads (`buildPackTree`). Trees are cached per batch in an LRU
 * bounded by bytes (not by count), concurrent requests for one batch share one build, and a tree is
 * only cached once its root equals the batch's registered root (so incomplete pack records give a
 * clear refusal instead of proofs the ledger would reject).
 */
import { buildPackTree, type PackTree } from "@tracemed/codes";
import type { Db } from "@tracemed/db";
import { ApiError } from "../http";

/** Bytes a tree of n packs holds: 2n-1 nodes and n commitments of 32 bytes. */
export const treeBytes = (n: number) => (3 * n - 1) * 32;

/** Rows read per round trip when loading a batch's commitments (keyset pagination on leafIndex). */
const PAGE = 50_000;

export interface TreeCacheOptions {
  /** bound on the bytes of cached trees (default 384 MiB: four 1,000,000-pack batches) */
  maxBytes?: number;
  /** worker threads for building (default: buildPackTree's choice) */
  workers?: number;
}

export interface BuiltTree {
  tree: PackTree;
  batchId: string;
  /** milliseconds spent reading pack records, and hashing */
  loadMs: number;
  hashMs: number;
}

export class PackTreeCache {
  private readonly entries = new Map<string, Promise<BuiltTree>>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;
  readonly maxBytes: number;

  constructor(
    private readonly db: Db,
    private readonly options: TreeCacheOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? 384 * 1024 * 1024;
  }

  /** Bytes held by cached trees now. */
  get heldBytes(): number {
    return this.bytes;
  }

  /** The batch's tree, from the cache or built (one build at a time per batch). */
  get(batchId: string): Promise<BuiltTree> {
    const key = batchId.toLowerCase();
    const hit = this.entries.get(key);
    if (hit) {
      // Most recently used goes to the end of the Map's order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const p = this.build(key).then(
      (built) => {
        const size = treeBytes(built.tree.size);
        this.sizes.set(key, size);
        this.bytes += size;
        this.evict(key);
        return built;
      },
      (error: unknown) => {
        this.entries.delete(key);
        throw error;
      },
    );
    this.entries.set(key, p);
    return p;
  }

  private evict(keep: string): void {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) return;
      const size = this.sizes.get(key);
      if (key === keep || size === undefined) continue; // in flight, or the one just built
      this.entries.delete(key);
      this.sizes.delete(key);
      this.bytes -= size;
    }
  }

  private async build(batchId: string): Promise<BuiltTree> {
    const t0 = performance.now();
    const batch = await this.db.batch.findUnique({ where: { id: batchId }, select: { packCount: true, packsRoot: true } });
    if (!batch) throw new ApiError(404, "BatchUnknown", "This batch is not registered on the ledger (or not indexed yet).");
    const n = batch.packCount;
    const flat = new Uint8Array(n * 32);
    let next = 0;
    while (next < n) {
      const rows = await this.db.$queryRawUnsafe<{ leafIndex: number; commitment: string }[]>(
        `SELECT "leafIndex", "commitment" FROM "Pack" WHERE "batchId" = $1 AND "leafIndex" >= $2 ORDER BY "leafIndex" LIMIT ${PAGE}`,
        batchId,
        next,
      );
      if (rows.length === 0) break;
      for (const r of rows) {
        if (r.leafIndex !== next) break;
        flat.set(Buffer.from(r.commitment.slice(2), "hex"), next * 32);
        next++;
      }
      if (rows[rows.length - 1]!.leafIndex !== next - 1) break;
    }
    if (next !== n)
      throw new ApiError(
        409,
        "PackRecordsIncomplete",
        `The pack records of this batch are incomplete (pack ${next} of ${n} is missing), so no proof can be made.`,
      );
    const t1 = performance.now();
    const tree = await buildPackTree(flat, this.options.workers === undefined ? {} : { workers: this.options.workers });
    const t2 = performance.now();
    if (tree.root.toLowerCase() !== batch.packsRoot.toLowerCase())
      throw new ApiError(
        409,
        "PackRecordsMismatch",
        "The pack records of this batch do not match the root registered on the ledger, so no proof can be made.",
      );
    return { tree, batchId, loadMs: t1 - t0, hashMs: t2 - t1 };
  }
}

/** Most packs one transaction may dispense (gas: ~30k a pack keeps 512 well under a block). */
export const MAX_PACKS_PER_TX = 512;

export type DispenseProof =
  | { kind: "single"; batchId: string; index: number; commitment: string; proof: string[] }
  | {
      kind: "multi";
      batchId: string;
      indices: number[];
      commitments: string[];
      proof: string[];
      proofFlags: boolean[];
    };

/**
 * The calldata to dispense these packs of one batch: `dispense` arguments for one pack, a
 * multiproof in the ledger's leaf order for several.
 */
export async function dispenseProof(cache: PackTreeCache, batchId: string, indices: number[]): Promise<DispenseProof> {
  if (indices.length === 0) throw new ApiError(400, "NoPacks", "Name at least one pack.");
  if (indices.length > MAX_PACKS_PER_TX)
    throw new ApiError(400, "TooManyPacks", `At most ${MAX_PACKS_PER_TX} packs can be dispensed in one transaction.`);
  if (new Set(indices).size !== indices.length)
    throw new ApiError(400, "DuplicatePack", "The same pack is named twice.");
  const { tree } = await cache.get(batchId);
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= tree.size)
      throw new ApiError(400, "PackIndexOutOfRange", `Pack index ${i} is not in this batch.`);
  }
  if (indices.length === 1) {
    const index = indices[0]!;
    return { kind: "single", batchId, index, commitment: tree.commitment(index), proof: tree.getProof(index) };
  }
  const m = tree.getMultiProof(indices);
  return {
    kind: "multi",
    batchId,
    indices: m.indices,
    commitments: m.commitments,
    proof: m.proof,
    proofFlags: m.proofFlags,
  };
}
