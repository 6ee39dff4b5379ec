/**
 * Codes + commitments + Merkle tree for a batch of packs, against the simplest baselines measured
 * in the same run:
 *   - @openzeppelin/merkle-tree StandardMerkleTree on the same commitments (measured on a slice and
 *     scaled linearly: it takes minutes and ~2 GB for a million leaves);
 *   - this package's pipeline on one thread (workers: 0);
 *   - the per-pack PIN tag with node:crypto createHmac instead of the precomputed-state HMAC.
 * Run: bash scripts/node.sh node --import tsx bench/codes/batch.ts [packs]
 */
import { createHmac, createSecretKey } from "node:crypto";
import { fileURLToPath } from "node:url";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { createPinKey, generateBatch, type Hex } from "@tracemed/codes";
import { createHmacSha256 } from "../../packages/codes/src/hmacSha256";
import { row, saveResults } from "../suite/results";
import { child, fmt, run } from "./harness";

const N = Number(process.env.BENCH_PACKS ?? process.argv[2] ?? 1_000_000);
const OZ_SLICE = 20_000;
const pinKey = createPinKey(new Uint8Array(32).fill(11));
const spec = { gtin: "09521234543213", lot: "BENCH-1", expiry: "301231", count: N };

const isChild = await child({
  async parallel() {
    const b = await generateBatch(spec, { pinKey, workers: 2 });
    return { root: b.root };
  },
  async oneThread() {
    const b = await generateBatch(spec, { pinKey, workers: 0 });
    return { root: b.root };
  },
  async ozSlice() {
    const b = await generateBatch({ ...spec, count: OZ_SLICE }, { pinKey, workers: 0 });
    const values: Array<[number, Hex]> = [...b.records()].map((r) => [r.index, r.commitment]);
    const t = performance.now();
    const tree = StandardMerkleTree.of(values, ["uint256", "bytes32"], { sortLeaves: false });
    return { treeMs: performance.now() - t, same: String(tree.root === b.root) };
  },
  async tags() {
    const n = 1_000_000;
    const msg = new Uint8Array(19 + 32 + 1 + 12 + 20);
    const out = new Uint8Array(32);
    const keyBytes = new Uint8Array(32).fill(5);
    const hmac = createHmacSha256(keyBytes);
    let t = performance.now();
    for (let i = 0; i < n; i++) {
      msg[60] = i & 255;
      hmac(msg, out);
    }
    const precomputedMs = performance.now() - t;
    const key = createSecretKey(keyBytes);
    t = performance.now();
    for (let i = 0; i < n; i++) {
      msg[60] = i & 255;
      createHmac("sha256", key).update(msg).digest();
    }
    return { precomputedMs, nodeCryptoMs: performance.now() - t };
  },
});

if (!isChild) {
  const self = fileURLToPath(import.meta.url);
  console.log(`# Batch of ${N.toLocaleString("en")} packs: serials, PINs, keyed commitments, Merkle tree (2 cores)\n`);
  const par = run(self, "parallel");
  console.log(
    `this package, 2 worker threads : ${fmt(par.ms)}, peak RSS ${par.maxRssMiB.toFixed(0)} MiB   root ${par.root}`,
  );
  const one = run(self, "oneThread");
  console.log(
    `this package, 1 thread         : ${fmt(one.ms)}, peak RSS ${one.maxRssMiB.toFixed(0)} MiB   (x${(one.ms / par.ms).toFixed(2)} of 2 threads)`,
  );
  const oz = run(self, "ozSlice");
  const ozFull = (Number(oz.treeMs) * N) / OZ_SLICE;
  console.log(
    `@openzeppelin/merkle-tree      : ${fmt(Number(oz.treeMs))} for the tree alone of ${OZ_SLICE.toLocaleString("en")} leaves (same root: ${oz.same})` +
      ` -> ~${fmt(ozFull)} for ${N.toLocaleString("en")} scaled linearly (x${(ozFull / par.ms).toFixed(0)} of this package's whole pipeline)`,
  );
  const tags = run(self, "tags");
  console.log(
    `PIN tag (HMAC-SHA256) x 1,000,000, one thread: precomputed-state ${fmt(Number(tags.precomputedMs))}` +
      `, node:crypto createHmac ${fmt(Number(tags.nodeCryptoMs))} (x${(Number(tags.nodeCryptoMs) / Number(tags.precomputedMs)).toFixed(2)})`,
  );
  console.log(
    `\ntarget: < 8 s and < 512 MiB for 1,000,000 packs -> ${par.ms < 8000 && par.maxRssMiB < 512 ? "met" : "NOT met"}`,
  );
  const packs = N.toLocaleString("en");
  await saveResults("codes-batch", [
    row(
      `codes: ${packs} packs (codes + commitments + tree), 2 workers`,
      par.ms / 1000,
      "s",
      `@openzeppelin/merkle-tree, tree alone, scaled from ${OZ_SLICE.toLocaleString("en")} leaves`,
      ozFull / 1000,
    ),
    row(`codes: ${packs} packs, 2 workers`, par.ms / 1000, "s", "the same pipeline on one thread", one.ms / 1000),
    row(`codes: ${packs} packs, peak memory`, par.maxRssMiB, "MiB", "one-thread pipeline peak memory", one.maxRssMiB),
    row(
      "codes: PIN tag x 1,000,000 (precomputed-state HMAC)",
      Number(tags.precomputedMs) / 1000,
      "s",
      "node:crypto createHmac per tag",
      Number(tags.nodeCryptoMs) / 1000,
    ),
  ]);
}
