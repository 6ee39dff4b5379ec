/**
 * The product as its user runs it, for tests: `scripts/start.ts` in a child process with its own
 * data folder and ports, ready when it prints "ready:", stopped with Ctrl-C (SIGINT). Also finds
 * the processes it started (chain node, web app, verification service, indexer) so that a test can
 * kill one of them the hard way.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "@tracemed/db/testing";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface Running {
  child: ChildProcess;
  output: () => string;
}

export interface ProductEnv {
  DATA_DIR: string;
  CHAIN_PORT: string;
  WEB_PORT: string;
  DB_PORT: string;
}

export async function productEnv(dataDir: string): Promise<ProductEnv> {
  return {
    DATA_DIR: dataDir,
    CHAIN_PORT: String(await freePort()),
    WEB_PORT: String(await freePort()),
    DB_PORT: String(await freePort()),
  };
}

export async function startProduct(env: ProductEnv): Promise<Running> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready after 240 s:\n${out}`)), 240_000);
    const check = () => {
      if (/\] ready: /.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`start exited with ${code} before it was ready:\n${out}`));
    });
  });
  return { child, output: () => out };
}

/** Ctrl-C; resolves with the exit code. */
export async function stopProduct(r: Running): Promise<number | null> {
  if (r.child.exitCode !== null || r.child.signalCode !== null) return r.child.exitCode;
  const exited = new Promise<number | null>((resolve) => r.child.once("exit", resolve));
  r.child.kill("SIGINT");
  return exited;
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 30_000,
  output?: () => string,
) {
  for (const until = Date.now() + ms; !(await check());) {
    if (Date.now() > until)
      throw new Error(`timed out waiting until ${what}${output ? `:\n${output().slice(-1500)}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export type Part = "chain" | "web app" | "verification service" | "indexer";
const PATTERN: Record<Part, RegExp> = {
  chain: /\/anvil(\s|$)/,
  "web app": /next(\/dist\/bin\/next)? start|next-server/,
  "verification service": /apps\/verify\/src\/server\.ts/,
  indexer: /apps\/indexer\/src\/main\.ts/,
};

/** The pid of one part of the running product (a descendant of the start process). */
export function pidOf(r: Running, part: Part): number {
  const table = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => {
      const m = line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/)!;
      return { pid: Number(m[1]), ppid: Number(m[2]), args: m[3]! };
    });
  const descendants = new Set([r.child.pid!]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of table)
      if (descendants.has(p.ppid) && !descendants.has(p.pid)) {
        descendants.add(p.pid);
        grew = true;
      }
  }
  const found = table.find((p) => descendants.has(p.pid) && PATTERN[part].test(p.args));
  if (!found) throw new Error(`no ${part} process under the start command`);
  return found.pid;
}
