/**
 * Builds the Next.js app when its sources changed since the last build, serves it on an internal port,
 * and puts the lean verification service in front of it on the public port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { FRONT_HEADER } from "@tracemed/config/frontHeader";
import type { Output } from "./output.js";
import { childPart, type Part } from "./supervise.js";

// next-env.d.ts and the tsbuildinfo are rewritten by the tools themselves, not by a source change.
const SKIP = new Set([
  "node_modules",
  ".next",
  ".turbo",
  "e2e",
  "test-results",
  "next-env.d.ts",
  "tsconfig.tsbuildinfo",
]);

async function hashTree(dir: string, hash: ReturnType<typeof createHash>): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (SKIP.has(e.name)) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) await hashTree(full, hash);
    else if (e.isFile()) hash.update(full).update(await readFile(full));
  }
}

async function sourceHash(root: string): Promise<string> {
  const hash = createHash("sha256");
  for (const dir of ["apps/web", "packages/chain/src", "packages/codes/src", "packages/db/src"])
    await hashTree(path.join(root, dir), hash);
  hash.update(await readFile(path.join(root, "package-lock.json")).catch(() => Buffer.alloc(0)));
  return hash.digest("hex");
}

/** Runs a command, its output to the log (and its errors on the terminal too, with the tail of the log on failure). */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, output: Output): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const lines: string[] = [];
    output.pipe(child, "build", (line) => {
      lines.push(line);
      if (lines.length > 60) lines.shift();
      return false;
    });
    child.on("exit", (code) => {
      if (code === 0) return resolve();
      if (!output.verbose) console.error(lines.join("\n"));
      reject(new Error(`${cmd} ${args.join(" ")} exited with ${code} (its whole output: ${output.file})`));
    });
  });
}

/** Runs `next build` unless the last build was made from the same sources. */
export async function buildWebIfNeeded(root: string, log: (s: string) => void, output: Output): Promise<void> {
  const web = path.join(root, "apps/web");
  const marker = path.join(web, ".next", "source-hash.txt");
  const want = await sourceHash(root);
  const have = await readFile(marker, "utf8").catch(() => "");
  const built = await stat(path.join(web, ".next", "BUILD_ID")).then(
    () => true,
    () => false,
  );
  if (built && have === want) return;
  log("building the web app (first start, or its sources changed; about a minute)…");
  const started = performance.now();
  await run(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], web, process.env, output);
  log(`web app built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  // The hash taken before the build: a source edited while it ran is rebuilt at the next start.
  await writeFile(marker, want);
}

export interface WebServer extends Part {
  url: string;
}

/** Waits until `child` answers `health` with a 2xx (30 s at most); the server it runs, stoppable. */
async function serving(
  child: ChildProcess,
  url: string,
  health: string,
  what: string,
  headers: Record<string, string> = {},
): Promise<WebServer> {
  let exited = false;
  child.on("exit", () => (exited = true));
  for (let i = 0; ; i++) {
    if (exited) throw new Error(`the ${what} exited during start-up (is its port free?)`);
    if (i >= 300) {
      // Not left running unwatched: a restart would start a second one beside it.
      child.kill("SIGKILL");
      throw new Error(`the ${what} did not answer on ${url} within 30 s`);
    }
    const ok = await fetch(`${url}${health}`, { headers }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await sleep(100);
  }
  return { url, ...childPart(child) };
}

/**
 * The Next.js production server on `port` of 127.0.0.1 (behind the front: an internal port). With
 * FRONT_SECRET in `env` it refuses every request that does not carry it (only the front adds it).
 * Its banner names the internal port, which is not the address to open: its output goes to the log;
 * the terminal shows what it writes to stderr.
 */
export async function startWeb(
  root: string,
  port: number,
  env: Record<string, string>,
  output: Output,
): Promise<WebServer> {
  const child = spawn(
    process.execPath,
    [path.join(root, "node_modules/next/dist/bin/next"), "start", "--hostname", "127.0.0.1", "--port", String(port)],
    {
      cwd: path.join(root, "apps/web"),
      env: { ...process.env, ...env, NODE_ENV: "production" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  output.pipe(child, "web", (_line, stream) => stream === "stderr");
  const headers: Record<string, string> = env.FRONT_SECRET ? { [FRONT_HEADER]: env.FRONT_SECRET } : {};
  return serving(child, `http://127.0.0.1:${port}`, "/api/health", "web app", headers);
}

/**
 * The lean verification service (apps/verify/src/server.ts) on the public port: it answers the consumer
 * hot paths (POST /api/verify, GET /api/packs/{gtin}/{lot}/{serial}) itself and forwards every other
 * request to the web app at `nextUrl`. The browser sees one origin and the same URLs and JSON.
 */
export async function startFront(
  root: string,
  port: number,
  nextUrl: string,
  env: Record<string, string>,
  output: Output,
): Promise<WebServer> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "apps/verify/src/server.ts")], {
    cwd: root,
    env: { ...process.env, ...env, VERIFY_PORT: String(port), VERIFY_HOST: "127.0.0.1", NEXT_URL: nextUrl },
    stdio: ["ignore", "pipe", "pipe"],
  });
  output.pipe(child, "verify", (_line, stream) => stream === "stderr");
  return serving(child, `http://127.0.0.1:${port}`, "/health", `verification service on port ${port} (set WEB_PORT)`);
}
