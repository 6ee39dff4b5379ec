import { createRequire } from "node:module";
import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";
import { defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);
const solc = require("solc/package.json") as { version: string };

/**
 * The EVM version compiled for: "prague" (the committed artifact; anvil 1.7 and Hardhat's node run it) unless
 * EVM_VERSION names an older one for a chain on an older fork (a permissioned network). OpenZeppelin 5.7 needs
 * cancun (mcopy, transient storage) only in modules the ledger does not import (Bytes, Memory, Arrays,
 * TransientSlot, ReentrancyGuardTransient, Clones); the ledger compiles for cancun, shanghai, paris and london,
 * and a london build deploys and runs on `anvil --hardfork london`. solc deprecates anything older than london.
 * Then `npm run compile` and redeploy.
 */
const evmVersion = process.env.EVM_VERSION ?? "prague";

export default defineConfig({
  plugins: [hardhatToolboxViem],
  solidity: {
    // The wasm compiler from npm: no compiler download is possible on these machines.
    version: solc.version,
    path: require.resolve("solc/soljson.js"),
    // Deployed beside the ledger as they are: the regulator council and the ledger's proxy.
    npmFilesToBuild: [
      "@openzeppelin/contracts/access/manager/AccessManager.sol",
      "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol",
    ],
    settings: {
      // 200 runs keeps the ledger under EIP-170's 24,576 bytes (22,560; 29,182 at 10,000 runs) for at most
      // 15 gas a write (measured at 400 and 600 runs; BENCHMARKS.md).
      optimizer: { enabled: true, runs: 200 },
      evmVersion,
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
