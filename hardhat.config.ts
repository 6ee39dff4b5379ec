import { createRequire } from "node:module";
import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";
import { defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);
const solc = require("solc/package.json") as { version: string };

export default defineConfig({
  plugins: [hardhatToolboxViem],
  solidity: {
    // The wasm compiler from npm: no compiler download is possible on these machines.
    version: solc.version,
    path: require.resolve("solc/soljson.js"),
    settings: {
      optimizer: { enabled: true, runs: 10_000 },
      evmVersion: "prague",
      viaIR: true,
    },
  },
  test: {
    solidity: {
      // Contract invariants fuzzed with random call sequences (test/solidity/*.t.sol):
      // FUZZ_SEQUENCES sequences of FUZZ_DEPTH calls each.
      invariant: {
        runs: Number(process.env.FUZZ_SEQUENCES ?? 10_000),
        depth: Number(process.env.FUZZ_DEPTH ?? 20),
        failOnRevert: false,
      },
    },
  },
  paths: {
    sources: "./contracts",
    tests: { nodejs: "./test", solidity: "./test/solidity" },
  },
});
