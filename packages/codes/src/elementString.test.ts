import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { buildBracketed, buildElementString, GS, PACK_AIS, parseElementString } from "./elementString";
import { ElementStringError } from "./errors";
import { toLayout } from "./keyboardLayout";
import { fuzzText, onlyTypedErrors, typedError } from "./testing";

// DOMAIN.md: 0105099151015051 1078241PC GS 17260530 211HXNA4G4VM
const EXAMPLE = "0105099151015051" + "1078241PC" + GS + "17260530" + "211HXNA4G4VM";
const EXPECTED = { gtin: "05099151015051", lot: "78241PC", expiry: "260530", serial: "1HXNA4G4VM" };
const opts = { referenceYear: 2026 };

function ids(r: { gtin?: string; lot?: string; expiry?: string; serial?: string }) {
  return { gtin: r.gtin, lot: r.lot, expiry: r.expiry, serial: r.serial };
}

describe("GS1 element strings as scanners deliver them", () => {
  const table: Array<[name: string, input: string, repairs: string[]]> = [
    ["raw, as a keyboard wedge types it", EXAMPLE, []],
    ["with the ]d2 symbology identifier", "]d2" + EXAMPLE, []],
    ["with FNC1 in first position as a leading GS (zxing)", GS + EXAMPLE, []],
    ["with a trailing Enter", EXAMPLE + "\r\n", []],
    ["GS rendered as <GS>", EXAMPLE.replace(GS, "<GS>"), ["separator-rendering"]],
    ["GS rendered as a pipe", EXAMPLE.replace(GS, "|"), ["separator-rendering"]],
    ["GS rendered as Tab", EXAMPLE.replace(GS, "\t"), ["separator-rendering"]],
    ["GS rendered as ␝", EXAMPLE.replace(GS, "\u241d"), ["separator-rendering"]],
    ["separator missing before 17", EXAMPLE.replace(GS, ""), ["separator-inserted"]],
    [
      "full-width digits from a Chinese IME",
      EXAMPLE.replace("0105099151015051", "０１０５０９９１５１０１５０５１"),
      ["full-width"],
    ],
    [
      "through a French AZERTY layout",
      toLayout(EXAMPLE.replace(GS, "<GS>"), "azerty"),
      ["keyboard-layout", "separator-rendering"],
    ],
    ["bracketed human-readable form", "(01)05099151015051(10)78241PC(17)260530(21)1HXNA4G4VM", []],
    ["bracketed with spaces", "(01) 05099151015051 (10) 78241PC (17) 260530 (21) 1HXNA4G4VM", []],
  ];
  for (const [name, input, repairs] of table) {
    test(name, () => {
      const r = parseElementString(input, opts);
      assert.deepEqual(ids(r), EXPECTED);
      assert.deepEqual(r.repairs.map((x) => x.kind).sort(), [...repairs].sort());
      for (const x of r.repairs) assert.ok(x.position >= 0 && x.position <= input.length && x.message.length > 0);
    });
  }

  test("the AZERTY version looks nothing like the original", () => {
    const typed = toLayout(EXAMPLE.replace(GS, "<GS>"), "azerty");
    assert.ok(typed.startsWith("à&à(àçç&(&à&(à("), typed);
    assert.ok(typed.includes("PC.GS/"), typed);
  });

  test("a German QWERTZ layout is repaired when its tell-tale characters are there", () => {
    const input = toLayout("0105099151015051" + "10AB-YZ" + "<GS>" + "17260530" + "21ZZ9", "qwertz");
    assert.ok(input.includes("ß"));
    const r = parseElementString(input, opts);
    assert.equal(r.lot, "AB-YZ");
    assert.equal(r.serial, "ZZ9");
    assert.ok(r.repairs.some((x) => x.kind === "keyboard-layout"));
  });

  test("without tell-tale characters a Y/Z swap is offered as an alternative reading", () => {
    const r = parseElementString("0105099151015051" + "21ABYZ", opts);
    assert.equal(r.serial, "ABYZ");
    assert.ok(r.alternatives.some((a) => a.serial === "ABZY"));
    assert.ok(r.alternatives.some((a) => a.serial === "abyz")); // Caps Lock
  });

  test("positions in repairs and elements refer to the raw input", () => {
    const r = parseElementString("]d2" + EXAMPLE.replace(GS, ""), opts);
    assert.equal(r.elements[0]!.position, 3);
    const inserted = r.repairs.find((x) => x.kind === "separator-inserted")!;
    assert.equal(inserted.position, 3 + 16 + 9);
    assert.match(inserted.message, /expiry date \(17\)/);
  });

  test("a missing separator whose place cannot be told is an ambiguity error naming the field", () => {
    // 22 characters after AI 10 cannot all be the lot: lot "ABCDEFGHIJKLMNOPQR" + serial "21B", or
    // lot "ABCDEFGHIJKLMNOPQR21" + serial "B"; both need one repair and have four elements.
    const input = "0105099151015051" + "17260530" + "10ABCDEFGHIJKLMNOPQR2121B";
    const e = typedError(() => parseElementString(input, opts));
    assert.ok(e instanceof ElementStringError);
    assert.equal(e.code, "ambiguous");
    assert.equal(e.field, "batch/lot (10)");
    assert.equal(e.position, 24);
  });

  test("a clean reading wins, and the repaired one is offered as an alternative", () => {
    const input = "0105099151015051" + "10A1" + "17260530" + "2112345"; // all of it fits one lot
    const r = parseElementString(input, opts);
    assert.equal(r.lot, "A117260530211234".slice(0, 16) + "5");
    assert.equal(r.serial, undefined);
    assert.ok(r.alternatives.some((a) => a.lot === "A1" && a.expiry === "260530" && a.serial === "12345"));
  });

  test("requiring the pack AIs picks the reading that has them", () => {
    const input = "0105099151015051" + "10A1" + "17260530" + "2112345";
    const r = parseElementString(input, { ...opts, require: PACK_AIS });
    assert.deepEqual(ids(r), { gtin: "05099151015051", lot: "A1", expiry: "260530", serial: "12345" });
    assert.ok(r.repairs.some((x) => x.kind === "separator-inserted"));
  });

  test("a missing required AI is named", () => {
    const e = typedError(() => parseElementString("0105099151015051" + "1078241PC", { require: ["01", "21"] }));
    assert.equal(e.code, "missing-ai");
    assert.equal(e.field, "serial number (21)");
  });

  const errors: Array<[name: string, input: string, code: string, field: string, position: number]> = [
    ["wrong GTIN check digit", "0105099151015052" + "21X", "invalid-check-digit", "GTIN (01)", 15],
    ["unknown AI", "0105099151015051" + "99" + "ABC" + GS + "2312", "unknown-ai", "application identifier", 22],
    ["letter where an AI should start", "0105099151015051X", "invalid-character", "application identifier", 16],
    ["expiry month 13", "0105099151015051" + "17261331", "invalid-date", "expiry date (17)", 20],
    ["character outside CSET 82", "0105099151015051" + "21AB#C", "invalid-character", "serial number (21)", 20],
    ["GTIN cut short", "01050991510", "invalid-length", "GTIN (01)", 11],
    [
      "lot longer than 20 with no AI to split at",
      "0105099151015051" + "10" + "ABCDEFGHIJKLMNOPQRSTUVWX",
      "invalid-length",
      "batch/lot (10)",
      38,
    ],
    [
      "the same AI twice with different values",
      "0105099151015051" + "21A" + GS + "21B",
      "duplicate-ai",
      "serial number (21)",
      20,
    ],
    ["empty", "   ", "empty-input", "", 0],
  ];
  for (const [name, input, code, field, position] of errors) {
    test(`error: ${name}`, () => {
      const e = typedError(() => parseElementString(input, opts));
      assert.equal(e.code, code);
      if (field) assert.equal(e.field, field);
      assert.equal(e.position, position);
      assert.match(e.message, new RegExp(`character ${position + 1}|empty`));
    });
  }

  test("build -> parse round trip, in raw and bracketed form", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{13}$/),
        fc.stringMatching(/^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/),
        fc.stringMatching(/^[0-9A-Z]{1,20}$/),
        (body, lot, serial) => {
          const gtin =
            body +
            String(
              (10 - ([...body].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 3 : 1), 0) % 10)) % 10,
            );
          const id = { gtin, lot, serial, expiry: "281231" };
          const raw = buildElementString(id);
          const back = parseElementString(raw, opts);
          assert.deepEqual(ids(back), { gtin, lot, expiry: "281231", serial });
          assert.deepEqual(back.repairs, []);
          if (!lot.includes("(")) assert.deepEqual(ids(parseElementString(buildBracketed(id), opts)), ids(back));
        },
      ),
      { numRuns: 300 },
    );
  });

  test("building refuses values that do not fit their AI", () => {
    assert.equal(typedError(() => buildElementString({ gtin: "05099151015051", lot: "A B" })).field, "batch/lot (10)");
    assert.equal(typedError(() => buildElementString([{ ai: "17", value: "261301" }])).code, "invalid-date");
  });

  const gs1Tokens = fc.oneof(
    fc.constantFrom(
      "01",
      "10",
      "17",
      "21",
      "00",
      "414",
      "]d2",
      GS,
      "<GS>",
      "|",
      "(",
      ")",
      "(01)",
      "é",
      "à",
      "ß",
      "Ö",
      "０",
      " ",
    ),
    fc.stringMatching(/^[0-9]{1,16}$/),
    fc.stringMatching(/^[A-Za-z0-9]{1,6}$/),
  );
  test("fuzz: no input makes the reader throw anything but ElementStringError/ScanError", () => {
    fuzzText(gs1Tokens, 14, (s) => {
      onlyTypedErrors(() => parseElementString(s, opts));
      onlyTypedErrors(() => parseElementString(s, { require: PACK_AIS }));
    });
    onlyTypedErrors(() => parseElementString(undefined as unknown as string));
    onlyTypedErrors(() => parseElementString("1".repeat(5000)));
    onlyTypedErrors(() => parseElementString("10".repeat(2000)));
  });
});
