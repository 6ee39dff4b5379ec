import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { accountOf, MAKER_PREFIXES, stopSharedPostgres, useCodedWorld } from "@tracemed/indexer/testing";
import { DomainError } from "@tracemed/errors";
import { readGtinInput } from "./gtinInput";
import { createProduct, listProducts, updateProduct } from "./products";

after(stopSharedPostgres);

describe("GTIN as typed", () => {
  it("checks the check digit with the GS1 vectors and says which digit it should be", () => {
    for (const [body, check] of [
      ["0952123454321", "3"],
      ["0541234500001", "3"],
      ["0401234511111", "8"],
      ["0509915101505", "1"],
    ] as const) {
      assert.deepEqual(readGtinInput(body + check), { status: "valid", gtin14: `${body}${check}` });
      const wrong = String((Number(check) + 1) % 10);
      assert.deepEqual(readGtinInput(body + wrong), { status: "wrong_check_digit", expected: check, found: wrong });
    }
  });

  it("reads spaces, dashes and full-width digits, and points at the first non-digit", () => {
    assert.equal(readGtinInput("0 9521 2345-4321 3").status, "valid");
    assert.deepEqual(readGtinInput("０９５２１２３４５４３２１３"), { status: "valid", gtin14: "09521234543213" });
    assert.deepEqual(readGtinInput("09521A"), { status: "not_digits", position: 6 });
    assert.deepEqual(readGtinInput("0952123"), { status: "incomplete", digits: 7, checkDigit: "0" });
    assert.equal(readGtinInput("095212345432139").status, "too_long");
    assert.equal(readGtinInput("  ").status, "empty");
  });
});

describe("product master data", () => {
  const w = useCodedWorld("embedded PGlite");
  const maker = accountOf("maker");
  const other = accountOf("pharmacy");

  const fields = { name: "Paracetamol", strength: "500 mg", dosageForm: "tablet", packSize: "16 tablets" };

  it("stores a product under its GTIN-14 and lets only its manufacturer edit it", async () => {
    const p = await createProduct(w.db, maker, { gtin: "06901234999990", ...fields }); // under its prefix 6901234
    assert.equal(p.gtin, "06901234999990");
    const edited = await updateProduct(w.db, maker, p.gtin, { ...fields, packSize: "32 tablets" });
    assert.equal(edited.packSize, "32 tablets");
    assert.deepEqual(
      (await listProducts(w.db, maker)).map((x) => x.gtin),
      [p.gtin],
    );
    await assert.rejects(
      updateProduct(w.db, other, p.gtin, fields),
      (e: unknown) => e instanceof DomainError && e.code === "GtinOwnedByAnother",
    );
    await assert.rejects(
      createProduct(w.db, other, { gtin: p.gtin, ...fields }),
      (e: unknown) =>
        e instanceof DomainError && e.code === "GtinOwnedByAnother" && /another manufacturer/.test(e.message),
    );
    await assert.rejects(
      createProduct(w.db, maker, { gtin: p.gtin, ...fields }),
      (e: unknown) => e instanceof DomainError && e.code === "ProductExists",
    );
    assert.equal((await w.db.product.findUniqueOrThrow({ where: { gtin: p.gtin } })).packSize, "32 tablets");
  });

  it("keeps the Chinese fields and approval number, and an edit can clear them", async () => {
    const zh = { nameZh: "对乙酰氨基酚", brand: "Panadol", brandZh: "必理通", approvalNumber: "国药准字H20003263" };
    const p = await createProduct(w.db, maker, { gtin: "06901234999976", ...fields, ...zh });
    assert.deepEqual(
      {
        nameZh: p.nameZh,
        brand: p.brand,
        brandZh: p.brandZh,
        approvalNumber: p.approvalNumber,
        packSizeZh: p.packSizeZh,
      },
      { ...zh, packSizeZh: null },
    );
    const edited = await updateProduct(w.db, maker, p.gtin, { ...fields, ...zh, brandZh: null, packSizeZh: "16 片" });
    assert.equal(edited.brandZh, null);
    assert.equal(edited.packSizeZh, "16 片");
  });

  it("refuses a GTIN outside the manufacturer's company prefixes, which the ledger would refuse", async () => {
    await assert.rejects(
      createProduct(w.db, maker, { gtin: "05099151015051", ...fields }),
      (e: unknown) =>
        e instanceof DomainError &&
        e.code === "GtinNotUnderPrefix" &&
        /not under your GS1 company prefixes \(6901234, 9521234\)/.test(e.message),
    );
    // A manufacturer with no prefix yet is told to ask the regulator.
    await w.db.organisation.update({ where: { account: maker }, data: { companyPrefixes: [] } });
    try {
      await assert.rejects(
        createProduct(w.db, maker, { gtin: "06901234999983", ...fields }),
        (e: unknown) =>
          e instanceof DomainError && e.code === "GtinNotUnderPrefix" && /no GS1 company prefix/.test(e.message),
      );
    } finally {
      await w.db.organisation.update({ where: { account: maker }, data: { companyPrefixes: [...MAKER_PREFIXES] } });
    }
    assert.equal(await w.db.product.count({ where: { gtin: { in: ["05099151015051", "06901234999983"] } } }), 0);
  });
});
