import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readCaptureDocument } from "./capture";
import { refusal } from "./testing/refusal";
import { journeyDocument } from "./testing/document";

describe("readCaptureDocument", () => {
  it("hashesEveryEvent_andKeepsTheSameEventOnce", () => {
    const doc = journeyDocument();
    const { events, repeated } = readCaptureDocument(JSON.stringify(doc));
    assert.equal(events.length, 4);
    assert.deepEqual(
      events.map((e) => [e.eventType, e.bizStep, e.action]),
      [
        ["ObjectEvent", "commissioning", "ADD"],
        ["AggregationEvent", "packing", "ADD"],
        ["ObjectEvent", "shipping", "OBSERVE"],
        ["ObjectEvent", "receiving", "OBSERVE"],
      ],
    );
    for (const e of events) assert.match(e.eventHash, /^ni:\/\/\/sha-256;[0-9a-f]{64}\?ver=CBV2\.0$/);
    assert.equal(repeated, 0);
    // The shipment again, written with an EPC URI and the web URI of its bizStep: the same event.
    const again = {
      ...doc.epcisBody.eventList[2]!,
      bizStep: "https://ref.gs1.org/cbv/BizStep-shipping",
      epcList: ["urn:epc:id:sscc:9506000.0000000001"],
      eventID: "urn:uuid:x",
    };
    doc.epcisBody.eventList.push(again);
    const second = readCaptureDocument(JSON.stringify(doc));
    assert.equal(second.events.length, 4);
    assert.equal(second.repeated, 1);
  });

  it("refusesADocumentTheSchemaRefuses_namingWhere", () => {
    const doc = journeyDocument();
    (doc.epcisBody.eventList[1] as Record<string, unknown>).action = "PACK";
    const r = refusal(() => readCaptureDocument(JSON.stringify(doc)));
    assert.equal(r.code, "EpcisInvalidDocument");
    assert.match(r.message, /\/epcisBody\/eventList\/1/);
  });

  it("refusesWhatIsNotJsonOrNotADocument", () => {
    assert.equal(refusal(() => readCaptureDocument("<epcis:EPCISDocument/>")).code, "MalformedJson");
    assert.equal(refusal(() => readCaptureDocument('{"type":"ObjectEvent"}')).code, "EpcisInvalidDocument");
  });

  it("refusesOverTheLimits_beforeValidating", () => {
    const doc = journeyDocument();
    const big = JSON.stringify(doc);
    assert.equal(refusal(() => readCaptureDocument(big, { maxBytes: 100, maxEvents: 10 })).code, "BodyTooLarge");
    const r = refusal(() => readCaptureDocument(big, { maxBytes: 1e6, maxEvents: 3 }));
    assert.equal(r.code, "EpcisTooManyEvents");
    assert.match(r.message, /at most 3 events; this one has 4/);
  });
});
