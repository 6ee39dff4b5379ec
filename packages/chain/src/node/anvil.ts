/**
 * The embedded chain: anvil from npm, bound to 127.0.0.1, its state in a data folder so that a stop
 * and a start keep every block, hash and log (anvil loads the file on start, dumps it every second
 * and on SIGTERM).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export const ANVIL_CHAIN_ID = 31337;
/** anvil's well-known development mnemonic: its accounts are public, for local use only. */
export const ANVIL_MNEMONIC = "test test test test test test test test test test test junk";

export interface EmbeddedChain {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

function anvilBinary(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("@foundry-rs/anvil-linux-amd64/package.json")), "bin", "anvil");
}

async function rpcReady(url: string): Promise<boolean> {
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

export async function startAnvil(dataDir: string, port: number): Promise<EmbeddedChain> {
  await mkdir(dataDir, { recursive: true });
  const url = `http://127.0.0.1:${port}`;
  if (await rpcReady(url)) throw new Error(`something already answers JSON-RPC on ${url}; stop it or set CHAIN_PORT`);
  const log = createWriteStream(path.join(dataDir, "anvil.log"), { flags: "a" });
  const child = spawn(
    anvilBinary(),
    [
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--chain-id",
      String(ANVIL_CHAIN_ID),
      "--mnemonic",
      ANVIL_MNEMONIC,
      "--accounts",
      "12",
      "--state",
      path.join(dataDir, "state.json"),
      "--state-interval",
      "1",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = false;
  child.on("exit", () => (exited = true));
  for (let i = 0; i < 200 && !(await rpcReady(url)); i++) {
    if (exited) throw new Error(`anvil exited during start-up; see ${path.join(dataDir, "anvil.log")}`);
    await sleep(50);
  }
  if (!(await rpcReady(url))) throw new Error(`anvil did not answer on ${url} within 10 s`);
  return {
    url,
    process: child,
    async stop() {
      if (exited) return;
      const done = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM"); // anvil dumps its state on SIGTERM
      await Promise.race([done, sleep(10_000)]);
      if (!exited) child.kill("SIGKILL");
    },
  };
}
