import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { gs1CheckDigit, hasValidGs1CheckDigit } from "./checkDigit";
import { Gs1KeyError } from "./errors";
import { gtinToUint64, isValidGtin, normalizeGtin, parseGln, parseSscc, withCheckDigit } from "./keys";
import { onlyTypedErrors, typedError } from "./testing";

describe("GS1 check digit", () => {
  // DOMAIN.md vectors.
  for (const [body, check] of [
    ["0952123454321", 3],
    ["0541234500001", 3],
    ["0401234511111", 8],
    ["0509915101505", 1],
    // GTIN-8 and GTIN-12 examples of the GS1 General Specifications; a GLN and an SSCC
    ["9638507", 4],
    ["61414100003", 6],
    ["952123400000", 6],
    ["09521234000000001", 3],
  ] as const) {
    test(`${body} -> ${check}`, () => {
      assert.equal(gs1CheckDigit(body), check);
      assert.ok(hasValidGs1CheckDigit(body + check));
      assert.ok(!hasValidGs1CheckDigit(body + ((check + 1) % 10)));
    });
  }
});

describe("GTIN", () => {
  test("GTIN-8, -12, -13 and -14 normalise to 14 digits", () => {
    assert.equal(normalizeGtin("96385074"), "00000096385074");
    assert.equal(normalizeGtin("614141000036"), "00614141000036");
    assert.equal(normalizeGtin("9521234543213"), "09521234543213");
    assert.equal(normalizeGtin("09521234543213"), "09521234543213");
    assert.equal(gtinToUint64("09521234543213"), 9521234543213n);
  });

  test("a wrong check digit names its position and the expected digit", () => {
    const e = typedError(() => normalizeGtin("09521234543214"));
    assert.ok(e instanceof Gs1KeyError);
    assert.equal(e.code, "invalid-check-digit");
    assert.equal(e.position, 13);
    assert.match(e.message, /expected 3/);
  });

  test("a non-digit and a wrong length are reported where they are", () => {
    const e = typedError(() => normalizeGtin("0952123454O213"));
    assert.equal(e.code, "invalid-character");
    assert.equal(e.position, 10);
    assert.equal(typedError(() => normalizeGtin("952123454321")).code, "invalid-check-digit"); // 12 digits, bad check
    assert.equal(typedError(() => normalizeGtin("12345")).code, "invalid-length");
    assert.equal(typedError(() => normalizeGtin(12 as unknown as string)).code, "invalid-argument");
  });

  test("GLN and SSCC", () => {
    assert.equal(parseGln(withCheckDigit("952123400000")), "9521234000006");
    assert.equal(typedError(() => parseGln("9521234000008")).code, "invalid-check-digit");
    assert.equal(parseSscc("095212340000000013"), "095212340000000013");
    assert.equal(typedError(() => parseSscc("095212340000000018")).position, 17);
    assert.equal(typedError(() => parseGln("952123400000")).code, "invalid-length");
  });

  test("fuzz: key parsers only ever throw their typed error", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 20 }), (s) => {
        onlyTypedErrors(() => normalizeGtin(s));
        onlyTypedErrors(() => parseGln(s));
        onlyTypedErrors(() => parseSscc(s));
        assert.equal(typeof isValidGtin(s), "boolean");
      }),
      { numRuns: 500 },
    );
  });

  test("property: any digit body plus its check digit is a valid GTIN-14", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{13}$/), (body) => {
        assert.equal(normalizeGtin(withCheckDigit(body)), withCheckDigit(body));
      }),
      { numRuns: 200 },
    );
  });
});
