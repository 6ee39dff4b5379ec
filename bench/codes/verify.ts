/**
 * Verifying one pack proof in a 1,000,000-pack tree (20 hashes): this package's verifier with its
 * pure-JS keccak (browser-safe) and with the WASM keccak, against OpenZeppelin's
 * StandardMerkleTree.verify on the same proof, measured in the same run.
 * Run: bash scripts/node.sh node --import tsx bench/codes/verify.ts
 */
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { buildPackTree, keccak256, loadFastKeccak, toHex, verifyPackProof, type Hex } from "@tracemed/codes";
import { row, saveResults } from "../suite/results";

const N = 1_000_000;
const commitments = new Uint8Array(N * 32);
for (let i = 0; i < N; i++) new DataView(commitments.buffer).setUint32(i * 32, i + 1);
const tree = await buildPackTree(commitments, { workers: 2 });
const index = 123_457;
const commitment = tree.commitment(index);
const proof = tree.getProof(index);
const root = tree.root;
const fast = await loadFastKeccak();

function perCall(fn: () => unknown, iterations: number): number {
  for (let i = 0; i < Math.min(1000, iterations); i++) fn();
  const t = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return ((performance.now() - t) * 1000) / iterations;
}

const input = { root, packCount: N, index, commitment, proof };
if (!verifyPackProof(input).ok || !verifyPackProof(input, fast).ok) throw new Error("proof does not verify");
const pure = perCall(() => verifyPackProof(input), 20_000);
const wasm = perCall(() => verifyPackProof(input, fast), 50_000);
const value: [number, Hex] = [index, commitment];
if (!StandardMerkleTree.verify(root, ["uint256", "bytes32"], value, proof)) throw new Error("OZ does not verify");
const oz = perCall(() => StandardMerkleTree.verify(root, ["uint256", "bytes32"], value, proof), 5_000);
await saveResults("codes-verify", [
  row(
    `proof: verify one pack of ${N.toLocaleString("en")} (WASM keccak)`,
    wasm,
    "µs",
    "@openzeppelin/merkle-tree StandardMerkleTree.verify",
    oz,
  ),
  row(
    `proof: verify one pack of ${N.toLocaleString("en")} (pure-JS keccak, browser)`,
    pure,
    "µs",
    "@openzeppelin/merkle-tree StandardMerkleTree.verify",
    oz,
  ),
]);
console.log(`# Verify one pack proof, tree of ${N.toLocaleString("en")} packs (proof of ${proof.length} hashes)\n`);
console.log(`verifyPackProof, pure-JS keccak (browser) : ${pure.toFixed(1)} µs`);
console.log(`verifyPackProof, WASM keccak              : ${wasm.toFixed(1)} µs`);
console.log(
  `baseline StandardMerkleTree.verify        : ${oz.toFixed(1)} µs (x${(oz / pure).toFixed(2)} of pure-JS, x${(oz / wasm).toFixed(2)} of WASM)`,
);
console.log(
  `(single keccak256 of 64 bytes: pure-JS ${perCall(() => keccak256(commitments.subarray(0, 64)), 100_000).toFixed(2)} µs, WASM ${perCall(() => fast(commitments.subarray(0, 64)), 200_000).toFixed(2)} µs; root ${toHex(tree.nodes.subarray(0, 32)).slice(0, 18)}…)`,
);
