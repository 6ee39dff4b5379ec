import assert from "node:assert/strict";
import { test } from "node:test";
import { parseDigitalLink } from "./digitalLink";
import { parseElementString } from "./elementString";
import { typedError } from "./testing";

// GS1's own vectors: the GS1 Barcode Syntax Engine's unit tests (gs1/gs1-syntax-engine,
// src/c-lib/ai.c, test_ai_validateAIs, "Ex" and "Req" attributes), for the AIs this package reads,
// plus the same rules met by a measure (310n) and in Digital Link query strings.
const codes: Array<[code: string, valid: boolean, why: string]> = [
  ["(01)12345678901231(02)12345678901231", false, "02 excludes 01"],
  ["(99)ABC123(01)12345678901231(02)12345678901231", false, "02 excludes 01, other AIs around"],
  ["(01)12345678901231(37)123", false, "01 excludes 37"],
  ["(21)ABC123(235)XYZ", false, "21 excludes 235"],
  ["(01)12345678901231(3100)000100(3101)000010", false, "one decimal position per measure"],
  ["(02)12345678901231", false, "02 needs 37"],
  ["(02)12345678901231(37)123", false, "37 needs 00"],
  ["(99)AAA(02)12345678901231(37)123", false, "37 needs 00, other AIs around"],
  ["(02)12345678901231(37)123(00)123456789012345675", true, "02 with 37 on a logistic unit"],
  ["(91)XXX(02)12345678901231(92)YYY(37)123(93)ZZZ(00)123456789012345675", true, "with internal AIs"],
  ["(21)ABC123", false, "a serial needs its GTIN"],
  ["(21)ABC123(01)12345678901231", true, "serial with GTIN"],
  ["(21)ABC123(8006)123456789012310510", true, "serial with ITIP"],
  ["(01)12345678901231(250)ABC123", false, "250 needs 21 too"],
  ["(01)12345678901231(21)XYZ999(250)ABC123", true, "250 with 01 and 21"],
  ["(10)ABC(17)261231", false, "a lot and an expiry of no product"],
  ["(01)12345678901231(3103)000195(3300)000200", true, "a trade and a logistic measure"],
];

test("GS1 pairing rules for element strings (table)", () => {
  for (const [code, valid, why] of codes) {
    if (valid) assert.doesNotThrow(() => parseElementString(code, { referenceYear: 2026 }), why);
    else {
      const e = typedError(() => parseElementString(code, { referenceYear: 2026 }));
      assert.ok(["missing-ai", "invalid-ai-pair"].includes(e.code), `${why}: ${e.code} ${e.message}`);
    }
  }
});

test("the refusal names the AI whose rule is broken, where it is", () => {
  const missing = typedError(() => parseElementString("(17)261231(21)ABC"));
  assert.deepEqual([missing.code, missing.field, missing.position], ["missing-ai", "expiry date (17)", 0]);
  assert.match(missing.message, /needs GTIN \(01\) or contained GTIN \(02\) or .*with it/);
  const pair = typedError(() => parseElementString("(01)12345678901231(21)A(235)B"));
  assert.deepEqual([pair.code, pair.field, pair.position], ["invalid-ai-pair", "serial number (21)", 18]);
});

test("the same rules hold for Digital Link attributes", () => {
  const lot = typedError(() => parseDigitalLink("https://id.gs1.org/00/095212340000000013?10=L1"));
  assert.deepEqual([lot.code, lot.field], ["missing-ai", "batch/lot (10)"]);
  const glnLot = typedError(() => parseDigitalLink("https://id.gs1.org/414/9521234000006?10=L9"));
  assert.equal(glnLot.code, "missing-ai");
  const content = typedError(() => parseDigitalLink("https://id.gs1.org/01/09521234543213?02=09521234543213&37=2"));
  assert.equal(content.code, "invalid-ai-pair");
});
