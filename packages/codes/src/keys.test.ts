import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { gs1CheckDigit, hasValidGs1CheckDigit } from "./checkDigit";
import { Gs1KeyError } from "./errors";
import {
  gtinToUint64,
  isCompanyPrefix,
  isGtinUnderPrefix,
  isValidGtin,
  normalizeGtin,
  parseGln,
  parseSscc,
  readKeyInput,
  withCheckDigit,
} from "./keys";
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

describe("a GS1 key as it is typed", () => {
  test("a GLN: progress with the digit that would end it, a wrong check digit named, spaces taken", () => {
    assert.deepEqual(readKeyInput("95212", [13]), { status: "incomplete", digits: 5, checkDigit: null });
    assert.deepEqual(readKeyInput("952123400000", [13]), { status: "incomplete", digits: 12, checkDigit: "6" });
    assert.deepEqual(readKeyInput("9521234000008", [13]), { status: "wrong_check_digit", expected: "6", found: "8" });
    assert.deepEqual(readKeyInput("952 1234 00000 6", [13]), { status: "valid", key: "9521234000006" });
    assert.deepEqual(readKeyInput("９５２１２３４０００００６", [13]), { status: "valid", key: "9521234000006" });
    assert.deepEqual(readKeyInput("95212340000066", [13]), { status: "too_long", digits: 14 });
  });

  test("an SSCC: a letter pointed at by its position, an empty field said as empty", () => {
    assert.deepEqual(readKeyInput("0952123O", [18]), { status: "not_digits", position: 8 });
    assert.deepEqual(readKeyInput(" - ", [18]), { status: "empty" });
    assert.deepEqual(readKeyInput("095212340000000013", [18]), { status: "valid", key: "095212340000000013" });
    assert.equal(readKeyInput("095212340000000018", [18]).status, "wrong_check_digit");
  });

  test("property: it agrees with the strict parsers on every digit string", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{10,20}$/), (s) => {
        let strict = true;
        try {
          parseSscc(s);
        } catch {
          strict = false;
        }
        assert.equal(readKeyInput(s, [18]).status === "valid", strict);
      }),
      { numRuns: 300 },
    );
  });
});

describe("GS1 company prefix", () => {
  test("is 4 to 12 digits, leading zeros included", () => {
    for (const ok of ["0952", "6901234", "000000012345"]) assert.ok(isCompanyPrefix(ok), ok);
    for (const bad of ["", "123", "1234567890123", "69O1234", " 6901234"]) assert.ok(!isCompanyPrefix(bad), bad);
  });

  test("a GTIN lies under the prefix of its digits after the indicator digit, whatever its length", () => {
    assert.ok(isGtinUnderPrefix("09521234543213", "9521234")); // GTIN-14 of a GTIN-13
    assert.ok(isGtinUnderPrefix("9521234543213", "9521234")); // the GTIN-13 itself
    assert.ok(isGtinUnderPrefix("19521234543210", "9521234")); // a case: indicator digit 1
    assert.ok(isGtinUnderPrefix("012345678905", "0012345")); // a GTIN-12: its U.P.C. prefix with a 0
    assert.ok(isGtinUnderPrefix("09521234543213", "952123")); // a shorter prefix covers it too
    assert.ok(!isGtinUnderPrefix("09521234543213", "9521235")); // a neighbouring prefix
    assert.ok(!isGtinUnderPrefix("09521234543213", "0952123")); // the indicator digit is not part of it
    assert.ok(!isGtinUnderPrefix("09521234543213", "123")); // not a prefix at all
  });

  test("agrees with the ledger's arithmetic for random GTINs and prefix lengths", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n - 1n }), fc.integer({ min: 4, max: 12 }), (body, length) => {
        const gtin = withCheckDigit(body.toString().padStart(13, "0"));
        // The contract: (gtin % 10^13) / 10^(13 - length) == prefix
        const prefixValue = (BigInt(gtin) % 10n ** 13n) / 10n ** BigInt(13 - length);
        const prefix = prefixValue.toString().padStart(length, "0");
        assert.ok(isGtinUnderPrefix(gtin, prefix));
        const other = ((prefixValue + 1n) % 10n ** BigInt(length)).toString().padStart(length, "0");
        assert.ok(!isGtinUnderPrefix(gtin, other));
      }),
    );
  });
});
