import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { toHex } from "viem";
import { decodeArgs } from "./decode";
import { ledgerLog } from "./testing/oldLedger";
import { chainText, countryText, exactBytes } from "./text";

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

test("chainText_keepsValidUtf8AsIs_andEscapesWhatPostgresCannotHold_withTheBytesBeside", () => {
  assert.deepEqual(chainText(utf8("Huaxin 华信")), { text: "Huaxin 华信", raw: null });
  // Bidi controls and a leading BOM are valid UTF-8: stored exactly (the web app shows them visibly).
  assert.deepEqual(chainText(utf8("\uFEFF\u202Eevil")), { text: "\uFEFF\u202Eevil", raw: null });
  assert.deepEqual(chainText(utf8("damaged\u0000")), { text: "damaged\\u0000", raw: toHex(utf8("damaged\u0000")) });
  assert.deepEqual(chainText(bytes(0x41, 0xff, 0xc3, 0x28, 0xe4, 0xb8, 0xad)), {
    text: "A\\xff\\xc3(中",
    raw: "0x41ffc328e4b8ad",
  });
  // Overlong and surrogate encodings are not UTF-8 either.
  assert.equal(chainText(bytes(0xc0, 0x80)).text, "\\xc0\\x80");
  assert.equal(chainText(bytes(0xed, 0xa0, 0x80)).text, "\\xed\\xa0\\x80");
});

test("fuzz_chainText_roundTripsEveryByteString_andNeverHoldsU0000", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
      const { text, raw } = chainText(b);
      assert.ok(!text.includes("\0"));
      assert.doesNotMatch(text, /\p{Cs}/u, "no lone surrogate: PostgreSQL stores it");
      assert.deepEqual(exactBytes(text, raw), b);
    }),
    { numRuns: 2_000 },
  );
});

test("countryText_isTheAlpha2Code_orHexForAnyOtherBytes2", () => {
  assert.equal(countryText("0x434e"), "CN");
  assert.equal(countryText("0x0000"), "0x0000");
  assert.equal(countryText("0x63FF"), "0x63ff");
});

test("decodeArgs_givesTheExactBytesOfAStringThatIsNotStorableText", () => {
  const batchId = toHex(7n, { size: 32 });
  const holder = toHex(3n, { size: 20 });
  const { topics, data } = ledgerLog("StockDestroyed", {
    batchId,
    holder,
    quantity: 1n,
    reason: utf8("damaged\0"),
    by: holder,
  });
  assert.deepEqual(decodeArgs(topics, data), {
    name: "StockDestroyed",
    args: { batchId, holder, quantity: "1", reason: "damaged\\u0000", by: holder },
    raw: { reason: toHex(utf8("damaged\0")) },
  });
  const prefixes = ledgerLog("OrganisationPrefixesSet", {
    account: holder,
    prefixes: ["690", bytes(0xff)],
    by: holder,
  });
  assert.deepEqual(decodeArgs(prefixes.topics, prefixes.data)?.raw, { prefixes: ["0x363930", "0xff"] });
});
