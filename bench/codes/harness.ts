/**
 * Runs each benchmark scenario in its own Node process (same loader), so that the peak memory it
 * reports (maxRSS) is that scenario's alone.
 */
import { spawnSync } from "node:child_process";

export interface Measurement {
  ms: number;
  maxRssMiB: number;
  [extra: string]: number | string;
}

/** In the child: run `fn`, print its timing and peak RSS as JSON. */
export async function child(
  scenarios: Record<string, () => Promise<Record<string, number | string> | void>>,
): Promise<boolean> {
  const name = process.env.BENCH_SCENARIO;
  if (!name) return false;
  const fn = scenarios[name];
  if (!fn) throw new Error(`unknown scenario ${name}`);
  const t = performance.now();
  const extra = (await fn()) ?? {};
  const ms = performance.now() - t;
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, maxRssMiB, ...extra }) + "\n");
  return true;
}

/** In the parent: run one scenario in a fresh process. */
export function run(script: string, name: string): Measurement {
  const r = spawnSync(process.execPath, [...process.execArgv, script], {
    env: { ...process.env, BENCH_SCENARIO: name },
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`${name} failed:\n${r.stderr}`);
  const last = r.stdout.trim().split("\n").pop()!;
  return JSON.parse(last) as Measurement;
}

export const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
