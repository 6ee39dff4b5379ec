/**
 * EPCIS capture of one 10,000-event document (issue 15): read (size, count), parse, validate against the
 * official schema, hash every event (CBV 2.0) and build the rows a capture job stores, against the same
 * document parsed and validated alone as the baseline, measured in the same run. Target: at most 5 s.
 * The same events as EPCIS 2.0 XML too (read into the same JSON-LD, then alike), against the JSON-LD capture; its
 * events must hash as the JSON-LD's (the same events, whatever the syntax). Storing the rows and the ledger writes
 * are not in the timed part.
 * Run: bash scripts/node.sh node --import tsx bench/epcis.ts [events]
 */
import { randomUUID } from "node:crypto";
import { CAPTURE_LIMITS, eventRows, readCaptureDocument } from "@tracemed/epcis/capture";
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

const esc = (v: unknown) => String(v).replace(/&/g, "&amp;").replace(/</g, "&lt;");
const el = (name: string, body: string, attrs = "") => `<${name}${attrs}>${body}</${name}>`;
const epcs = (list: unknown) => (list as string[]).map((e) => el("epc", esc(e))).join("");

/** One event of the journey as EPCIS 2.0 XML (the elements in the XML schema's order). */
function xmlEvent(e: Record<string, unknown>): string {
  const parts = [el("eventTime", esc(e.eventTime)), el("eventTimeZoneOffset", esc(e.eventTimeZoneOffset))];
  if (e.parentID) parts.push(el("parentID", esc(e.parentID)));
  if (e.epcList) parts.push(el("epcList", epcs(e.epcList)));
  if (e.childEPCs) parts.push(el("childEPCs", epcs(e.childEPCs)));
  parts.push(el("action", esc(e.action)), el("bizStep", esc(e.bizStep)), el("disposition", esc(e.disposition)));
  parts.push(el("readPoint", el("id", esc((e.readPoint as { id: string }).id))));
  const quantities = e.quantityList as { epcClass: string; quantity: number }[] | undefined;
  if (quantities) {
    const items = quantities.map((q) =>
      el("quantityElement", el("epcClass", esc(q.epcClass)) + el("quantity", esc(q.quantity))),
    );
    parts.push(el(e.type === "AggregationEvent" ? "childQuantityList" : "quantityList", items.join("")));
  }
  for (const [list, item] of [
    ["sourceList", "source"],
    ["destinationList", "destination"],
  ] as const) {
    const entries = e[list] as Record<string, string>[] | undefined;
    if (entries) parts.push(el(list, entries.map((x) => el(item, esc(x[item]), ` type="${x.type}"`)).join("")));
  }
  const ilmd = e.ilmd as Record<string, string> | undefined;
  if (ilmd)
    parts.push(
      el(
        "ilmd",
        Object.entries(ilmd)
          .map(([k, v]) => el(k, esc(v)))
          .join(""),
      ),
    );
  return el(String(e.type), parts.join(""));
}

function xmlDocument(json: string): string {
  const doc = JSON.parse(json) as { creationDate: string; epcisBody: { eventList: Record<string, unknown>[] } };
  const events = doc.epcisBody.eventList.map(xmlEvent).join("\n");
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" ` +
    `xmlns:cbvmda="urn:epcglobal:cbv:mda" schemaVersion="2.0" creationDate="${doc.creationDate}">` +
    `<EPCISBody><EventList>\n${events}\n</EventList></EPCISBody></epcis:EPCISDocument>`
  );
}

const text = document(N);
const xml = xmlDocument(text);
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

// The XML's events are the JSON-LD's: the same CBV 2.0 hashes, in the same order.
const hashes = (doc: string, syntax: "json" | "xml") =>
  readCaptureDocument(doc, CAPTURE_LIMITS, syntax).events.map((e) => e.eventHash);
if (hashes(xml, "xml").join() !== hashes(text, "json").join()) throw new Error("the XML's events hash differently");
const fromXml: number[] = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  const { events } = readCaptureDocument(xml, CAPTURE_LIMITS, "xml");
  const rows = eventRows(randomUUID(), "0xbench", events);
  fromXml.push(performance.now() - t);
  if (rows.length !== N) throw new Error(`expected ${N} distinct events from XML, got ${rows.length}`);
}

const captureMs = best(capture);
const xmlMs = best(fromXml);
const baselineMs = best(baseline);
console.log(
  `${N} events, ${(Buffer.byteLength(text) / 1e6).toFixed(1)} MB: capture ${captureMs.toFixed(0)} ms ` +
    `(${Math.round(N / (captureMs / 1000))} events/s), validation alone ${baselineMs.toFixed(0)} ms; ` +
    `as XML (${(Buffer.byteLength(xml) / 1e6).toFixed(1)} MB) ${xmlMs.toFixed(0)} ms`,
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
  row(
    `EPCIS capture of the same ${N} events as EPCIS 2.0 XML: read into JSON-LD + validate + hash + job rows`,
    xmlMs / 1000,
    "s",
    "the same events captured as JSON-LD",
    captureMs / 1000,
  ),
]);
