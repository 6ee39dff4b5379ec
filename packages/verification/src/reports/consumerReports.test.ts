import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { accountOf, stopSharedPostgres, useCodedWorld } from "@tracemed/indexer/testing";
import { ApiError } from "@tracemed/errors";
import { listReports, reportScope, storeReport } from "./consumerReports";

after(stopSharedPostgres);

// One backend: the SQL here is plain Prisma; both backends are covered by the dashboard test.
describe("consumer reports on PostgreSQL 15", () => {
  const w = useCodedWorld("PostgreSQL 15");

  const report = (
    g: { gtin: string; lot: string; serial: (i: number) => string },
    over: Partial<Parameters<typeof storeReport>[1]> = {},
  ) =>
    storeReport(w.db, {
      gtin: g.gtin,
      lot: g.lot,
      serial: g.serial(0),
      category: "looks_different",
      text: "The print is blurry",
      region: "CN",
      clientHash: "client-a",
      ...over,
    });

  it("aReport_isStoredForThePacksManufacturerAndTheRegulator_andNotForOthers", async () => {
    const g = await w.batch(2);
    await w.index();
    const r = await report(g, { clientHash: "store-1", contact: "  138 0000 0000 " });
    assert.equal(r.batchId, g.batchId.toLowerCase());
    assert.equal(r.manufacturerName, "Huaxin Pharmaceutical");
    assert.equal(r.productName, "Amoxicillin 500 mg");
    assert.equal(r.contact, "138 0000 0000");
    const maker = accountOf("maker");
    const asMaker = await listReports(w.db, reportScope(maker, 2)!);
    assert.ok(
      asMaker.some((x) => x.id === r.id),
      "the manufacturer reads reports of its packs",
    );
    assert.ok(
      (await listReports(w.db, reportScope("0xabc", 1)!)).some((x) => x.id === r.id),
      "so does the regulator",
    );
    assert.equal(
      (await listReports(w.db, { manufacturerAccount: w.cast.distributor.address })).some((x) => x.id === r.id),
      false,
      "another manufacturer does not",
    );
    assert.equal(reportScope(w.cast.pharmacy.address, 8), null, "a pharmacy may not read reports");
  });

  it("aReportOfAnUnregisteredCode_isKeptForTheRegulator_withoutAManufacturer", async () => {
    const r = await storeReport(w.db, {
      gtin: "09521234543213",
      lot: "FAKE1",
      serial: "X1",
      category: "wrong_verdict",
      text: "Unknown code on a pack bought online",
      region: null,
      clientHash: "store-2",
    });
    assert.equal(r.batchId, null);
    assert.ok((await listReports(w.db)).some((x) => x.id === r.id));
  });

  it("aClient_isLimitedToFiveReportsAnHour_otherClientsAreNot", async () => {
    const g = await w.batch(2);
    await w.index();
    for (let i = 0; i < 5; i++) await report(g, { clientHash: "noisy", text: `report ${i}` });
    await assert.rejects(
      report(g, { clientHash: "noisy" }),
      (e: unknown) => e instanceof ApiError && e.status === 429 && e.code === "TooManyReports",
    );
    await report(g, { clientHash: "quiet" });
    const later = new Date(Date.now() + 3_700_000);
    const r = await storeReport(
      w.db,
      {
        gtin: g.gtin,
        lot: g.lot,
        serial: g.serial(1),
        category: "other",
        text: "an hour later",
        region: null,
        clientHash: "noisy",
      },
      { now: later },
    );
    assert.equal(r.text, "an hour later", "the limit is per hour");
    const ofPack = (await listReports(w.db, { batchId: g.batchId })).find((x) => x.serial === g.serial(0));
    assert.equal(ofPack?.reportsOfPack, 6, "the regulator sees how many reports name the same pack");
  });

  it("badInput_isRefusedWithAReason_andNothingIsStored", async () => {
    const g = await w.batch(1);
    await w.index();
    const before = await w.db.consumerReport.count();
    for (const [over, code] of [
      [{ category: "spam" }, "InvalidCategory"],
      [{ text: "   \n " }, "TextRequired"],
      [{ text: "x".repeat(1001) }, "TextTooLong"],
      [{ serial: "bad serial with spaces" }, "InvalidSerial"],
      [{ gtin: "123" }, "InvalidGtin"],
    ] as const) {
      await assert.rejects(
        report(g, { ...over, clientHash: "bad-input" }),
        (e: unknown) => e instanceof ApiError && e.status === 400 && e.code === code,
      );
    }
    assert.equal(await w.db.consumerReport.count(), before);
  });
});
