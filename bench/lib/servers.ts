/**
 * The servers a benchmark measures, each in its own process (so that the load generator does not share their
 * thread): started, waited for until they answer, and stopped together.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "@tracemed/db/testing";
import { openOutput } from "../../scripts/lib/output";
import { buildWebIfNeeded } from "../../scripts/lib/web";

export const root = path.resolve(import.meta.dirname, "../..");

export class Servers {
  private readonly children: ChildProcess[] = [];

  constructor() {
    // A benchmark that fails midway leaves no server behind.
    process.once("exit", () => {
      for (const c of this.children) if (c.exitCode === null) c.kill("SIGTERM");
    });
  }

  /** Starts `node args…` and waits until `health` answers 2xx (30 s at most). */
  async serve(args: string[], env: Record<string, string>, health: string, cwd = root): Promise<ChildProcess> {
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: "ignore" });
    this.children.push(child);
    for (
      let i = 0;
      i < 300 &&
      !(await fetch(health).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    )
      await sleep(100);
    return child;
  }

  /** The web app's production build (built first when its sources changed, as npm start does) on a free port. */
  async web(env: Record<string, string>, logDir: string): Promise<{ url: string; process: ChildProcess }> {
    const web = path.join(root, "apps/web");
    const next = path.join(root, "node_modules/next/dist/bin/next");
    await buildWebIfNeeded(root, console.log, openOutput(logDir, false));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = await this.serve(
      [next, "start", "--hostname", "127.0.0.1", "--port", String(port)],
      { ...env, NODE_ENV: "production" },
      `${url}/api/health`,
      web,
    );
    return { url, process: child };
  }

  /** The lean verification service (apps/verify) on a free port, in front of `nextUrl` when given. */
  async lean(env: Record<string, string>, nextUrl?: string): Promise<{ url: string; process: ChildProcess }> {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = await this.serve(
      ["--import", "tsx", path.join(root, "apps/verify/src/server.ts")],
      { ...env, VERIFY_PORT: String(port), ...(nextUrl ? { NEXT_URL: nextUrl } : {}) },
      `${url}/health`,
    );
    return { url, process: child };
  }

  /** A bare node:http server: `source` is a module body that defines `handler(req, res)`. */
  async bare(source: string): Promise<{ url: string; process: ChildProcess }> {
    const port = await freePort();
    const child = await this.serve(
      ["-e", `${source}\nrequire("node:http").createServer(handler).listen(${port}, "127.0.0.1")`],
      {},
      `http://127.0.0.1:${port}/`,
    );
    return { url: `http://127.0.0.1:${port}`, process: child };
  }

  async stop(): Promise<void> {
    for (const c of this.children) c.kill("SIGTERM");
    await sleep(500);
  }
}

/** Resident memory of a process, MiB. */
export const rssMiB = async (pid: number) =>
  Number((await readFile(`/proc/${pid}/status`, "utf8")).match(/VmRSS:\s+(\d+)/)![1]) / 1024;

/** Waits until the lean service at `url` has a batch in its replica and nothing waiting to load. */
export async function replicaLoaded(url: string): Promise<void> {
  for (;;) {
    const { replica } = (await (await fetch(`${url}/health`)).json()) as {
      replica: { batches: number; waiting: number };
    };
    if (replica.batches > 0 && replica.waiting === 0) return;
    await sleep(100);
  }
}
