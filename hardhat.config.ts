import { createRequire } from "node:module";
import hardhatToolboxViem from "@nomicfoundation/hardhat-toolbox-viem";
import { defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);
const solc = require("solc/package.json") as { version: string };

/**
 * The EVM version compiled for: "prague" (the committed artifact; anvil 1.7 and Hardhat's node run it) unless
 * EVM_VERSION names another one for a chain on another fork (a permissioned network). The ledger needs cancun or
 * later: passkey intents keep their acting member in transient storage (EIP-1153, OpenZeppelin TransientSlot) and
 * OpenZeppelin's WebAuthn copies memory with mcopy. P256VERIFY (EIP-7951, osaka) is used where the chain has it;
 * elsewhere OpenZeppelin's P256 verifies in Solidity. Then `npm run compile` and redeploy.
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
      // 100 runs keeps the ledger under EIP-170's 24,576 bytes (24,263; 24,600 at 200 runs, 29,182 at 10,000
      // before passkeys) for at most 91 gas a write against 200 runs (BENCHMARKS.md).
      optimizer: { enabled: true, runs: 100 },
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
