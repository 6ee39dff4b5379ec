import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { describe, it } from "node:test";
import { readCaptureDocument } from "./capture";
import { refusal } from "./testing/refusal";
import { eventHash } from "./eventHash";
import { planOf } from "./mapping";
import { schemaProblems } from "./schema";
import { commissioningJsonLd, commissioningXml12 } from "./testing/xml";
import { xmlToJsonLd } from "./xml";

// gs1/EPCIS examples (vectors/gs1-epcis/README.md)
const ROOT = new URL("./vectors/gs1-epcis/", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), "utf8");
const xmlFiles = (dir = "XML"): string[] =>
  readdirSync(new URL(`${dir}/`, ROOT), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? xmlFiles(`${dir}/${e.name}`) : e.name.endsWith(".xml") ? [`${dir}/${e.name}`] : [],
  );
type Doc = { "@context": unknown; epcisBody: { eventList: Record<string, unknown>[] } };
const hashes = (d: Doc) => d.epcisBody.eventList.map((e) => eventHash(e, d["@context"]));

/**
 * Two examples the official JSON schema refuses as GS1 wrote them, whatever the syntax: an AggregationEvent with
 * persistentDisposition (the XSD allows it, the JSON schema only for ObjectEvent) and sensor reports with only an
 * `exception` (the JSON schema requires `type`). Converted faithfully, they are refused at those pointers.
 */
const SCHEMA_DISAGREES: Record<string, RegExp> = {
  "XML/Example-PersistentDisposition.xml": /^\/epcisBody\/eventList\/0$/,
  "XML/WithSensorData/SensorDataExamples.xml": /^\/epcisBody\/eventList\/8\/sensorElementList\/0\/sensorReport\/0$/,
};

/** XML examples and the JSON-LD examples of the same events: [xml event index, JSON-LD file, its event index]. */
const SAME_EVENTS: [string, [number, string, number][]][] = [
  ["XML/Example_9.6.1-ObjectEvent-2020_06_18a.xml", [[0, "JSON/Example_9.6.1-ObjectEvent.jsonld", 0]]],
  ["XML/Example-TransactionEvent-2020_07_03y.xml", [[0, "JSON/Example-TransactionEvents-2020_07_03y.jsonld", 0]]],
  [
    "XML/WithSensorData/SensorDataExamples.xml",
    [1, 2, 3, 5].map((n, i) => [i === 3 ? 4 : i, `JSON/WithSensorData/SensorDataExample${n}.jsonld`, 0]),
  ],
  [
    "XML/AssociationEvent/AssociationEventExamples.xml",
    ["a", "b", "c", "e", "f", "g", "h"].map((x) => [
      "abcdefgh".indexOf(x),
      `JSON/AssociationEvent/AssociationEvent-${x}.jsonld`,
      0,
    ]),
  ],
];

describe("EPCIS XML capture (2.0 and 1.2)", () => {
  it("convertsEveryOfficial2_0XmlExample_toJsonLdTheOfficialSchemaTakes", () => {
    const files = xmlFiles();
    assert.ok(files.length >= 30, `only ${files.length} examples`);
    for (const file of files) {
      const doc = xmlToJsonLd(read(file)) as Doc;
      const problems = schemaProblems(doc);
      const disagrees = SCHEMA_DISAGREES[file];
      if (disagrees)
        assert.ok(
          problems.some((p) => disagrees.test(p.pointer)),
          `${file}: ${JSON.stringify(problems)}`,
        );
      else assert.deepEqual(problems, [], file);
    }
  });

  it("givesTheSameEventHashesAsTheSameEventsInJsonLd", () => {
    let compared = 0;
    for (const [file, pairs] of SAME_EVENTS) {
      const fromXml = hashes(xmlToJsonLd(read(file)) as Doc);
      for (const [i, json, j] of pairs) {
        assert.equal(fromXml[i], hashes(JSON.parse(read(json)) as Doc)[j], `${file} #${i} vs ${json} #${j}`);
        compared++;
      }
    }
    assert.equal(compared, 13);
  });

  it("readsThe2_0Fields_asTheStandardsMappingWritesThem", () => {
    const doc = xmlToJsonLd(read("XML/WithFullCombinationOfFields/object_event_all_possible_fields.xml")) as Doc;
    const e = doc.epcisBody.eventList[0]!;
    assert.equal(e.bizStep, "receiving");
    assert.deepEqual(e.bizTransactionList, [
      { type: "po", bizTransaction: "urn:epc:id:gdti:0614141.00001.1618034" },
      { type: "pedigree", bizTransaction: "urn:epc:id:gsrn:0614141.0000010253" },
    ]);
    assert.deepEqual(e.quantityList, [
      { epcClass: "urn:epc:class:lgtin:4012345.012345.998877", quantity: 200, uom: "KGM" },
    ]);
    assert.deepEqual(e.persistentDisposition, { set: ["completeness_verified"], unset: ["completeness_inferred"] });
    const sensor = (e.sensorElementList as Record<string, unknown>[])[0]!;
    assert.deepEqual((sensor.sensorReport as Record<string, unknown>[])[0]!.value, 26);
    assert.equal((sensor.sensorMetadata as Record<string, unknown>)["ext1:someFurtherMetadata"], "someText");
    assert.deepEqual(sensor["ext1:object"], {
      "ext2:string": "stringInObject",
      "ext2:array": "11",
      "ext2:object": { "ext3:string": "stringInObjectInObject" },
    });
    assert.ok((doc["@context"] as unknown[]).some((c) => JSON.stringify(c) === '{"ext1":"http://example.com/ext1/"}'));
  });

  it("reads1_2_withItsExtensionWrappers_asTheSameEventsIn2_0", () => {
    const options = { gtin: "09506000134352", lot: "LOT-12", serials: ["S1", "S2"], gln: "9506000000015" };
    const captured = readCaptureDocument(commissioningXml12(options), undefined, "xml");
    const byHand = readCaptureDocument(JSON.stringify(commissioningJsonLd(options)));
    assert.deepEqual(
      captured.events.map((e) => e.eventHash),
      byHand.events.map((e) => e.eventHash),
    );
    const [event] = captured.events;
    assert.equal(event!.eventId, "urn:uuid:6f1a2b3c-0000-4000-8000-000000000012");
    assert.deepEqual(event!.body.ilmd, { "cbvmda:lotNumber": "LOT-12", "cbvmda:itemExpirationDate": "2028-12-31" });
    assert.deepEqual(planOf(event!.body as Parameters<typeof planOf>[0]), {
      kind: "commission",
      gtin: "09506000134352",
      lot: "LOT-12",
      expiry: "2028-12-31",
      serials: ["S1", "S2"],
    });
    // 1.2's TransformationEvent inside the EventList's extension
    const transformation = xmlToJsonLd(read("XML/WithExtension/TransformationEvent.xml")) as Doc;
    assert.equal(transformation.epcisBody.eventList[0]!.type, "TransformationEvent");
  });

  it("refusesWhatIsNotAnEpcisXmlDocument_withASentence", () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"><EPCISBody><EventList>&lol2;</EventList></EPCISBody></epcis:EPCISDocument>`;
    const cases: [string, RegExp][] = [
      ["", /empty/],
      ["   \n", /empty/],
      ["<epcis:EPCISDocument xmlns:epcis='urn:epcglobal:epcis:xsd:2'><EPCISBody>", /not well-formed/],
      ["<epcis:EPCISDocument/>", /not well-formed/],
      ['{"type":"EPCISDocument"}', /not well-formed/],
      ["<EPCISQueryDocument xmlns='urn:epcglobal:epcis-query:xsd:2'/>", /root element must be EPCISDocument/],
      ["<EPCISDocument/>", /root element must be EPCISDocument/],
      [bomb, /DTD or entities/],
      ['<!DOCTYPE x SYSTEM "http://evil.example/x.dtd"><x/>', /DTD or entities/],
      ["<epcis:EPCISDocument xmlns:epcis='urn:epcglobal:epcis:xsd:2'>&xxe;</epcis:EPCISDocument>", /not well-formed/],
      [`${"<a>".repeat(200_000)}${"</a>".repeat(200_000)}`, /nests deeper/],
      [
        "<epcis:EPCISDocument xmlns:epcis='urn:epcglobal:epcis:xsd:1'><EPCISBody><EventList><QuantityEvent/></EventList></EPCISBody></epcis:EPCISDocument>",
        /no QuantityEvent/,
      ],
    ];
    for (const [body, sentence] of cases) {
      const r = refusal(() => readCaptureDocument(body, undefined, "xml"));
      assert.equal(r.code, "EpcisXmlInvalid", body.slice(0, 60));
      assert.match(r.message, sentence, body.slice(0, 60));
    }
    // over the size limit: refused before it is parsed
    const big = refusal(() =>
      readCaptureDocument(
        commissioningXml12({ gtin: "09506000134352", lot: "L", serials: ["1"], gln: "9506000000015" }),
        { maxBytes: 100, maxEvents: 10 },
        "xml",
      ),
    );
    assert.equal(big.code, "BodyTooLarge");
  });
});
