import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { displayText, hasHiddenText } from "./displayText";

describe("displayText", () => {
  it("makesATrojanSourceNameReadAsWritten", () => {
    // Shown raw, the override makes this read "Renmin Road Pharmacy exe.txt"-style: the tail reversed.
    const name = "Renmin Road Pharmacy \u202Etxt.exe\u202C";
    assert.equal(displayText(name), "Renmin Road Pharmacy [U+202E]txt.exe[U+202C]");
    // The classic Trojan Source comment trick: an isolate that hides the real order of a condition.
    assert.equal(
      displayText("access = \u2067\u2066admin\u2069\u2066 // check\u2069"),
      "access = [U+2067][U+2066]admin[U+2069][U+2066] // check[U+2069]",
    );
  });

  it("escapesEveryBidiControlAndInvisibleFormatCharacter", () => {
    const hidden = [
      ...[0x202a, 0x202b, 0x202c, 0x202d, 0x202e],
      ...[0x2066, 0x2067, 0x2068, 0x2069],
      ...[0x200e, 0x200f, 0x061c],
      ...[0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x180e],
      ...[0x2028, 0x2029, 0x3164, 0x115f, 0x2800, 0x034f, 0xe0041],
      ...[0x00, 0x07, 0x1b, 0x7f, 0x85, 0x9b],
    ];
    for (const cp of hidden) {
      const c = String.fromCodePoint(cp);
      const hex = cp.toString(16).toUpperCase().padStart(4, "0");
      assert.equal(displayText(`a${c}b`), `a[U+${hex}]b`, `U+${hex}`);
      assert.equal(hasHiddenText(`a${c}b`), true, `U+${hex}`);
    }
  });

  it("leavesOrdinaryTextOfAnyScriptAlone", () => {
    for (const text of [
      "Huaxin Pharmaceutical Co., Ltd.",
      "国家药品监督管理局（演示）",
      "Rhein Pharma Großhandel",
      "صيدلية الشفاء",
      "אבג 123",
      "Out-of-specification dissolution\nresults\tin testing",
      "💊 😀",
      "",
    ]) {
      assert.equal(displayText(text), text);
      assert.equal(hasHiddenText(text), false, text);
    }
  });

  it("isStableOnItsOwnOutput", () => {
    const once = displayText("x\u202Ey\u200Bz");
    assert.equal(displayText(once), once);
  });

  it("leavesTheIndexersEscapesOfStoredText_asTheyAre_andEscapesWhatSurroundsThem", () => {
    // The indexer stores U+0000 and bytes that are not UTF-8 as `\u0000` and `\xff` (packages/indexer/src/text.ts).
    assert.equal(displayText("damaged\\u0000 \\xff"), "damaged\\u0000 \\xff");
    assert.equal(displayText("\u202Edamaged\\u0000"), "[U+202E]damaged\\u0000");
  });
});
