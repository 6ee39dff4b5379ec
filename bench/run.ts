/**
 * `npm run bench`: every benchmark, one after the other (never in parallel: they would measure each
 * other), then one table and bench/results.json, and the table written into BENCHMARKS.md.
 * Each benchmark writes its rows to bench/results/<name>.json (bench/suite/results.ts); a benchmark
 * that fails is reported and the suite goes on, so one broken part does not hide the others.
 *
 * Options: BENCH_ONLY=gas,codes-batch (comma-separated step names) runs a subset and merges it into
 * the previous results; BENCH_SOAK_SECONDS (default 600) bounds the soak.
 */
import { spawnSync } from "node:child_process";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { RESULTS_DIR, type ResultRow } from "./suite/results.js";

const root = path.join(import.meta.dirname, "..");
const tsx = [process.execPath, "--import", "tsx"];

const STEPS: { name: string; command: string[]; results: string[] }[] = [
  { name: "gas", command: ["npx", "hardhat", "run", "bench/gas.ts"], results: ["gas"] },
  { name: "codes-batch", command: [...tsx, "bench/codes/batch.ts"], results: ["codes-batch"] },
  { name: "codes-labels", command: [...tsx, "bench/codes/labels.ts"], results: ["codes-labels"] },
  { name: "codes-verify", command: [...tsx, "bench/codes/verify.ts"], results: ["codes-verify"] },
  { name: "indexer", command: [...tsx, "bench/indexer.ts", "20000"], results: ["indexer"] },
  { name: "epcis", command: [...tsx, "bench/epcis.ts", "10000"], results: ["epcis"] },
  // EPCIS capture's ledger writes go through the web app's writer: its path aliases.
  {
    name: "epcis-writes",
    command: ["env", "TSX_TSCONFIG_PATH=apps/web/tsconfig.json", ...tsx, "apps/web/bench/epcisWrites.ts", "300"],
    results: ["epcis-writes"],
  },
  // Verification, the pack page, provenance and the soak on the production database (PostgreSQL)...
  {
    name: "verify-postgres",
    command: ["env", "BENCH_DB=postgres", ...tsx, "bench/verify.ts"],
    results: ["verify-postgres"],
  },
  // ...and on the embedded default, without a second soak.
  {
    name: "verify-embedded",
    command: ["env", "BENCH_SOAK_SECONDS=0", ...tsx, "bench/verify.ts"],
    results: ["verify-embedded"],
  },
  // The consumer's scan: the pages on a slow phone, and the QR landing at 50 connections.
  { name: "consumer", command: [...tsx, "bench/consumer.ts"], results: ["consumer"] },
  // A passkey member's write (signed intent, relayed) beside a wallet's, click to confirmed in Chromium.
  { name: "passkey", command: [...tsx, "bench/passkey.ts"], results: ["passkey"] },
];

const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const steps = only ? STEPS.filter((s) => only.includes(s.name)) : STEPS;
if (!only) await rm(RESULTS_DIR, { recursive: true, force: true });

const failed: string[] = [];
const started = Date.now();
for (const step of steps) {
  console.log(`\n=== bench: ${step.name}`);
  const t = Date.now();
  const r = spawnSync(step.command[0]!, step.command.slice(1), { cwd: root, stdio: "inherit", env: process.env });
  console.log(`=== ${step.name}: ${r.status === 0 ? "done" : "FAILED"} in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  if (r.status !== 0) failed.push(step.name);
}

const readRows = async (file: string) => JSON.parse(await readFile(file, "utf8")) as ResultRow[];
const measured: ResultRow[] = [];
// A full run reads every step's file; a subset reads the files of the steps it ran, since the others in
// bench/results may be older than the committed results.json (or absent on a fresh checkout).
const files = only
  ? steps.flatMap((s) => s.results.map((r) => `${r}.json`))
  : (await readdir(RESULTS_DIR).catch(() => [])).filter((f) => f.endsWith(".json")).sort();
for (const file of files) measured.push(...(await readRows(path.join(RESULTS_DIR, file)).catch(() => [])));
const resultsFile = path.join(root, "bench", "results.json");
// A subset replaces the rows it measured (by name) and keeps every other row of the previous results.
const rows = only ? mergeRows(await readRows(resultsFile).catch(() => []), measured) : measured;
await writeFile(resultsFile, JSON.stringify(rows, null, 2) + "\n");

const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? "cpu"}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const cell = (x: string | number) => String(x).replace(/\|/g, "\\|");
const table = [
  `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine}` +
    (only ? ` (steps ${steps.map((x) => x.name).join(", ")}; the other rows are from earlier runs).` : "."),
  "",
  "| benchmark | value | unit | baseline (same run) | baseline value | ratio |",
  "| --- | ---: | --- | --- | ---: | ---: |",
  ...rows.map(
    (r) =>
      `| ${cell(r.name)} | ${r.value.toLocaleString("en")} | ${r.unit} | ${cell(r.baseline)} | ${r.baseline_value.toLocaleString("en")} | ${r.ratio} |`,
  ),
].join("\n");
const doc = path.join(root, "BENCHMARKS.md");
const text = await readFile(doc, "utf8").catch(() => "");
const begin = "<!-- bench:table:begin -->";
const end = "<!-- bench:table:end -->";
if (text.includes(begin) && text.includes(end)) {
  await writeFile(
    doc,
    `${text.slice(0, text.indexOf(begin) + begin.length)}\n${table}\n${text.slice(text.indexOf(end))}`,
  );
}
console.log(`\n${table}\n`);
console.log(
  `bench: ${rows.length} figures in bench/results.json (${((Date.now() - started) / 60_000).toFixed(1)} min)` +
    (failed.length ? `; FAILED: ${failed.join(", ")}` : ""),
);
process.exit(failed.length ? 1 : 0);

/** `previous` with each row `fresh` measured again replaced in place, then the rows `fresh` adds. */
function mergeRows(previous: ResultRow[], fresh: ResultRow[]): ResultRow[] {
  const byName = new Map(fresh.map((r) => [r.name, r]));
  const merged = previous.map((r) => byName.get(r.name) ?? r);
  const kept = new Set(merged.map((r) => r.name));
  return [...merged, ...fresh.filter((r) => !kept.has(r.name))];
}
