import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { batchEpcisDocument, EPCIS_CONTEXT, eventIdOf, type EpcisDocument, type ObjectEvent } from "./export";
import { DomainError } from "@tracemed/errors";
import { batchProvenance } from "@tracemed/provenance/provenance";
import { GTIN, useNetwork } from "@tracemed/provenance/testing/fixture";
import { schemaProblems } from "./schema";

const ORIGIN = "https://trace.example.org";
const LOT = (lot: string) => `${ORIGIN}/01/${GTIN}/10/${lot}`;
const PACK = (serial: string) => `${ORIGIN}/01/${GTIN}/21/${serial}`;

// CBV 2.0 vocabularies, written bare as EPCIS 2.0 JSON-LD requires.
const BIZ_STEPS = new Set([
  "commissioning",
  "shipping",
  "receiving",
  "void_shipping",
  "dispensing",
  "destroying",
  "holding",
  "decommissioning",
  "packing",
  "unpacking",
]);
const DISPOSITIONS = new Set([
  "active",
  "in_transit",
  "dispensed",
  "recalled",
  "destroyed",
  "expired",
  "returned",
  "stolen",
  "non_sellable_other",
  "unknown",
]);
const PARTY_TYPES = new Set(["owning_party", "possessing_party", "location"]);
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const URI = /^[a-z][a-z0-9+.-]*:[^\s]+$/i;

/** The EPCIS 2.0 rules of DOMAIN.md (and of the official JSON schema), checked one by one. */
function assertValidEpcis(doc: EpcisDocument) {
  assert.deepEqual(schemaProblems(doc), [], "valid against the official EPCIS 2.0 JSON schema");
  assert.deepEqual(doc["@context"], [EPCIS_CONTEXT]);
  assert.equal(doc.type, "EPCISDocument");
  assert.equal(doc.schemaVersion, "2.0");
  assert.equal(typeof doc.schemaVersion, "string");
  assert.match(doc.creationDate, ISO);
  assert.ok(Array.isArray(doc.epcisBody.eventList) && doc.epcisBody.eventList.length > 0);
  const text = JSON.stringify(doc);
  assert.ok(!text.includes("urn:epcglobal:cbv"), "CBV values are bare, never urn:epcglobal:cbv:...");
  const ids = new Set<string>();
  for (const e of doc.epcisBody.eventList) {
    const where = `${e.bizStep ?? e.disposition} at ${e.eventTime}`;
    assert.equal(e.type, "ObjectEvent");
    assert.match(e.eventTime, ISO, where);
    assert.match(e.eventTimeZoneOffset, /^[+-]\d\d:\d\d$/, where);
    assert.match(e.eventID, URI, where);
    assert.ok(!ids.has(e.eventID), `eventID ${e.eventID} is unique`);
    ids.add(e.eventID);
    assert.ok(["ADD", "OBSERVE", "DELETE"].includes(e.action), where);
    assert.ok((e.epcList?.length ?? 0) > 0 || (e.quantityList?.length ?? 0) > 0, `${where}: epcList or quantityList`);
    for (const epc of e.epcList ?? []) assert.match(epc, URI);
    for (const q of e.quantityList ?? []) {
      assert.match(q.epcClass, URI);
      assert.equal(typeof q.quantity, "number");
      assert.ok(Number.isInteger(q.quantity) && q.quantity >= 0);
    }
    if (e.bizStep !== undefined) assert.ok(BIZ_STEPS.has(e.bizStep), `bare CBV bizStep: ${e.bizStep}`);
    if (e.disposition !== undefined)
      assert.ok(DISPOSITIONS.has(e.disposition), `bare CBV disposition: ${e.disposition}`);
    for (const s of e.sourceList ?? []) assert.ok(PARTY_TYPES.has(s.type) && URI.test(s.source));
    for (const d of e.destinationList ?? []) assert.ok(PARTY_TYPES.has(d.type) && URI.test(d.destination));
    for (const b of e.bizTransactionList ?? []) assert.match(b.bizTransaction, URI);
    if (e.readPoint) assert.match(e.readPoint.id, URI);
    if (e.bizLocation) assert.match(e.bizLocation.id, URI);
    // The official schema allows ilmd only on ADD events.
    if (e.ilmd) assert.equal(e.action, "ADD");
  }
}

const n = useNetwork();

const summary = (e: ObjectEvent) => [
  e.action,
  e.bizStep ?? null,
  e.disposition ?? null,
  e.quantityList?.map((q) => [q.epcClass, q.quantity]) ?? null,
  e.epcList ?? null,
];

describe("batchEpcisDocument", () => {
  it("isAValidEpcis2Document_forEveryBatch", async () => {
    for (const id of [n.L1, n.L2, n.L3]) assertValidEpcis(await batchEpcisDocument(n.w.db, id, { origin: ORIGIN }));
  });

  it("mapsEachCustodyStepToItsCbvEvent_inChainOrder", async () => {
    const doc = await batchEpcisDocument(n.w.db, n.L1, { origin: ORIGIN });
    // Table: ledger event -> EPCIS ObjectEvent (the consumer claim of pack 1 is not a custody step).
    assert.deepEqual(doc.epcisBody.eventList.map(summary), [
      ["ADD", "commissioning", "active", [[LOT("L1"), 4]], null],
      ["OBSERVE", "shipping", "in_transit", [[LOT("L1"), 2]], null],
      ["OBSERVE", "receiving", "active", [[LOT("L1"), 2]], null],
      ["OBSERVE", "shipping", "in_transit", [[LOT("L1"), 2]], null],
      ["OBSERVE", "shipping", "in_transit", [[LOT("L1"), 1]], null],
      // the maker's cancellation: requested (the pack still in transit, no CBV step), completed after the notice
      ["OBSERVE", null, "in_transit", [[LOT("L1"), 1]], null],
      ["OBSERVE", "void_shipping", "active", [[LOT("L1"), 1]], null],
      ["OBSERVE", "receiving", "active", [[LOT("L1"), 1]], null],
      // the receipt's shortfall (2 shipped, 1 received), written off at the pharmacy
      ["OBSERVE", "destroying", "unknown", [[LOT("L1"), 1]], null],
      ["OBSERVE", "dispensing", "dispensed", null, [PACK("L1-S0")]],
      // a shipment the pharmacy refused: a receiving step whose pack is returned to the maker
      ["OBSERVE", "shipping", "in_transit", [[LOT("L1"), 1]], null],
      ["OBSERVE", "receiving", "returned", [[LOT("L1"), 1]], null],
    ]);
    const refusal = doc.epcisBody.eventList.at(-1)!;
    assert.deepEqual(
      [refusal.readPoint, refusal.bizLocation],
      [
        { id: `https://id.gs1.org/414/${n.w.orgs.pharmacy.gln}` },
        { id: `https://id.gs1.org/414/${n.w.orgs.maker.gln}` },
      ],
      "refused at the pharmacy, back in the maker's stock",
    );
    const times = doc.epcisBody.eventList.map((e) => Date.parse(e.eventTime));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
  });

  it("namesPartiesAndPlacesByGln_andTransactionsByTheirHash", async () => {
    const { maker, distributor, pharmacy } = n.w.orgs;
    const doc = await batchEpcisDocument(n.w.db, n.L1, { origin: ORIGIN });
    const [commissioning, shipping, receiving] = doc.epcisBody.eventList;
    const dispensing = doc.epcisBody.eventList.find((e) => e.bizStep === "dispensing")!;
    assert.deepEqual(commissioning!.readPoint, { id: `https://id.gs1.org/414/${maker.gln}` });
    assert.deepEqual(commissioning!.ilmd?.["cbvmda:lotNumber"], "L1");
    assert.match(commissioning!.ilmd?.["cbvmda:itemExpirationDate"] ?? "", /^\d{4}-\d\d-\d\d$/);
    assert.deepEqual(shipping!.sourceList, [
      { type: "owning_party", source: `https://id.gs1.org/417/${maker.gln}` },
      { type: "possessing_party", source: `https://id.gs1.org/417/${maker.gln}` },
      { type: "location", source: `https://id.gs1.org/414/${maker.gln}` },
    ]);
    assert.deepEqual(shipping!.destinationList, [
      { type: "owning_party", destination: `https://id.gs1.org/417/${distributor.gln}` },
      { type: "possessing_party", destination: `https://id.gs1.org/417/${distributor.gln}` },
      { type: "location", destination: `https://id.gs1.org/414/${distributor.gln}` },
    ]);
    assert.equal(shipping!.bizLocation, undefined, "in transit: no business location");
    assert.deepEqual(receiving!.bizLocation, { id: `https://id.gs1.org/414/${distributor.gln}` });
    assert.deepEqual(dispensing.bizLocation, { id: `https://id.gs1.org/414/${pharmacy.gln}` });

    const rows = await n.w.db.custodyEvent.findMany({
      where: { batchId: n.L1, eventName: { not: "PacksClaimed" } },
      orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }],
    });
    // One event per ledger event, plus one per receipt with a shortfall, right after it.
    const shortfall = doc.epcisBody.eventList.findIndex((e) => e.disposition === "unknown");
    const ledgerEvents = doc.epcisBody.eventList.filter((_, i) => i !== shortfall);
    assert.deepEqual(doc.epcisBody.eventList[shortfall]!.bizLocation, {
      id: `https://id.gs1.org/414/${pharmacy.gln}`,
    });
    assert.deepEqual(
      doc.epcisBody.eventList[shortfall]!.bizTransactionList,
      doc.epcisBody.eventList[shortfall - 1]!.bizTransactionList,
    );
    assert.equal(rows.length, ledgerEvents.length);
    rows.forEach((row, i) => {
      const e = ledgerEvents[i]!;
      assert.deepEqual(e.bizTransactionList, [{ bizTransaction: `urn:tracemed:eip155:31337:tx:${row.txHash}` }]);
      assert.equal(e.eventID, eventIdOf(row.id));
      assert.equal(e.eventTime, row.occurredAt.toISOString());
      assert.equal(e.eventTimeZoneOffset, "+00:00");
    });
  });

  it("mapsRecallQuarantineReleaseAndWriteOff", async () => {
    const l2 = await batchEpcisDocument(n.w.db, n.L2, { origin: ORIGIN });
    const recall = l2.epcisBody.eventList.at(-1)!;
    assert.deepEqual(summary(recall), ["OBSERVE", null, "recalled", [[LOT("L2"), 4]], null]);

    const l3 = await batchEpcisDocument(n.w.db, n.L3, { origin: ORIGIN });
    // After the lap: destroying 1 at the maker, ship the last pack and ask to cancel, quarantine, release,
    // quarantine. Quarantines hold what is neither dispensed nor written off (4 - 1 dispensed - 2 written off).
    assert.deepEqual(l3.epcisBody.eventList.slice(-6).map(summary), [
      ["OBSERVE", "destroying", "destroyed", [[LOT("L3"), 1]], null],
      ["OBSERVE", "shipping", "in_transit", [[LOT("L3"), 1]], null],
      ["OBSERVE", null, "in_transit", [[LOT("L3"), 1]], null],
      ["OBSERVE", "holding", "non_sellable_other", [[LOT("L3"), 1]], null],
      ["OBSERVE", null, "active", [[LOT("L3"), 1]], null],
      ["OBSERVE", "holding", "non_sellable_other", [[LOT("L3"), 1]], null],
    ]);
    assert.deepEqual(l3.epcisBody.eventList.at(-6)!.bizLocation, {
      id: `https://id.gs1.org/414/${n.w.orgs.maker.gln}`,
    });
  });

  it("accountsForEveryPack_quantitiesByBizStepAddUpToThePackCount", async () => {
    for (const id of [n.L1, n.L2, n.L3]) {
      const doc = await batchEpcisDocument(n.w.db, id, { origin: ORIGIN });
      const count = (e: ObjectEvent) =>
        (e.epcList?.length ?? 0) + (e.quantityList ?? []).reduce((s, q) => s + q.quantity, 0);
      const byStep = new Map<string, number>();
      for (const e of doc.epcisBody.eventList) {
        // An undone dispense has no CBV step: packs active again at the pharmacy (a release has no place).
        const step = e.bizStep ?? (e.readPoint && e.disposition === "active" ? "undo_dispensing" : "none");
        byStep.set(step, (byStep.get(step) ?? 0) + count(e));
      }
      const { totals, batch } = await batchProvenance(n.w.db, id);
      const left = totals.held + totals.inTransit;
      const step = (s: string) => byStep.get(s) ?? 0;
      assert.equal(step("commissioning"), batch.packCount, id);
      assert.equal(step("destroying"), totals.writtenOff, `${id}: every write-off and shortfall is an event`);
      assert.equal(step("dispensing") - step("undo_dispensing"), totals.dispensed, id);
      assert.equal(step("commissioning") - step("destroying") - step("dispensing") + step("undo_dispensing"), left, id);
    }
  });

  it("countsDispensedPacksWhoseSerialIsUnknown_inAQuantityList", async () => {
    await n.w.db.pack.delete({ where: { batchId_leafIndex: { batchId: n.L2, leafIndex: 0 } } });
    try {
      const doc = await batchEpcisDocument(n.w.db, n.L2, { origin: ORIGIN });
      assertValidEpcis(doc);
      const dispensing = doc.epcisBody.eventList.find((e) => e.bizStep === "dispensing")!;
      assert.equal(dispensing.epcList, undefined);
      assert.deepEqual(dispensing.quantityList, [{ epcClass: LOT("L2"), quantity: 1 }]);
    } finally {
      await n.w.db.pack.create({
        data: { batchId: n.L2, leafIndex: 0, serial: "L2-S0", commitment: `0x${"00".repeat(32)}` },
      });
    }
  });

  it("isDeterministic_sameEventIdsOnEveryExport", async () => {
    const a = await batchEpcisDocument(n.w.db, n.L1, { origin: ORIGIN, now: new Date("2026-01-01T00:00:00Z") });
    const b = await batchEpcisDocument(n.w.db, n.L1, { origin: ORIGIN, now: new Date("2026-01-01T00:00:00Z") });
    assert.deepEqual(a, b);
    assert.equal(a.creationDate, "2026-01-01T00:00:00.000Z");
    assert.match(
      eventIdOf("0xabc:1"),
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it("percentEncodesLotsInDigitalLinks", async () => {
    // A lot with a reserved character, registered and indexed like any other.
    const lot = "A/B%1";
    const batchId = await n.w.actAs("maker").read.batchIdOf([BigInt(GTIN), lot]);
    const expires = Number((await n.w.client.getBlock()).timestamp) + 86_400 * 30;
    await n.w.wait(n.w.actAs("maker").write.registerBatch([BigInt(GTIN), lot, expires, 1, `0x${"11".repeat(32)}`]));
    await n.w.sync();
    const doc = await batchEpcisDocument(n.w.db, batchId, { origin: ORIGIN });
    assertValidEpcis(doc);
    assert.equal(doc.epcisBody.eventList[0]!.quantityList![0]!.epcClass, `${ORIGIN}/01/${GTIN}/10/A%2FB%251`);
  });

  it("refusesUnknownBatches_andMalformedIds", async () => {
    const cases: [string, string][] = [
      [`0x${"ab".repeat(32)}`, "BatchNotFound"],
      ["nope", "InvalidBatchId"],
    ];
    for (const [id, code] of cases) {
      await assert.rejects(batchEpcisDocument(n.w.db, id, { origin: ORIGIN }), (e: unknown) => {
        assert.ok(e instanceof DomainError);
        assert.equal(e.code, code);
        return true;
      });
    }
  });

  it("writesIdentifiersOnThePublicOrigin_schemeAndPortIncluded", async () => {
    // A local start's origin: partners must be able to resolve what the document names.
    const doc = await batchEpcisDocument(n.w.db, n.L1, { origin: "http://127.0.0.1:3000" });
    assertValidEpcis(doc);
    const classes = doc.epcisBody.eventList.flatMap((e) => (e.quantityList ?? []).map((q) => q.epcClass));
    assert.ok(classes.length > 0);
    for (const c of classes) assert.match(c, /^http:\/\/127\.0\.0\.1:3000\/01\//);
  });
});
