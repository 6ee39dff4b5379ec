import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { parseChinaCode } from "./chinaCode";
import { GS, parseElementString, type ParsedElementString } from "./elementString";
import { parseScan, type ParsedGtin } from "./scan";
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

// Symbology identifiers as scanners send them. Vectors from GS1's Barcode Syntax Engine
// (gs1/gs1-syntax-engine, src/c-lib/scandata.c, test_scandata_processScanData), plus the issue's
// own: a GTIN-13 whose digits start like AI 400 (order number).
const ELEMENTS = "011231231231233310ABC123" + GS + "99TESTING";
const scans: Array<[input: string, format: string, elements: string, symbology?: string]> = [
  ["]Q1https://example.com/01/12312312312333?99=TEST", "digital-link", "(01)12312312312333(99)TEST", "]Q1"],
  ["]Q1HTTPS://example.com/01/12312312312333?99=TEST", "digital-link", "(01)12312312312333(99)TEST", "]Q1"],
  ["]d1https://example.com/01/12312312312333?99=TEST", "digital-link", "(01)12312312312333(99)TEST", "]d1"],
  ["]J0https://example.com/01/12312312312333?99=TEST", "digital-link", "(01)12312312312333(99)TEST", "]J0"],
  ["]Q3" + ELEMENTS, "element-string", "(01)12312312312333(10)ABC123(99)TESTING", "]Q3"],
  ["]d2" + ELEMENTS, "element-string", "(01)12312312312333(10)ABC123(99)TESTING", "]d2"],
  ["]J1" + ELEMENTS, "element-string", "(01)12312312312333(10)ABC123(99)TESTING", "]J1"],
  ["]e0" + ELEMENTS, "element-string", "(01)12312312312333(10)ABC123(99)TESTING", "]e0"],
  ["]C1" + ELEMENTS, "element-string", "(01)12312312312333(10)ABC123(99)TESTING", "]C1"],
  ["]e0" + ELEMENTS + GS + "98XYZ", "element-string", "(01)12312312312333(10)ABC123(99)TESTING(98)XYZ", "]e0"],
  ["]C10112312312312333235XYZ" + GS + "10ABC", "element-string", "(01)12312312312333(235)XYZ(10)ABC", "]C1"],
  ["]E02112345678900", "gtin", "(01)02112345678900", "]E0"],
  ["]E00416000336108", "gtin", "(01)00416000336108", "]E0"], // UPC-A, sent as 13 digits
  ["]E04006381333931", "gtin", "(01)04006381333931", "]E0"], // not AI 400 "6381333931"
  ["]E402345673", "gtin", "(01)00000002345673", "]E4"],
  ["]E3400638133393112", "gtin", "(01)04006381333931", "]E3"], // with a 2-digit add-on
  ["]I115012345678907", "gtin", "(01)15012345678907", "]I1"], // ITF-14
  ["]E02112345678900|]e099COMPOSITE" + GS + "98XYZ", "element-string", "(01)02112345678900(99)COMPOSITE(98)XYZ", "]E0"],
  ["]E402345673|]e099COMPOSITE" + GS + "98XYZ", "element-string", "(01)00000002345673(99)COMPOSITE(98)XYZ", "]E4"],
  // Plain Code 128 is how China's traceability code is printed: never GS1-128, even when it could be.
  ["]C0" + "0109521234543213" + "2112", "china-nmpa", "", undefined],
];

test("parseScan reads what each symbology identifier says the data is (table)", () => {
  for (const [input, format, elements, symbology] of scans) {
    const r = parseScan(input);
    assert.equal(r.format, format, input);
    if (r.format === "china-nmpa") continue;
    assert.equal(r.elements.map((e) => `(${e.ai})${e.value}`).join(""), elements, input);
    assert.equal(r.symbology, symbology, input);
  }
  assert.equal((parseScan("]E3400638133393112") as ParsedGtin).addOn, "12");
  // Without an identifier, 13 digits are a GTIN too.
  assert.equal((parseScan("4006381333931") as ParsedGtin).gtin, "04006381333931");
  // Positions of a composite's elements are those in the whole scan.
  const composite = parseScan("]E02112345678900|]e099COMPOSITE" + GS + "98XYZ") as ParsedElementString;
  assert.deepEqual(
    composite.elements.map((e) => e.position),
    [3, 20, 32],
  );
});

const refusedScans: Array<[input: string, code: string, position: number]> = [
  ["]E0123456789012", "invalid-length", 15], // short
  ["]E012345678901234", "invalid-length", 17], // long
  ["]E01234ABC890123", "invalid-character", 7],
  ["]E02112345678901", "invalid-check-digit", 15], // a wrong check digit is never read as AI data
  ["]E0", "invalid-length", 3],
  ["]E41234567", "invalid-length", 10],
  ["]E4123456789", "invalid-length", 12],
  ["]E412ABC678", "invalid-character", 5],
  ["]E402345674", "invalid-check-digit", 10],
  ["]E3400638133393", "invalid-length", 15], // an add-on is 2 or 5 digits
  ["]E112", "unrecognised-format", 0], // an add-on alone names no product
  ["]Q3", "empty-input", 3],
  ["]Q1https://a/NOPRIMARYAI", "invalid-digital-link", 12],
  ["]Q1TESTING", "unrecognised-format", 3],
];

test("parseScan refuses what a symbology identifier rules out, at the raw position (table)", () => {
  for (const [input, code, position] of refusedScans) {
    const e = typedError(() => parseScan(input));
    assert.deepEqual([e.code, e.position], [code, position], input);
  }
  // Asked directly, the element-string reader refuses EAN/UPC data instead of reading AIs into it.
  assert.equal(typedError(() => parseElementString("]E04006381333931")).code, "unrecognised-format");
});

test("a Data Matrix without GS1 mode (]d1) is read as element strings, and the repair says so", () => {
  const r = parseScan("]d1" + "0109521234543213" + "21S1") as ParsedElementString;
  assert.equal(r.format, "element-string");
  assert.equal(r.serial, "S1");
  assert.deepEqual(
    r.repairs.map((x) => [x.kind, x.position]),
    [["symbology", 0]],
  );
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
        // a symbology identifier, then digits, a composite marker or a link
        fc
          .tuple(
            fc.constantFrom("]E0", "]E3", "]E4", "]E1", "]I1", "]Q1", "]Q3", "]d1", "]C0", "]e0", "]X9"),
            fc.oneof(fc.stringMatching(/^[0-9]{0,20}$/), fc.string({ maxLength: 20 })),
            fc.constantFrom("", "|]e0", "|]e0" + "99X" + GS, "https://a/01/09521234543213/"),
            fc.string({ maxLength: 10 }),
          )
          .map((parts) => parts.join("")),
      ),
      (s) => {
        onlyTypedErrors(() => parseScan(s));
        onlyTypedErrors(() => parseChinaCode(s));
      },
    ),
    { numRuns: 1000 },
  );
});
