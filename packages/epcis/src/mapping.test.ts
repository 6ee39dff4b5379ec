import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planOf } from "./mapping";
import { CASE_SSCC, DISTRIBUTOR_GLN, GTIN, journeyDocument } from "./testing/document";

const [commissioning, packing, shipping, receiving] = journeyDocument().epcisBody.eventList as Record<
  string,
  unknown
>[];

describe("planOf: EPCIS event -> ledger write", () => {
  it("mapsTheJourneyOfTheOfficialExamplesShape", () => {
    assert.deepEqual(planOf(commissioning!), {
      kind: "commission",
      gtin: GTIN,
      lot: "LOT1",
      expiry: "2028-12-31",
      serials: ["S1", "S2", "S3"],
    });
    assert.deepEqual(planOf(packing!), {
      kind: "pack",
      sscc: CASE_SSCC,
      packs: ["S1", "S2", "S3"].map((serial) => ({ gtin: GTIN, serial })),
      children: [],
    });
    assert.deepEqual(planOf(shipping!), {
      kind: "ship",
      toGln: DISTRIBUTOR_GLN,
      ssccs: [CASE_SSCC],
      packs: [],
      lots: [{ gtin: GTIN, lot: "LOT1", quantity: 3 }],
    });
    // written with the EPC URN of the same SSCC
    assert.deepEqual(planOf(receiving!), { kind: "receive", ssccs: [CASE_SSCC] });
  });

  it("acceptsEpcUrisAndPglnUrns", () => {
    const plan = planOf({
      type: "ObjectEvent",
      action: "OBSERVE",
      bizStep: "https://ref.gs1.org/cbv/BizStep-shipping",
      quantityList: [{ epcClass: "urn:epc:class:lgtin:9506000.013435.LOT1", quantity: 20 }],
      destinationList: [
        { type: "urn:epcglobal:cbv:sdt:possessing_party", destination: "urn:epc:id:pgln:9506000.00002" },
      ],
    });
    assert.deepEqual(plan, {
      kind: "ship",
      toGln: DISTRIBUTOR_GLN,
      ssccs: [],
      packs: [],
      lots: [{ gtin: GTIN, lot: "LOT1", quantity: 20 }],
    });
  });

  it("mapsUnpackDispenseAndDestroy", () => {
    assert.deepEqual(planOf({ ...packing!, action: "DELETE", bizStep: "unpacking" }), {
      kind: "unpack",
      sscc: CASE_SSCC,
    });
    for (const step of ["dispensing", "retail_selling"]) {
      assert.equal(planOf({ ...commissioning!, action: "OBSERVE", bizStep: step }).kind, "dispense");
    }
    assert.equal(planOf({ ...commissioning!, action: "DELETE", bizStep: "decommissioning" }).kind, "dispense");
    assert.deepEqual(
      planOf({
        type: "ObjectEvent",
        action: "OBSERVE",
        bizStep: "destroying",
        disposition: "damaged",
        epcList: [commissioning!.epcList as string[]][0]!.slice(0, 1),
      }),
      { kind: "destroy", packs: [{ gtin: GTIN, serial: "S1" }], lots: [], reason: "damaged" },
    );
  });

  it("refusesWhatTheLedgerCannotTake_withASentence", () => {
    const cases: Record<string, unknown>[] = [
      { ...commissioning!, ilmd: {} },
      { ...shipping!, destinationList: [] },
      { ...packing!, parentID: `https://id.gs1.org/01/${GTIN}/21/S9` },
      {
        ...commissioning!,
        epcList: [`https://id.gs1.org/01/${GTIN}/21/S1`, "https://id.gs1.org/01/09506000134369/21/S2"],
      },
    ];
    for (const e of cases) {
      const plan = planOf(e);
      assert.equal(plan.kind, "unsupported", JSON.stringify(e));
      assert.ok(plan.kind === "unsupported" && plan.message.length > 10);
    }
  });

  it("recordsWhatHasNoLedgerEffect", () => {
    assert.equal(planOf({ type: "ObjectEvent", action: "OBSERVE", bizStep: "inspecting", epcList: [] }).kind, "record");
    assert.equal(planOf({ type: "TransactionEvent", action: "ADD", bizStep: "shipping" }).kind, "record");
  });
});
