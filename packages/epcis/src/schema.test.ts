import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { schemaProblems } from "./schema";

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`./vectors/${name}.jsonld`, import.meta.url), "utf8")) as Record<string, unknown>;

const valid = {
  "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
  type: "EPCISDocument",
  schemaVersion: "2.0",
  creationDate: "2026-12-05T10:00:00Z",
  epcisBody: {
    eventList: [
      {
        type: "ObjectEvent",
        eventTime: "2026-12-05T10:00:00Z",
        eventTimeZoneOffset: "+00:00",
        epcList: ["https://id.gs1.org/01/09506000134352/21/S1"],
        action: "OBSERVE",
        bizStep: "shipping",
      },
    ],
  },
};

describe("schemaProblems (official EPCIS 2.0 JSON schema)", () => {
  it("acceptsTheOfficialExamplesShape", () => {
    for (const name of ["epcisDocWithSingleEvent", "epcisDocWithShippingAndTransportingEvent"]) {
      assert.deepEqual(schemaProblems(example(name)), [], name);
    }
    assert.deepEqual(schemaProblems(valid), []);
  });

  it("refusesWithJsonPointersToTheFault", () => {
    const event = valid.epcisBody.eventList[0]!;
    const cases: [unknown, string][] = [
      [{ ...valid, schemaVersion: 2 }, "/schemaVersion"],
      [{ ...valid, epcisBody: { eventList: [{ ...event, action: "MOVE" }] } }, "/epcisBody/eventList/0/action"],
      [{ ...valid, epcisBody: { eventList: [{ ...event, eventTime: "yesterday" }] } }, "/epcisBody/eventList/0"],
      [
        { ...valid, epcisBody: { eventList: [{ ...event, bizStep: "urn:epcglobal:cbv:bizstep:ship ping" }] } },
        "/epcisBody/eventList/0",
      ],
    ];
    for (const [doc, pointer] of cases) {
      const problems = schemaProblems(doc);
      assert.ok(problems.length > 0, JSON.stringify(doc));
      assert.ok(
        problems.some((p) => p.pointer.startsWith(pointer)),
        `${pointer} in ${JSON.stringify(problems)}`,
      );
    }
  });

  it("isTheFileOfTheOfficialRepository", (t) => {
    // The copy is byte-exact (schema/SOURCE.md); when the mirror is at hand, compare.
    const mirror = "/work/.mirror/gs1+EPCIS/repo";
    let official: string;
    try {
      official = execFileSync(
        "git",
        ["-C", mirror, "show", "9d3a1fb2a9289634df4942c17317a1ee8f587aa7:EPCIS-JSON-Schema.json"],
        {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "ignore"],
        },
      );
    } catch {
      t.skip("the gs1/EPCIS mirror is not on this machine");
      return;
    }
    assert.equal(readFileSync(new URL("../schema/EPCIS-JSON-Schema.json", import.meta.url), "utf8"), official);
  });
});
