/**
 * A second EVM implementation for tests: Hardhat's node (EDR, already a dependency), bound to
 * 127.0.0.1. It serves the same development accounts as anvil (the same mnemonic) on chain id 31337,
 * mines a block only when a transaction arrives, answers "finalized" and "safe" with its head, and
 * keeps no state across restarts.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startAnvil, type EmbeddedChain } from "./anvil";

async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
    });
    return res.ok;
  } catch {
    return false;
  }
}

/** Starts `hardhat node --hostname 127.0.0.1 --port <port>` from the repository (its hardhat.config.ts). */
export async function startHardhatNode(port: number): Promise<EmbeddedChain> {
  const url = `http://127.0.0.1:${port}`;
  if (await answers(url)) throw new Error(`something already answers JSON-RPC on ${url}`);
  const require = createRequire(import.meta.url);
  const pkg = require.resolve("hardhat/package.json");
  const root = path.resolve(path.dirname(pkg), "..", "..");
  const child = spawn(
    process.execPath,
    [path.join(path.dirname(pkg), "dist/src/cli.js"), "node", "--hostname", "127.0.0.1", "--port", String(port)],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, HARDHAT_DISABLE_TELEMETRY_PROMPT: "true" } },
  );
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-4_000)));
  child.stderr.on("data", (d: Buffer) => (out = (out + d.toString()).slice(-4_000)));
  let exited = false;
  child.on("exit", () => (exited = true));
  for (let i = 0; i < 600 && !(await answers(url)); i++) {
    if (exited) throw new Error(`hardhat node exited during start-up:\n${out}`);
    await sleep(50);
  }
  if (!(await answers(url))) throw new Error(`hardhat node did not answer on ${url} within 30 s:\n${out}`);
  return {
    url,
    process: child,
    replayed: 0,
    async stop() {
      if (exited) return;
      const done = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([done, sleep(5_000)]);
      if (!exited) child.kill("SIGKILL");
    },
  };
}

/**
 * The EVM implementation tests run on: anvil (the embedded chain's), or Hardhat's node with TEST_EVM=hardhat
 * (scripts/test.sh runs the integration tests on both).
 */
export const TEST_EVM: "anvil" | "hardhat" = process.env.TEST_EVM === "hardhat" ? "hardhat" : "anvil";

/** Why a test that restarts the chain node from its saved state cannot run on this EVM (false: it can). */
export const NO_RESTART: string | false = TEST_EVM === "hardhat" && "Hardhat's node keeps no state across a restart";

/** Starts the tests' EVM on `port` (anvil keeps its state in `dataDir`). */
export const startTestEvm = (dataDir: string, port: number): Promise<EmbeddedChain> =>
  TEST_EVM === "hardhat" ? startHardhatNode(port) : startAnvil(dataDir, port, { devMethods: true });

/** A TCP port free on 127.0.0.1 just now (for a test's node). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
