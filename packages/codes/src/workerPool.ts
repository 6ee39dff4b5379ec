import type { KeyObject } from "node:crypto";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { CodesError } from "./errors";

/** What each worker receives once: the shared buffers it writes into. */
export interface WorkerInit {
  n: number;
  nodes: SharedArrayBuffer;
  commitments: SharedArrayBuffer;
  batch?: {
    serialLength: number;
    batchId: Uint8Array;
    key: KeyObject;
    serialValues: SharedArrayBuffer;
    serialChars: SharedArrayBuffer;
    /** imported serials' lengths (absent: generated serials) */
    serialLengths?: SharedArrayBuffer;
    pins: SharedArrayBuffer;
  };
}

/** A half-open range [from, to) of packs (packs, leaves) or internal nodes (nodes). */
export interface WorkerTask {
  kind: "packs" | "leaves" | "nodes";
  from: number;
  to: number;
}

type Reply = { ready: true } | { done: true } | { error: string };

/** Below this many items a range is not worth a round trip to the workers. */
const MIN_PARALLEL = 4096;

/** How many worker threads to use by default: one per core, at most 2 (the machines' size). */
export function defaultWorkerCount(items: number): number {
  return items < 50_000 ? 0 : Math.min(2, availableParallelism());
}

/**
 * A few worker threads that share the batch's buffers and fill ranges of them. Node-only.
 * When this package runs from TypeScript sources (tsx), the worker gets the same loader.
 */
export class WorkerPool {
  private constructor(private readonly workers: Worker[]) {}

  static async start(count: number, init: WorkerInit): Promise<WorkerPool> {
    // No threads, no worker file to locate (a bundled server, e.g. Next, has no import.meta.resolve).
    if (count === 0) return new WorkerPool([]);
    const url = new URL("./hashWorker.ts", import.meta.url);
    const execArgv = [...process.execArgv];
    if (url.pathname.endsWith(".ts") && !execArgv.some((a) => a.includes("tsx")))
      execArgv.push("--import", import.meta.resolve("tsx"));
    const workers = Array.from({ length: count }, () => new Worker(url, { execArgv }));
    const pool = new WorkerPool(workers);
    try {
      await Promise.all(workers.map((w) => pool.send(w, { init })));
    } catch (e) {
      await pool.close();
      throw e;
    }
    return pool;
  }

  private send(worker: Worker, msg: { init: WorkerInit } | { task: WorkerTask }): Promise<void> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: Reply) => {
        cleanup();
        if ("error" in reply) reject(new CodesError("invalid-argument", `worker failed: ${reply.error}`));
        else resolve();
      };
      const onError = (e: Error) => {
        cleanup();
        reject(e);
      };
      const cleanup = () => {
        worker.off("message", onMessage);
        worker.off("error", onError);
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.postMessage(msg);
    });
  }

  /** Splits [from, to) evenly over the workers (or runs `local` for a small range) and waits. */
  async run(
    kind: WorkerTask["kind"],
    from: number,
    to: number,
    local: (from: number, to: number) => void,
  ): Promise<void> {
    const total = to - from;
    if (total <= 0) return;
    if (total < MIN_PARALLEL || this.workers.length === 0) {
      local(from, to);
      return;
    }
    const parts = this.workers.length;
    await Promise.all(
      this.workers.map((w, p) => {
        const a = from + Math.floor((total * p) / parts);
        const b = from + Math.floor((total * (p + 1)) / parts);
        return this.send(w, { task: { kind, from: a, to: b } });
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
