/**
 * EPCIS capture's ledger writes (issue 15): after a lot's commissioning, one document of N shipping events captured
 * by a system client through POST /epcis/capture on a real anvil and embedded database, timed from the 202 to the job's
 * end (events written per second), batched as the writer does (multicall of up to 50 calls, each event simulated
 * with the batch before it) against the same capture sent one transaction per event, in the same run.
 * Run (the web app's path aliases): TSX_TSCONFIG_PATH=apps/web/tsconfig.json \
 *   bash scripts/node.sh node --import tsx apps/web/bench/epcisWrites.ts [events]
 */
import { buildSscc, withCheckDigit } from "@tracemed/codes";
import { epcisDocument, journeyDocument } from "@tracemed/epcis/testing/document";
import { schemaProblems } from "@tracemed/epcis/schema";
import { startEpcisWorld } from "@/lib/epcis/testing";
import { row, saveResults } from "../../../bench/suite/results";

const N = Number(process.argv[2] ?? 300);
const gtin = withCheckDigit("0690123456001");
const e = await startEpcisWorld("bench-epcis", gtin);
const { world } = e;
const makerGln = world.ledger.orgs.maker.gln;
const distributorGln = world.ledger.orgs.distributor.gln;

/** A lot of N packs commissioned (its own capture, not timed), then N shipments of one pack each to the distributor. */
async function shipments(lot: string, firstSscc: number) {
  const serials = Array.from({ length: N }, (_, i) => `${lot}-${i}`);
  const [commissioning, , shipping] = journeyDocument({ gtin, lot, serials, makerGln, distributorGln }).epcisBody
    .eventList;
  await capture(epcisDocument([commissioning!]), 1);
  const t0 = Date.parse(String(shipping!.eventTime));
  return epcisDocument(
    serials.map((_, i) => ({
      ...shipping,
      eventTime: new Date(t0 + i * 1000).toISOString(),
      epcList: [`https://id.gs1.org/00/${buildSscc(makerGln, firstSscc + i)}`],
      quantityList: [{ epcClass: `https://id.gs1.org/01/${gtin}/10/${lot}`, quantity: 1 }],
    })),
  );
}

/** Captures `doc` and waits for its job; events written per second from the request to the job's end. */
async function capture(doc: unknown, events: number): Promise<number> {
  const t = performance.now();
  const res = await e.capture("maker", doc);
  if (res.status !== 202) throw new Error(JSON.stringify(res.body));
  const job = await e.finished("maker", res.body.captureID, 600_000);
  const seconds = (performance.now() - t) / 1000;
  if (job.events.written !== events)
    throw new Error(`written ${job.events.written} of ${events}: ${JSON.stringify(job)}`);
  return events / seconds;
}

const run = async (lot: string, firstSscc: number) => capture(await shipments(lot, firstSscc), N);

/**
 * The 202 of one 10,000-event document through the route: read, validated, hashed and stored as a job (PGlite), its
 * writes queued; against the same document validated alone.
 */
async function captureTo202(events: number) {
  const doc = epcisDocument(
    Array.from({ length: events }, (_, i) => ({
      type: "ObjectEvent",
      eventTime: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      eventTimeZoneOffset: "+00:00",
      epcList: [`https://id.gs1.org/01/${gtin}/21/OBS-${i}`],
      action: "OBSERVE",
      bizStep: "inspecting",
    })),
  );
  const text = JSON.stringify(doc);
  let t = performance.now();
  if (schemaProblems(JSON.parse(text)).length > 0) throw new Error("invalid benchmark document");
  const alone = (performance.now() - t) / 1000;
  t = performance.now();
  const res = await e.capture("maker", text);
  const seconds = (performance.now() - t) / 1000;
  if (res.status !== 202) throw new Error(JSON.stringify(res.body));
  await e.finished("maker", res.body.captureID, 600_000);
  return { seconds, alone };
}

try {
  const stored = await captureTo202(10_000);
  console.log(
    `10,000 events to 202 (stored): ${stored.seconds.toFixed(2)} s, validation alone ${stored.alone.toFixed(2)} s`,
  );
  const batched = await run("BENCH-B", 1);
  e.configureCaptureWriter({ maxCallsPerTx: 1 });
  const alone = await run("BENCH-A", 100_000);
  console.log(
    `${N} shipping events: batched ${batched.toFixed(1)} events/s, one transaction each ${alone.toFixed(1)} events/s`,
  );
  await saveResults("epcis-writes", [
    row(
      "EPCIS POST /epcis/capture of one 10,000-event document to its 202 (validated, hashed, stored; target <= 5 s)",
      stored.seconds,
      "s",
      "the same document parsed and validated alone",
      stored.alone,
    ),
    row(
      `EPCIS capture ledger writes, ${N} shipping events (multicall of up to 50, each simulated)`,
      batched,
      "events/s",
      "the same capture, one transaction per event",
      alone,
    ),
  ]);
} finally {
  await world.stop();
}
