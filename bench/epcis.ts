/**
 * EPCIS capture of one 10,000-event document (issue 15): read (size, count), parse, validate against the
 * official schema, hash every event (CBV 2.0) and build the rows a capture job stores, against the same
 * document parsed and validated alone as the baseline, measured in the same run. Target: at most 5 s.
 * Storing the rows and the ledger writes are not in the timed part.
 * Run: bash scripts/node.sh node --import tsx bench/epcis.ts [events]
 */
import { randomUUID } from "node:crypto";
import { eventRows, readCaptureDocument } from "@tracemed/epcis/capture";
import { schemaProblems } from "@tracemed/epcis/schema";
import { journeyDocument } from "@tracemed/epcis/testing/document";
import { row, saveResults } from "./suite/results";

const N = Number(process.argv[2] ?? 10_000);

/** N events of the official examples' shape: commissioning, packing, shipping, receiving, repeated per lot. */
function document(count: number) {
  const doc = journeyDocument();
  const list: Record<string, unknown>[] = [];
  for (let lot = 0; list.length < count; lot++) {
    const part = journeyDocument({
      lot: `LOT${lot}`,
      serials: Array.from({ length: 10 }, (_, i) => `S${lot}-${i}`),
      start: new Date(Date.UTC(2026, 0, 1) + lot * 3_600_000),
    });
    list.push(...part.epcisBody.eventList);
  }
  doc.epcisBody.eventList = list.slice(0, count);
  return JSON.stringify(doc);
}

const text = document(N);
const best = (runs: number[]) => Math.min(...runs);

const baseline: number[] = [];
const capture: number[] = [];
for (let i = 0; i < 3; i++) {
  let t = performance.now();
  const problems = schemaProblems(JSON.parse(text));
  baseline.push(performance.now() - t);
  if (problems.length > 0) throw new Error(`benchmark document invalid: ${JSON.stringify(problems)}`);

  t = performance.now();
  const { events } = readCaptureDocument(text);
  const rows = eventRows(randomUUID(), "0xbench", events);
  capture.push(performance.now() - t);
  if (rows.length !== N) throw new Error(`expected ${N} distinct events, got ${rows.length}`);
}

const captureMs = best(capture);
const baselineMs = best(baseline);
console.log(
  `${N} events, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB: capture ${captureMs.toFixed(0)} ms ` +
    `(${Math.round(N / (captureMs / 1000))} events/s), validation alone ${baselineMs.toFixed(0)} ms`,
);
await saveResults("epcis", [
  row(
    `EPCIS capture of one ${N}-event document: validate + hash + job rows (target <= 5 s)`,
    captureMs / 1000,
    "s",
    "the same document parsed and validated alone",
    baselineMs / 1000,
  ),
  row(
    `EPCIS capture rate, ${N}-event document`,
    N / (captureMs / 1000),
    "events/s",
    "validation alone",
    N / (baselineMs / 1000),
  ),
]);
