import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { buildSscc, logisticLabelPdf, ssccToRef } from "@tracemed/codes";
import { crop, pdfText, readCode128, readQr, renderPdf, symbolBoxes } from "@tracemed/codes/testing";
import { accountOf, stopSharedPostgres, useCodedWorld } from "@tracemed/indexer/testing";
import { setOrganisationNameZh } from "@tracemed/provenance/organisationProfile";
import { logisticLabelFor } from "./logisticLabel";

after(stopSharedPostgres);

describe("the shipment's logistic label, from the ledger's shipments", () => {
  const w = useCodedWorld("embedded PGlite");

  it("aMixedCaseShippedUnderOneSscc_printsBothPartiesBothBatches_andItsSsccGroupedByTheSendersPrefix", async () => {
    const a = await w.batch(20);
    const b = await w.batch(10);
    const maker = await w.db.organisation.findUniqueOrThrow({ where: { account: accountOf("maker") } });
    // The maker's SSCC: numbered under its GLN's first digits, which start with its prefix 6901234.
    const sscc = buildSscc(maker.gln, 4711, 3);
    const ship = w.contract(w.cast.maker);
    await w.wait(ship.write.ship([a.batchId, w.cast.distributor.address, 12n, ssccToRef(sscc)]));
    await w.wait(ship.write.ship([b.batchId, w.cast.distributor.address, 5n, ssccToRef(sscc)]));
    await w.index();

    const input = await logisticLabelFor(w.db, accountOf("maker"), sscc, { origin: "https://trace.example.com" });
    assert.ok(input);
    assert.equal(input.companyPrefixLength, 7);
    assert.deepEqual(input.shipFrom, { name: "Huaxin Pharmaceutical", gln: maker.gln });
    assert.equal(input.shipTo?.name, "Eastern Distribution");
    assert.deepEqual(
      input.contents.map((c) => [c.lot, c.count, c.expiry]).sort(),
      [
        [a.lot, 12, a.expiry],
        [b.lot, 5, b.expiry],
      ].sort(),
    );
    // The recipient sees the same label; nobody else learns that the SSCC exists.
    assert.deepEqual(
      await logisticLabelFor(w.db, accountOf("distributor"), sscc, { origin: "https://trace.example.com" }),
      input,
    );
    assert.equal(await logisticLabelFor(w.db, accountOf("pharmacy"), sscc), null);
    assert.equal(await logisticLabelFor(w.db, accountOf("maker"), buildSscc(maker.gln, 4712, 3)), null);

    // A party's Chinese name, from its profile, prints under its name.
    const recipient = accountOf("distributor");
    await setOrganisationNameZh(w.db, recipient, recipient, "华东医药配送有限公司");
    const bilingual = await logisticLabelFor(w.db, accountOf("maker"), sscc);
    assert.deepEqual(bilingual?.shipTo, { ...input.shipTo, nameZh: "华东医药配送有限公司" });
    const names = (await pdfText(await logisticLabelPdf(bilingual!))).replace(/\s+/g, " ");
    assert.match(names, /Eastern Distribution 华东医药配送有限公司/);

    const pdf = await logisticLabelPdf({ ...input, compress: false });
    const text = await pdfText(pdf);
    assert.ok(text.includes(`(00) 3 6901234 ${sscc.slice(8, 17)} ${sscc[17]}`), text);
    assert.match(text, /MIXED, 2 BATCHES/);
    assert.match(text, /COUNT\s+17/);
    const [page] = await renderPdf(pdf);
    const boxes = symbolBoxes(pdf);
    assert.equal(
      readCode128(
        crop(
          page!,
          boxes.find((x) => x.kind === "gs1-128")!,
          20,
        ),
      ),
      `]C100${sscc}`,
    );
    assert.equal(
      readQr(
        crop(
          page!,
          boxes.find((x) => x.kind === "qr")!,
          8,
        ),
      ),
      `https://trace.example.com/00/${sscc}`,
    );
  });
});
