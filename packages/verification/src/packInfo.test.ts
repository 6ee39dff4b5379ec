import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { accountOf, stopSharedPostgres, useCodedWorld } from "@tracemed/indexer/testing";
import { packInfo } from "./packInfo";

after(stopSharedPostgres);

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
