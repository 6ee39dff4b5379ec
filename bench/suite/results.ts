/**
 * The benchmark suite's one result format: every figure beside a baseline measured in the same run
 * on the same machine. Each benchmark script writes its rows to bench/results/<bench>.json;
 * `npm run bench` (bench/run.ts) merges them into bench/results.json.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export interface ResultRow {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baseline_value: number;
  /** value / baseline_value */
  ratio: number;
}

export const RESULTS_DIR = path.join(import.meta.dirname, "..", "results");

export function row(name: string, value: number, unit: string, baseline: string, baselineValue: number): ResultRow {
  const round = (x: number) => (Math.abs(x) >= 100 ? Math.round(x) : Math.round(x * 1000) / 1000);
  return {
    name,
    value: round(value),
    unit,
    baseline,
    baseline_value: round(baselineValue),
    ratio: baselineValue === 0 ? 0 : Number((value / baselineValue).toPrecision(4)),
  };
}

/** Writes one benchmark's rows (and prints them) for the suite runner to collect. */
export async function saveResults(bench: string, rows: ResultRow[]): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(path.join(RESULTS_DIR, `${bench}.json`), JSON.stringify(rows, null, 2) + "\n");
  console.table(rows.map((r) => ({ ...r, name: r.name.slice(0, 70) })));
}
