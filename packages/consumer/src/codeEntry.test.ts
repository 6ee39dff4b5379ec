import assert from "node:assert/strict";
import { test } from "node:test";
import { targetOfCode, targetOfParts } from "./codeEntry";

const GTIN = "09521234543213";

test("a Digital Link, an element string or bracketed text leads to the pack page, with the expiry it carried", () => {
  const page = { path: `/pack/${GTIN}/AB%2F1/S1?17=301231` };
  assert.deepEqual(targetOfCode(`https://id.example.org/01/${GTIN}/10/AB%2F1/21/S1?17=301231`, "en"), page);
  assert.deepEqual(targetOfCode(`(01)${GTIN}(17)301231(10)AB/1(21)S1`, "en"), page);
  assert.deepEqual(targetOfCode(`(01)${GTIN}(10)LOT(21)S1`, "en"), { path: `/pack/${GTIN}/LOT/S1` });
});

test("a code that names no pack says why, in the reader's language", () => {
  assert.deepEqual(targetOfCode("  ", "en"), { error: "Type or paste the code first." });
  assert.match((targetOfCode(`(01)${GTIN}`, "zh-CN") as { error: string }).error, /还需要批号（10）和序列号（21）/);
  assert.match((targetOfCode("(00)069012340000012347", "en") as { error: string }).error, /shipment label/);
  assert.match((targetOfCode("hello", "en") as { error: string }).error, /^This code could not be read/);
});

test("the three numbers typed one by one: the GTIN padded to 14 digits, its check digit checked", () => {
  assert.deepEqual(targetOfParts({ gtin: " 9521234543213 ", lot: " L 1 ", serial: "S1" }, "en"), {
    path: `/pack/${GTIN}/L%201/S1`,
  });
  assert.deepEqual(targetOfParts({ gtin: "", lot: "L", serial: "S" }, "en"), {
    error: "Fill in all three: product number, lot and serial number.",
  });
  assert.match(
    (targetOfParts({ gtin: "9521234543214", lot: "L", serial: "S" }, "zh-CN") as { error: string }).error,
    /^商品编码无效/,
  );
});
