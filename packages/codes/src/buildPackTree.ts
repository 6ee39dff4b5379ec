import { ArgumentError } from "./errors";
import { loadFastKeccak } from "./fastKeccak";
import { toBytes, type Hex } from "./hex";
import { PackTree } from "./packTree";
import { hashLeaves, hashNodes, internalLevels } from "./treeLayout";
import { defaultWorkerCount, WorkerPool } from "./workerPool";

export interface TreeBuildOptions {
  /** worker threads (0 = the calling thread only); default: 2 for large trees, else 0 */
  workers?: number;
}

/**
 * Builds the Merkle tree of a batch from its stored commitments (e.g. read back from the
 * database to serve proofs), with WebAssembly keccak on worker threads. Node-only.
 * Same root and proofs as `PackTree.fromCommitments` and OpenZeppelin's StandardMerkleTree.
 */
export async function buildPackTree(
  commitments: ReadonlyArray<Hex | Uint8Array> | Uint8Array,
  options: TreeBuildOptions = {},
): Promise<PackTree> {
  const n = commitments instanceof Uint8Array ? commitments.length / 32 : commitments.length;
  if (!Number.isInteger(n) || n < 1) throw new ArgumentError("a tree needs at least one 32-byte commitment");
  const commitSab = new SharedArrayBuffer(n * 32);
  const flat = new Uint8Array(commitSab);
  if (commitments instanceof Uint8Array) flat.set(commitments);
  else commitments.forEach((c, i) => flat.set(toBytes(c, 32, `commitment ${i}`), i * 32));
  const nodeSab = new SharedArrayBuffer((2 * n - 1) * 32);
  const nodes = new Uint8Array(nodeSab);
  const hash = await loadFastKeccak();
  const workers = options.workers ?? defaultWorkerCount(n);
  const pool = await WorkerPool.start(workers, { n, nodes: nodeSab, commitments: commitSab });
  try {
    await pool.run("leaves", 0, n, (a, b) => hashLeaves(nodes, flat, n, a, b, hash));
    await hashLevels(pool, nodes, n, hash);
  } finally {
    await pool.close();
  }
  return new PackTree(nodes, flat);
}

/** Computes every internal node, deepest level first, each level split over the pool. */
export async function hashLevels(
  pool: WorkerPool,
  nodes: Uint8Array,
  n: number,
  hash: (d: Uint8Array) => Uint8Array,
): Promise<void> {
  for (const [lo, hi] of internalLevels(n)) {
    await pool.run("nodes", lo, hi + 1, (a, b) => hashNodes(nodes, a, b - 1, hash));
  }
}
