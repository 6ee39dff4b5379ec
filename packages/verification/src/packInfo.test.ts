import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { accountOf, stopSharedPostgres, useCodedWorld } from "@tracemed/indexer/testing";
import { createPool, type Pool } from "@tracemed/db";
import { readPackKey } from "@tracemed/provenance/packKey";
import { PackCache } from "./packCache";
import { packInfo, type PackInfo, type Printed } from "./packInfo";

after(stopSharedPostgres);

describe("what a scanned code shows before its PIN: the code against the ledger", () => {
  let pool: Pool | undefined;
  // Registered before the world's hooks: node:test runs after hooks in order, and the pool goes first.
  after(async () => pool?.end());
  const w = useCodedWorld("PostgreSQL 15");
  type Read = (raw: { gtin: string; lot: string; serial: string }, printed?: Printed) => Promise<PackInfo>;
  let readers: [string, Read][];
  before(() => {
    pool = createPool(w.databaseUrl, { max: 2 });
    const cache = new PackCache(pool);
    readers = [
      ["one query", (raw, printed) => packInfo(w.db, raw, new Date(), undefined, printed)],
      ["PackCache", (raw, printed) => cache.info(readPackKey(raw), new Date(), printed)],
    ];
  });

  it("aPrintedExpiryOtherThanTheLedgers_isSaid_theSameOneIsNot", async () => {
    const g = await w.batch(2);
    await w.index();
    const { expiry } = await w.db.packSet.findUniqueOrThrow({ where: { batchId: g.batchId } });
    const later = `${Number(expiry.slice(0, 2)) + 2}${expiry.slice(2)}`;
    const raw = { gtin: g.gtin, lot: g.lot, serial: g.serial(0) };
    for (const [name, read] of readers) {
      const relabelled = await read(raw, { expiry: later });
      assert.equal(relabelled.known, true, name);
      assert.deepEqual(relabelled.mismatch, { field: "expiry", printed: later }, name);
      assert.equal(relabelled.expiry, expiry, `${name}: the ledger's expiry beside it`);
      assert.equal((await read(raw, { expiry })).mismatch, null, name);
      assert.equal((await read(raw)).mismatch, null, `${name}: a code without an expiry`);
    }
  });

  it("aSerialOfAnotherLot_isALotMismatch_thatNeverShowsTheRecordedLot", async () => {
    const g = await w.batch(2);
    await w.index();
    for (const [name, read] of readers) {
      const info = await read({ gtin: g.gtin, lot: "OTHERLOT7", serial: g.serial(1) });
      assert.equal(info.known, false, name);
      assert.deepEqual(info.mismatch, { field: "lot", printed: "OTHERLOT7" }, name);
      assert.ok(!JSON.stringify(info).includes(g.lot), `${name}: the recorded lot is not shown`);
      const nowhere = await read({ gtin: g.gtin, lot: "OTHERLOT7", serial: "NOSUCHSERIAL9" });
      assert.equal(nowhere.mismatch, undefined, `${name}: a serial in no lot is simply unknown`);
    }
  });
});

describe("a pack's public facts in the consumer's language", () => {
  const w = useCodedWorld("embedded PGlite");

  it("givesEnglishOnly_whenTheManufacturerEnteredNoChinese", async () => {
    const g = await w.batch(2);
    await w.index();
    const info = await packInfo(w.db, { gtin: g.gtin, lot: g.lot, serial: g.serial(0) });
    assert.deepEqual(info.product, {
      text: {
        en: { generic: "Amoxicillin", brand: null, strength: "500 mg", dosageForm: "capsule", packSize: "24" },
        zh: null,
      },
      approvalNumber: null,
      leaflets: [],
    });
    assert.equal(info.manufacturer?.nameZh, null);
  });

  it("givesBothLanguages_theApprovalNumber_theLeaflets_andTheMakersChineseName", async () => {
    const g = await w.batch(2);
    await w.index();
    const maker = accountOf("maker");
    await w.db.product.update({
      where: { gtin: g.gtin },
      data: { nameZh: "阿莫西林", brand: "Amoxil", dosageFormZh: "胶囊", approvalNumber: "国药准字H20003263" },
    });
    await w.db.organisationProfile.create({ data: { account: maker, nameZh: "华新制药", updatedBy: maker } });
    for (const locale of ["zh-CN", "en"]) {
      await w.db.productLeaflet.create({
        data: { gtin: g.gtin, locale, url: `https://example.com/${locale}.pdf`, updatedBy: maker },
      });
    }
    const info = await packInfo(w.db, { gtin: g.gtin, lot: g.lot, serial: g.serial(1) });
    // A Chinese field left empty reads the English one (the brand here, and the pack size).
    assert.deepEqual(info.product?.text.zh, {
      generic: "阿莫西林",
      brand: "Amoxil",
      strength: "500 mg",
      dosageForm: "胶囊",
      packSize: "24",
    });
    assert.equal(info.product?.text.en.brand, "Amoxil");
    assert.equal(info.product?.approvalNumber, "国药准字H20003263");
    assert.deepEqual(info.product?.leaflets, [
      { locale: "en", href: `/leaflet/${g.gtin}/en` },
      { locale: "zh-CN", href: `/leaflet/${g.gtin}/zh-CN` },
    ]);
    assert.deepEqual(info.manufacturer, { name: "Huaxin Pharmaceutical", nameZh: "华新制药", country: "CN" });
  });
});
