/**
 * Keeps a part of the product running: when its process exits unbidden it is started again after a
 * pause that doubles from `minMs` up to `maxMs`, and falls back to `minMs` once a run lasted `stableMs`.
 * Each restart is said in the log, with how the process ended.
 */
import type { ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

export interface Part {
  process: ChildProcess;
  /** Stops it for good (SIGTERM, then SIGKILL if it lingers). */
  stop(): Promise<void>;
}

/** A child process as a part: stop() sends SIGTERM and waits for the exit (5 s, then SIGKILL). */
export function childPart(child: ChildProcess): Part {
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    process: child,
    async stop() {
      if (exited()) return;
      const done = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([done, sleep(5_000)]);
      if (exited()) return;
      // Still there (a hung step): what it had not written is indexed again from the chain at the next start.
      child.kill("SIGKILL");
      await done;
    },
  };
}

export interface SupervisorOptions {
  minMs?: number;
  maxMs?: number;
  stableMs?: number;
}

export interface Supervised {
  /** The process running now (undefined while it is being restarted). */
  readonly current: Part | undefined;
  readonly restarts: number;
  stop(): Promise<void>;
}

/**
 * Starts `start()` now (its failure is the caller's) and again after every unbidden exit.
 * @param name how the log names the part ("the indexer")
 */
export async function supervise(
  name: string,
  start: () => Promise<Part>,
  log: (line: string) => void,
  options: SupervisorOptions = {},
): Promise<Supervised> {
  const minMs = options.minMs ?? 500;
  const maxMs = options.maxMs ?? 30_000;
  const stableMs = options.stableMs ?? 60_000;
  let delay = minMs;
  let stopped = false;
  let current: Part | undefined;
  let restarts = 0;
  /** A restart under way (it stops the part it starts when a stop came meanwhile). */
  let restarting: Promise<void> | undefined;
  const stopping = new AbortController();

  const watch = (part: Part) => {
    const since = Date.now();
    current = part;
    part.process.once("exit", (code, signal) => {
      if (current === part) current = undefined;
      if (stopped) return;
      if (Date.now() - since >= stableMs) delay = minMs;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      restarting = restart(`the ${name} exited (${how})`).finally(() => (restarting = undefined));
    });
  };

  const restart = async (why: string) => {
    for (;;) {
      log(`${why}; restarting in ${(delay / 1000).toFixed(1)} s`);
      await sleep(delay, undefined, { signal: stopping.signal }).catch(() => undefined);
      delay = Math.min(delay * 2, maxMs);
      if (stopped) return;
      try {
        const part = await start();
        if (stopped) return void (await part.stop());
        restarts++;
        log(`the ${name} is running again`);
        return watch(part);
      } catch (error) {
        why = `the ${name} did not start (${(error as Error).message.split("\n")[0]})`;
      }
    }
  };

  watch(await start());
  return {
    get current() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    async stop() {
      stopped = true;
      stopping.abort();
      // A part being started now is stopped by its restart: wait for that, so that none outlives the stop.
      await restarting;
      await current?.stop();
    },
  };
}
