import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isDomainError } from "@tracemed/errors";
import { queryDocument, queryEvents, readEventQuery } from "./query";
import { schemaProblems } from "./schema";
import { CASE_SSCC, GTIN, journeyDocument, sgtin } from "./testing/document";

const events = journeyDocument().epcisBody.eventList;
const steps = (params: Record<string, string>) =>
  queryEvents(events, readEventQuery(params)).events.map((e) => e.bizStep);

describe("EPCIS query basics", () => {
  it("filtersByTypeStepActionAndTime", () => {
    assert.deepEqual(steps({}), ["commissioning", "packing", "shipping", "receiving"]);
    assert.deepEqual(steps({ eventType: "AggregationEvent" }), ["packing"]);
    assert.deepEqual(steps({ EQ_bizStep: "shipping|receiving" }), ["shipping", "receiving"]);
    assert.deepEqual(steps({ EQ_bizStep: "urn:epcglobal:cbv:bizstep:shipping" }), ["shipping"]);
    assert.deepEqual(steps({ EQ_action: "ADD" }), ["commissioning", "packing"]);
    assert.deepEqual(steps({ GE_eventTime: "2026-12-05T08:10:00Z", LT_eventTime: "2026-12-05T08:40:00Z" }), [
      "packing",
      "shipping",
    ]);
  });

  it("matchesIdentifiersInAnyForm", () => {
    assert.deepEqual(steps({ MATCH_epc: "urn:epc:id:sgtin:9506000.013435.S2" }), ["commissioning", "packing"]);
    assert.deepEqual(steps({ MATCH_parentID: `https://example.org/00/${CASE_SSCC}` }), ["packing"]);
    assert.deepEqual(steps({ MATCH_anyEPC: `https://id.gs1.org/00/${CASE_SSCC}` }), [
      "packing",
      "shipping",
      "receiving",
    ]);
    assert.deepEqual(steps({ MATCH_epc: sgtin("S9") }), []);
    // a pattern for every pack of the GTIN; a lot's class is not a pack of it
    assert.deepEqual(steps({ MATCH_epc: "urn:epc:idpat:sgtin:9506000.013435.*" }), ["commissioning", "packing"]);
    assert.deepEqual(steps({ MATCH_anyEPC: `https://id.gs1.org/01/${GTIN}/10/LOT1` }), ["shipping"]);
    assert.deepEqual(steps({ MATCH_epc: `https://id.gs1.org/01/${GTIN}/10/LOT1` }), []);
  });

  it("pagesWithPerPageAndNextPageToken", () => {
    const first = queryEvents(events, readEventQuery({ perPage: "3" }));
    assert.equal(first.events.length, 3);
    assert.ok(first.nextPageToken);
    const second = queryEvents(events, readEventQuery({ perPage: "3", nextPageToken: first.nextPageToken }));
    assert.deepEqual(
      second.events.map((e) => e.bizStep),
      ["receiving"],
    );
    assert.equal(second.nextPageToken, null);
  });

  it("refusesUnknownParametersAndBadValues_namingThem", () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ EQ_bizstep: "shipping" }, /Unknown query parameter "EQ_bizstep"/],
      [{ eventType: "Event" }, /eventType must be/],
      [{ GE_eventTime: "yesterday" }, /GE_eventTime/],
      [{ perPage: "0" }, /perPage/],
      [{ nextPageToken: "forged" }, /nextPageToken/],
      [{ EQ_action: "MOVE" }, /EQ_action/],
    ];
    for (const [params, message] of cases) {
      assert.throws(
        () => readEventQuery(params),
        (e) => isDomainError(e, "EpcisQueryParameter") && message.test(e.message),
      );
    }
  });

  it("answersAQueryDocumentTheSchemaAccepts", () => {
    assert.deepEqual(schemaProblems(queryDocument(events)), []);
  });
});
