/**
 * The product as a user starts it: `node --import tsx scripts/start.ts` (what `npm start` runs)
 * with a fresh data folder and free ports, so the embedded chain is deployed and seeded, the
 * embedded database migrated, the indexer started and the production build of the web app served.
 * The regulator council's delay is a few seconds (E2E_COUNCIL_DELAY_SECONDS, default 5) instead of the demo's
 * two minutes, so that a proposal can be cancelled, waited out and executed within a test.
 * Always local: a DATABASE_URL or CHAIN_RPC_URL in the caller's environment is not passed on.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "@tracemed/db/testing";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface Stack {
  url: string;
  chainUrl: string;
  dataDir: string;
  /** seconds from spawn to the "ready:" line */
  startSeconds: number;
  stop(): Promise<void>;
}

/** Refuses anything but this machine: the journey writes to the chain and the database it is given. */
export function assertLocal(url: string): void {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "[::1]"].includes(host))
    throw new Error(`end-to-end tests run against a local stack only, not ${host}`);
}

export async function startStack(options: { logFile: string; dataDir?: string }): Promise<Stack> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), "tracemed-e2e-")));
  const removeData = !options.dataDir;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    CHAIN_PORT: String(await freePort()),
    DB_PORT: String(await freePort()),
    WEB_PORT: String(await freePort()),
    NEXT_PORT: String(await freePort()),
    COUNCIL_DELAY_SECONDS: process.env.E2E_COUNCIL_DELAY_SECONDS ?? "5",
  };
  delete env.DATABASE_URL;
  delete env.CHAIN_RPC_URL;
  delete env.PIN_KEYS_DIR;

  await mkdir(path.dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile);
  const started = performance.now();
  // Its own process group: if start.ts itself dies, its children can still be stopped.
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const onData = (d: Buffer) => {
    output += d;
    log.write(d);
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  // If the test runner goes away without its teardown, the stack goes with it.
  const orphanGuard = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  process.once("exit", orphanGuard);

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM"); // start.ts stops the web server, the indexer, the chain and the database
      const code = await Promise.race([exited, sleep(30_000).then(() => "timeout" as const)]);
      if (code === "timeout") {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // already gone
        }
        await exited;
      }
    }
    process.off("exit", orphanGuard);
    log.end();
    if (removeData) await rm(dataDir, { recursive: true, force: true });
  }

  const ready = await new Promise<string>((resolve, reject) => {
    const limit = Number(process.env.E2E_START_TIMEOUT ?? 600) * 1000;
    const timer = setTimeout(() => reject(new Error(`the stack was not ready after ${limit / 1000} s`)), limit);
    const check = () => {
      const m = /\] ready: (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the start command exited with ${code} before it was ready`));
    });
  }).catch(async (error: Error) => {
    await stop();
    throw new Error(`${error.message}; its output (${options.logFile}):\n${output.slice(-3000)}`);
  });
  assertLocal(ready);
  const chainUrl = `http://127.0.0.1:${env.CHAIN_PORT}`;
  await waitForIndexer(ready, chainUrl).catch(async (error: Error) => {
    await stop();
    throw error;
  });
  return { url: ready, chainUrl, dataDir, startSeconds: (performance.now() - started) / 1000, stop };
}

/**
 * Waits until the indexer has read the chain up to its head: the organisations, products and
 * batches the pages list come from the database it fills.
 */
export async function waitForIndexer(url: string, chainUrl: string, ms = 120_000): Promise<void> {
  const rpc = await fetch(chainUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
  });
  const head = Number(((await rpc.json()) as { result: string }).result);
  for (const until = Date.now() + ms; Date.now() < until; await sleep(250)) {
    const res = await fetch(`${url}/api/indexer`).catch(() => null);
    const body = res?.ok ? ((await res.json()) as { indexedBlock: number | null }) : null;
    if (body?.indexedBlock != null && body.indexedBlock >= head) return;
  }
  throw new Error(`the indexer did not reach block ${head} within ${ms / 1000} s`);
}
