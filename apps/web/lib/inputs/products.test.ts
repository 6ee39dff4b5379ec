import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { productFields, productParams, productRequest } from "./products";
import { accepted, assertRefusals } from "./testing";

const fields = { name: "Paracetamol", strength: "500 mg", dosageForm: "tablet", packSize: "16 tablets" };

describe("product (POST /api/manufacturer/products, PUT .../{gtin})", () => {
  it("reads the GTIN as typed into a GTIN-14 and trims the fields", () => {
    const none = {
      nameZh: null,
      brand: null,
      brandZh: null,
      dosageFormZh: null,
      packSizeZh: null,
      approvalNumber: null,
    };
    assert.deepEqual(accepted(productRequest, { gtin: "0 9521 2345-4321 3", ...fields, name: "  Paracetamol " }), {
      gtin: "09521234543213",
      ...fields,
      ...none,
    });
    assert.deepEqual(accepted(productParams, { gtin: "9521234543213" }), { gtin: "09521234543213" });
    assert.deepEqual(accepted(productFields, fields), { ...fields, ...none });
  });

  it("keeps the Chinese fields, brand and approval number as typed, and an empty one as none", () => {
    const zh = {
      nameZh: " 对乙酰氨基酚 ",
      brand: "Panadol",
      brandZh: "必理通",
      dosageFormZh: "片剂",
      packSizeZh: "",
      approvalNumber: "国药准字H20003263",
    };
    assert.deepEqual(accepted(productFields, { ...fields, ...zh }), {
      ...fields,
      ...zh,
      nameZh: "对乙酰氨基酚",
      packSizeZh: null,
    });
    // Left out (an older client) reads as none too.
    assert.equal(accepted(productFields, fields).approvalNumber, null);
    for (const number of ["EU/1/96/007/001", "PL 00289/0123", "19912"])
      assert.equal(accepted(productFields, { ...fields, approvalNumber: number }).approvalNumber, number);
  });

  it("refuses a Chinese field or approval number it could not show, naming the field", () => {
    assertRefusals(productFields, [
      [{ ...fields, nameZh: "对".repeat(121) }, "FieldTooLong", 400, /Chinese generic name must be at most 120/],
      [{ ...fields, brandZh: "必理\u202E通" }, "FieldCharacter", 400, /Chinese brand name contains U\+202E/],
      [{ ...fields, dosageFormZh: 7 }, "FieldCharacter", 400, /Chinese dosage form must be text/],
      [{ ...fields, approvalNumber: "H2000<script>" }, "FieldCharacter", 400, /only letters, digits/],
      [{ ...fields, approvalNumber: "-H20003263" }, "FieldCharacter", 400, /approval number/],
      [{ ...fields, approvalNumber: "H".repeat(41) }, "FieldTooLong", 400, /at most 40/],
    ]);
  });

  it("names what is wrong with the GTIN", () => {
    assertRefusals(productRequest, [
      [null, "GtinMissing"],
      [{ ...fields }, "GtinMissing"],
      [{ gtin: "  ", ...fields }, "GtinMissing"],
      [{ gtin: 9521234543213, ...fields }, "GtinMissing"],
      [{ gtin: "09521A", ...fields }, "GtinNotDigits", 400, /character 6/],
      [{ gtin: "0952123", ...fields }, "GtinLength", 400, /not 7/],
      [{ gtin: "095212345432139", ...fields }, "GtinLength", 400, /not 15/],
      [{ gtin: "09521234543214", ...fields }, "GtinCheckDigit", 400, /should be 3, not 4/],
    ]);
    assertRefusals(productParams, [[{ gtin: "123" }, "GtinLength"]]);
  });

  it("refuses empty, long and unsafe fields, naming the field", () => {
    const gtin = "09521234543213";
    for (const schema of [productRequest, productFields])
      assertRefusals(schema, [
        [{ gtin, ...fields, strength: "  " }, "FieldMissing", 400, /strength/],
        [{ gtin, ...fields, dosageForm: undefined }, "FieldMissing", 400, /dosage form/],
        [{ gtin, ...fields, packSize: 16 }, "FieldMissing", 400, /pack size/],
        [{ gtin, ...fields, name: "x".repeat(121) }, "FieldTooLong", 400, /at most 120/],
        // Found by attacking the running product: a name with U+0000 answered 503.
        ...["\u0000x", "Para\u202Ecetamol", "Para\u200Bcetamol", "\ud800x", "a\u0085b"].map(
          (name) => [{ gtin, ...fields, name }, "FieldCharacter", 400, /name contains/] as const,
        ),
      ]);
    assertRefusals(productFields, [[null, "FieldMissing", 400, /name/]]);
  });
});
