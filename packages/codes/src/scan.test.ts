import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { parseChinaCode } from "./chinaCode";
import { GS } from "./elementString";
import { parseScan } from "./scan";
import { onlyTypedErrors, typedError } from "./testing";

test("parseScan tells the formats apart", () => {
  assert.equal(parseScan("https://id.gs1.org/01/09521234543213/21/S1").format, "digital-link");
  assert.equal(parseScan("]d20109521234543213" + "21S1").format, "element-string");
  assert.equal(parseScan("(01)09521234543213(21)S1").format, "bracketed");
  assert.equal(parseScan("9521234543213").format, "gtin");
  assert.equal(parseScan("81234567890123456789").format, "china-nmpa");
  assert.equal(parseScan("0109521234543213" + "2112").format, "element-string"); // 20 digits, valid GS1
  assert.equal(parseScan("00095212340000000013").format, "element-string"); // SSCC on a case label
  assert.equal(typedError(() => parseScan("hello")).code, "unrecognised-format");
});

test("China drug traceability code maps to product + serial", () => {
  const c = parseChinaCode("8123 4567 8901 2345 6789");
  assert.deepEqual(
    [c.code, c.productCode, c.serial, c.checkDigit],
    ["81234567890123456789", "8123456", "789012345678", "9"],
  );
  assert.equal(typedError(() => parseChinaCode("8123456789012345678")).code, "invalid-length");
  const e = typedError(() => parseChinaCode("81234567890123456A89"));
  assert.equal(e.code, "invalid-character");
  assert.equal(e.position, 17);
  assert.equal(parseScan("８１２３４５６７８９０１２３４５６７８９").format, "china-nmpa"); // full-width
});

test("fuzz: parseScan and parseChinaCode only throw typed errors", () => {
  fc.assert(
    fc.property(
      fc.oneof(
        fc.string({ unit: "binary", maxLength: 60 }),
        fc.stringMatching(/^[0-9 \-]{15,25}$/),
        fc.constantFrom(GS, "]d2", "http://"),
      ),
      (s) => {
        onlyTypedErrors(() => parseScan(s));
        onlyTypedErrors(() => parseChinaCode(s));
      },
    ),
    { numRuns: 1000 },
  );
});
