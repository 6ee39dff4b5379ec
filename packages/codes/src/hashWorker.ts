/**
 * Worker-thread entry of batch generation and tree building: receives shared buffers once, then
 * ranges to fill. Node-only; started by workerPool.ts.
 */
import type { KeyObject } from "node:crypto";
import { parentPort } from "node:worker_threads";
import { fillPacks, type BatchKernelContext } from "./batchKernel";
import { loadFastKeccak } from "./fastKeccak";
import type { Keccak256 } from "./keccak";
import { hashLeaves, hashNodes } from "./treeLayout";
import type { WorkerInit, WorkerTask } from "./workerPool";

if (!parentPort) throw new Error("hashWorker.ts runs in a worker thread");
const port = parentPort;
let hash: Keccak256 | undefined;
let init: WorkerInit | undefined;
let batch: BatchKernelContext | undefined;
let nodes: Uint8Array | undefined;
let commitments: Uint8Array | undefined;

port.on("message", (msg: { init: WorkerInit } | { task: WorkerTask }) => {
  void (async () => {
    try {
      if ("init" in msg) {
        init = msg.init;
        hash = await loadFastKeccak();
        nodes = new Uint8Array(init.nodes);
        commitments = new Uint8Array(init.commitments);
        if (init.batch) {
          batch = {
            n: init.n,
            serialLength: init.batch.serialLength,
            batchId: new Uint8Array(init.batch.batchId),
            key: init.batch.key as KeyObject,
            hash,
            buffers: {
              serialValues: new BigUint64Array(init.batch.serialValues),
              serialChars: new Uint8Array(init.batch.serialChars),
              ...(init.batch.serialLengths ? { serialLengths: new Uint8Array(init.batch.serialLengths) } : {}),
              pins: new Uint8Array(init.batch.pins),
              commitments,
              nodes,
            },
          };
        }
        port.postMessage({ ready: true });
        return;
      }
      const t = msg.task;
      if (t.kind === "packs") fillPacks(batch!, t.from, t.to);
      else if (t.kind === "leaves") hashLeaves(nodes!, commitments!, init!.n, t.from, t.to, hash!);
      else hashNodes(nodes!, t.from, t.to - 1, hash!);
      port.postMessage({ done: true });
    } catch (e) {
      port.postMessage({ error: e instanceof Error ? e.message : String(e) });
    }
  })();
});
