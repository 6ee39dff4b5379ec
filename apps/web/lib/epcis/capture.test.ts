/**
 * EPCIS 2.0 capture and query as Next.js calls the routes, on a real ledger (anvil), cases-and-pallets contract
 * and embedded database: a manufacturer's system client captures a document shaped like the official examples
 * (commissioning with its packaging line's serials, packing, shipping, plus what the ledger refuses and what it only
 * records), the distributor's captures the receipt; the effects are on the ledger and in provenance, the query
 * answers them, the export validates, and the same document again records nothing new.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { logisticUnitsAbi } from "@tracemed/chain";
import { buildSscc, withCheckDigit } from "@tracemed/codes";
import { readCaptureDocument } from "@tracemed/epcis/capture";
import { batchEpcisDocument } from "@tracemed/epcis/export";
import { epcisDocument, journeyDocument, sgtin } from "@tracemed/epcis/testing/document";
import { schemaProblems } from "@tracemed/epcis/schema";
import { callRoute } from "@/lib/testing/appRoutes";
import { startEpcisWorld, type JobView, type Who } from "./testing";

const partyLink = (gln: string) => `https://id.gs1.org/417/${gln}`;
const at = (minutes: number) => ({
  eventTime: new Date(Date.UTC(2026, 11, 5, 8, minutes)).toISOString(),
  eventTimeZoneOffset: "+00:00",
});
/** An OBSERVE ObjectEvent at 08:00 + `minutes` on 2026-12-05. */
const observe = (minutes: number, bizStep: string, what: Record<string, unknown>) => ({
  type: "ObjectEvent",
  ...at(minutes),
  action: "OBSERVE",
  bizStep,
  ...what,
});

/** An EPCIS query document as the routes answer it (the parts the tests read). */
interface QueryAnswer {
  epcisBody: { queryResults: { queryName: string; resultsBody: { eventList: Record<string, unknown>[] } } };
  error?: { code: string; message: string };
}

describe("EPCIS 2.0 capture and query (REST binding)", () => {
  let epcis: Awaited<ReturnType<typeof startEpcisWorld>>;
  let world: Awaited<ReturnType<typeof startEpcisWorld>>["world"];
  let units: `0x${string}`;
  const gtin = withCheckDigit("0690123456001");
  const lot = `E${randomBytes(2).toString("hex").toUpperCase()}`;
  // the packaging line serialises the lot's 6 packs itself
  const serials = Array.from({ length: 6 }, (_, i) => `LINE-${lot}-${i + 1}`);
  let caseSscc: string;
  let makerGln: string;
  let distributorGln: string;

  before(async () => {
    epcis = await startEpcisWorld("epcis", gtin);
    ({ world, units } = epcis);
    makerGln = world.ledger.orgs.maker.gln;
    distributorGln = world.ledger.orgs.distributor.gln;
    caseSscc = buildSscc(makerGln, 4711);
  });
  after(async () => world?.stop());

  const bearer = (who: Who) => epcis.bearer(who);
  const capture = (...args: Parameters<typeof epcis.capture>) => epcis.capture(...args);
  const finished = (who: Who, captureID: string) => epcis.finished(who, captureID);
  const query = async (who: Who, params: Record<string, string>) => {
    const url = `http://127.0.0.1:3100/epcis/events?${new URLSearchParams(params)}`;
    const res = await callRoute("epcis/events", "GET", { url, headers: bearer(who) });
    return { status: res.status, link: res.headers.get("link"), body: (await res.json()) as QueryAnswer };
  };

  /** The official examples' journey (commissioning, packing, shipping, receiving) of `count` of the lot's packs. */
  const journey = (count: number) =>
    journeyDocument({
      gtin,
      lot,
      serials: serials.slice(0, count),
      makerGln,
      distributorGln,
      caseSscc,
      start: new Date(Date.UTC(2026, 11, 5, 8, 0)),
    }).epcisBody.eventList;
  /** The maker's part of the journey, and what the ledger refuses or only records. */
  const makerDocument = () => {
    const [commissioning] = journey(6);
    const [, packing, shipping] = journey(4);
    // the case shipped by its SSCC alone: what it holds is what was packed into it
    const { quantityList: _contents, ...caseOnly } = shipping!;
    return epcisDocument([
      // the lot's 6 packs commissioned with the line's serials, 4 of them packed into a case and shipped
      commissioning!,
      packing!,
      caseOnly,
      // more than the maker holds: the ledger refuses it, alone
      observe(25, "shipping", {
        quantityList: [{ epcClass: `https://id.gs1.org/01/${gtin}/10/${lot}`, quantity: 500 }],
        destinationList: [{ type: "owning_party", destination: partyLink(distributorGln) }],
      }),
      // an inspection at the dock: recorded, nothing for the ledger
      observe(30, "inspecting", { epcList: [sgtin(serials[5]!, gtin)] }),
      // a product that is not the maker's: nothing to register
      {
        ...commissioning!,
        epcList: [sgtin("X1", withCheckDigit("0690123456002"))],
        ilmd: { "cbvmda:lotNumber": "X1", "cbvmda:itemExpirationDate": "2028-12-31" },
      },
    ]);
  };

  it("capturesADocument_writesWhatTheLedgerTakes_andRefusesTheRestPerEvent", async () => {
    const res = await capture("maker", makerDocument());
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.equal(res.location, `/epcis/capture/${res.body.captureID}`);
    const jobs = await callRoute("epcis/capture", "GET", { headers: bearer("maker") });
    assert.deepEqual(
      ((await jobs.json()) as { captureID: string }[]).map((j) => j.captureID),
      [res.body.captureID],
      "the organisation's jobs",
    );
    const first = await finished("maker", res.body.captureID);
    assert.deepEqual(
      [first.events.total, first.events.written, first.events.refused, first.events.recorded, first.events.duplicate],
      [6, 3, 2, 1, 0],
      JSON.stringify(first),
    );
    assert.equal(first.success, false);
    assert.deepEqual(
      first.eventErrors.map((e) => [e.index, e.code]),
      [
        [3, "CustodyInsufficientStock"],
        [5, "EpcisUnsupportedEvent"],
      ],
    );
    assert.match(first.eventErrors[0]!.message, /fewer than the 500 needed/);
    assert.match(first.eventErrors[1]!.message, /could not be registered: .*not one of your products/);
    // the case is on chain, packed by the maker with its 4 packs
    const unit = await world.ledger.client.readContract({
      address: units,
      abi: logisticUnitsAbi,
      functionName: "unit",
      args: [BigInt(caseSscc)],
    });
    assert.equal(Number(unit.packs), 4);
    assert.equal(unit.organisation.toLowerCase(), world.ledger.cast.maker.address.toLowerCase());
  });

  it("receivesTheCaseByItsSscc_andTheJourneyIsInProvenance", async () => {
    await world.index();
    const [, packing, , receiving] = journey(4);
    // received by the case's EPC URI, then opened (the receipt proves the case reached the distributor)
    const opening = { ...packing!, ...observe(45, "unpacking", {}), type: "AggregationEvent", action: "DELETE" };
    const res = await capture("distributor", epcisDocument([receiving!, opening]));
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const job = await finished("distributor", res.body.captureID);
    assert.deepEqual([job.events.written, job.events.refused], [2, 0], JSON.stringify(job));
    await world.index();
    const unit = await world.database.db.logisticUnit.findUnique({ where: { sscc: caseSscc } });
    assert.deepEqual([unit?.status, unit?.packs], ["opened", 4]);
    const holding = await world.database.db.holding.findFirst({
      where: { account: world.ledger.cast.distributor.address.toLowerCase() },
    });
    assert.equal(holding?.held, 4);
    const registration = await world.database.db.batchRegistration.findFirst({ where: { lot } });
    assert.equal(registration?.status, "registered", "the EPCIS commissioning closed its registration");
    const batch = await world.database.db.batch.findFirst({ where: { lot } });
    const exported = await batchEpcisDocument(world.database.db, batch!.id, { origin: "https://trace.example.org" });
    assert.deepEqual(
      exported.epcisBody.eventList.map((e) => [e.bizStep, e.quantityList?.[0]?.quantity]),
      [
        ["commissioning", 6],
        ["shipping", 4],
        ["receiving", 4],
      ],
    );
    assert.deepEqual(schemaProblems(exported), [], "the export validates against the same schema");
  });

  it("shipsOnToAPharmacy_whichReceivesDispensesAndDestroys_inItsLanguage", async () => {
    const pharmacyGln = world.ledger.orgs.pharmacy.gln;
    const onward = buildSscc(distributorGln, 815);
    const lotClass = `https://id.gs1.org/01/${gtin}/10/${lot}`;
    const shipped = await capture(
      "distributor",
      epcisDocument([
        observe(50, "shipping", {
          epcList: [`https://id.gs1.org/00/${onward}`],
          quantityList: [{ epcClass: lotClass, quantity: 3 }],
          destinationList: [{ type: "possessing_party", destination: partyLink(pharmacyGln) }],
        }),
      ]),
    );
    assert.equal((await finished("distributor", shipped.body.captureID)).events.written, 1);
    await world.index();
    const res = await capture(
      "pharmacy",
      epcisDocument([
        observe(60, "receiving", { epcList: [`https://id.gs1.org/00/${onward}`] }),
        observe(70, "dispensing", { epcList: [sgtin(serials[0]!, gtin)] }),
        observe(80, "destroying", { quantityList: [{ epcClass: lotClass, quantity: 1 }], disposition: "damaged" }),
        // a party this network does not know: refused in the caller's language
        observe(90, "shipping", {
          quantityList: [{ epcClass: lotClass, quantity: 1 }],
          destinationList: [{ type: "owning_party", destination: partyLink("6901234999997") }],
        }),
      ]),
      "application/json",
      "zh-CN",
    );
    assert.equal(res.status, 202, JSON.stringify(res.body));
    const job = await finished("pharmacy", res.body.captureID);
    assert.deepEqual([job.events.written, job.events.refused], [3, 1], JSON.stringify(job));
    assert.match(job.eventErrors[0]!.message, /本网络中没有 GLN 为 6901234999997 的机构/);
    await world.index();
    const db = world.database.db;
    const holding = await db.holding.findFirst({
      where: { account: world.ledger.cast.pharmacy.address.toLowerCase() },
    });
    assert.deepEqual([holding?.held, holding?.dispensed, holding?.writtenOff], [1, 1, 1]);
    const pack = await db.pack.findFirst({ where: { serial: serials[0]! } });
    assert.ok(pack?.dispensedAt, "the pack is dispensed: a consumer's scan says so");
  });

  it("answersQueriesScopedToTheCaller", async () => {
    const mine = await query("distributor", { EQ_bizStep: "receiving" });
    assert.equal(mine.status, 200, JSON.stringify(mine.body));
    assert.deepEqual(schemaProblems(mine.body), []);
    const events = mine.body.epcisBody.queryResults.resultsBody.eventList;
    // the ledger's two receipts of the lot (at the distributor, at the pharmacy) and the distributor's own capture
    assert.equal(events.length, 3);
    // another organisation's captures stay its own: the pharmacy's dispensing is seen by the distributor only as
    // the ledger's event of the lot it handled
    const dispensed = { MATCH_epc: sgtin(serials[0]!, gtin), EQ_bizStep: "dispensing" };
    const seen = async (who: Who) =>
      (await query(who, dispensed)).body.epcisBody.queryResults.resultsBody.eventList.length;
    assert.deepEqual([await seen("distributor"), await seen("pharmacy")], [1, 2]);
    const byCase = await query("distributor", { MATCH_epc: `https://id.gs1.org/00/${caseSscc}` });
    assert.equal(byCase.body.epcisBody.queryResults.resultsBody.eventList.length, 1);
    // the case's packing and opening as the ledger's units record them (visible to the distributor it was shipped
    // to), and the distributor's own captured opening; the maker's captured packing stays the maker's
    const aggregation = async (who: Who) => {
      const answer = await query(who, {
        eventType: "AggregationEvent",
        MATCH_parentID: `https://id.gs1.org/00/${caseSscc}`,
      });
      assert.deepEqual(schemaProblems(answer.body), []);
      return answer.body.epcisBody.queryResults.resultsBody.eventList;
    };
    const seenByDistributor = await aggregation("distributor");
    assert.deepEqual(seenByDistributor.map((e) => [e.bizStep, (e.childEPCs as string[] | undefined)?.length]).sort(), [
      ["packing", 4],
      ["unpacking", 4],
      ["unpacking", 4],
    ]);
    assert.equal((await aggregation("maker")).length, 3, "the maker: the unit's two events and its own packing");
    // a staff session of the organisation may query too, and sees the same
    const staff = await callRoute("epcis/events", "GET", {
      url: "http://127.0.0.1:3100/epcis/events?EQ_bizStep=receiving",
      headers: { cookie: world.cookie("distributor") },
    });
    assert.equal(staff.status, 200);
    assert.equal(((await staff.json()) as QueryAnswer).epcisBody.queryResults.resultsBody.eventList.length, 3);
    const paged = await query("maker", { perPage: "1" });
    assert.match(paged.link ?? "", /nextPageToken=.*rel="next"/);
    const bad = await query("maker", { EQ_bizstep: "receiving" });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error?.code, "EpcisQueryParameter");
  });

  it("recordsNothingNewWhenTheSameDocumentComesAgain", async () => {
    const before = await world.database.db.shipment.count();
    const res = await capture("maker", makerDocument());
    assert.equal(res.status, 202);
    const job = await finished("maker", res.body.captureID);
    assert.deepEqual([job.events.total, job.events.duplicate, job.events.written], [6, 6, 0]);
    await world.index();
    assert.equal(await world.database.db.shipment.count(), before);
  });

  it("keepsNamedQueriesPerOrganisation", async () => {
    const save = await callRoute("epcis/queries", "POST", {
      body: { name: "receipts", query: { EQ_bizStep: "receiving" } },
      headers: bearer("distributor"),
    });
    assert.equal(save.status, 201);
    const again = await callRoute("epcis/queries", "POST", {
      body: { name: "receipts", query: { EQ_bizStep: "receiving" } },
      headers: bearer("distributor"),
    });
    assert.equal(again.status, 409);
    const run = await callRoute("epcis/queries/[name]/events", "GET", {
      params: { name: "receipts" },
      headers: bearer("distributor"),
    });
    const answer = (await run.json()) as QueryAnswer;
    assert.equal(answer.epcisBody.queryResults.queryName, "receipts");
    assert.equal(answer.epcisBody.queryResults.resultsBody.eventList.length, 3);
    const other = await callRoute("epcis/queries/[name]", "GET", {
      params: { name: "receipts" },
      headers: bearer("maker"),
    });
    assert.equal(other.status, 404, "another organisation does not see it");
    const gone = await callRoute("epcis/queries/[name]", "DELETE", {
      params: { name: "receipts" },
      headers: bearer("distributor"),
    });
    assert.equal(gone.status, 204);
    const list = await callRoute("epcis/queries", "GET", { headers: bearer("distributor") });
    assert.deepEqual(await list.json(), []);
  });

  it("takesUpAJobAStoppedProcessLeftRunning", async () => {
    // A job stored (as the route stores it) whose writer never ran: the process stopped after the 202.
    const { createCaptureJob } = await import("./jobs");
    const { takeUpRunningJobs } = await import("./server");
    const maker = world.ledger.cast.maker.address;
    const destroyed = observe(95, "destroying", {
      quantityList: [{ epcClass: `https://id.gs1.org/01/${gtin}/10/${lot}`, quantity: 1 }],
      disposition: "damaged",
    });
    const captureID = await createCaptureJob(
      world.database.db,
      {
        organisation: maker,
        clientId: epcis.clients.maker.clientId,
        member: epcis.clients.maker.account,
        locale: "en",
      },
      readCaptureDocument(JSON.stringify(epcisDocument([destroyed]))),
    );
    const waiting = await callRoute("epcis/capture/[captureID]", "GET", {
      params: { captureID },
      headers: bearer("maker"),
    });
    assert.equal(((await waiting.json()) as { running: boolean }).running, true);
    await takeUpRunningJobs();
    const job = await finished("maker", captureID);
    assert.deepEqual([job.events.written, job.success], [1, true]);
  });

  it("refusesBadCapturesWithJson4xx_andStoresNothing", async () => {
    const before = await world.database.db.epcisCaptureJob.count();
    const invalid = makerDocument();
    invalid.epcisBody.eventList[1]!.action = "SHIP";
    const schema = await capture("maker", invalid);
    assert.equal(schema.status, 400);
    assert.equal(schema.body.error?.code, "EpcisInvalidDocument");
    assert.match(schema.body.error?.message ?? "", /\/epcisBody\/eventList\/1/);
    const xml = await capture("maker", "<epcis:EPCISDocument/>", "application/xml");
    assert.equal(xml.status, 415);
    const rollback = await callRoute("epcis/capture", "POST", {
      body: makerDocument(),
      headers: { ...bearer("maker"), "gs1-capture-error-behaviour": "rollback" },
    });
    assert.equal(rollback.status, 400);
    assert.match(((await rollback.json()) as JobView).error?.message ?? "", /proceed/);
    const broken = await capture("maker", "{", "application/json");
    assert.equal(broken.status, 400);
    const staff = await callRoute("epcis/capture", "POST", {
      body: makerDocument(),
      headers: { cookie: world.cookie("maker") },
    });
    assert.equal(staff.status, 403, "staff sessions may query, not capture");
    const unknown = await callRoute("epcis/capture/[captureID]", "GET", {
      params: { captureID: "00000000-0000-0000-0000-000000000000" },
      headers: bearer("maker"),
    });
    assert.equal(unknown.status, 404);
    assert.equal(await world.database.db.epcisCaptureJob.count(), before);
  });
  it("shipsAReceivedCaseOnSealed_takingItOverFirst_soThatItsNextReceiverCanOpenIt", async () => {
    const second = buildSscc(makerGln, 4712);
    const link = `https://id.gs1.org/00/${second}`;
    const to = (gln: string) => ({ destinationList: [{ type: "owning_party", destination: partyLink(gln) }] });
    const holder = async () =>
      (
        await world.ledger.client.readContract({
          address: units,
          abi: logisticUnitsAbi,
          functionName: "unit",
          args: [BigInt(second)],
        })
      ).holder.toLowerCase();
    const aggregation = (minutes: number, bizStep: string, action: string) => ({
      type: "AggregationEvent",
      ...at(minutes),
      parentID: link,
      childEPCs: [sgtin(serials[4]!, gtin)],
      action,
      bizStep,
    });
    const packed = await capture(
      "maker",
      epcisDocument([
        aggregation(100, "packing", "ADD"),
        observe(101, "shipping", { epcList: [link], ...to(distributorGln) }),
      ]),
    );
    assert.equal((await finished("maker", packed.body.captureID)).events.written, 2);
    await world.index();
    const received = await capture("distributor", epcisDocument([observe(110, "receiving", { epcList: [link] })]));
    assert.equal((await finished("distributor", received.body.captureID)).events.written, 1);
    await world.index();

    // Cross-docking: the distributor ships the case on, sealed. It takes the case over first, on chain.
    const pharmacyGln = world.ledger.orgs.pharmacy.gln;
    const onward = await capture(
      "distributor",
      epcisDocument([observe(120, "shipping", { epcList: [link], ...to(pharmacyGln) })]),
    );
    const job = await finished("distributor", onward.body.captureID);
    assert.deepEqual([job.events.written, job.events.refused], [1, 0], JSON.stringify(job));
    assert.equal(await holder(), world.ledger.cast.distributor.address.toLowerCase());
    await world.index();

    // So the pharmacy's receipt is from the holder, and it opens the case.
    const opened = await capture(
      "pharmacy",
      epcisDocument([observe(130, "receiving", { epcList: [link] }), aggregation(131, "unpacking", "DELETE")]),
    );
    const last = await finished("pharmacy", opened.body.captureID);
    assert.deepEqual([last.events.written, last.events.refused], [2, 0], JSON.stringify(last));
    assert.equal(await holder(), world.ledger.cast.pharmacy.address.toLowerCase());
  });
});
