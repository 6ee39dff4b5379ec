import assert from "node:assert/strict";
import { test } from "node:test";
import { visibleText } from "./format";

test("visibleText_writesControlAndBidiCharactersAsEscapes_andKeepsEveryOtherCharacter", () => {
  assert.equal(visibleText("Huaxin 华信 (Lot A-1)"), "Huaxin 华信 (Lot A-1)");
  // A right-to-left override would make "exe.txt" read as "txt.exe"; shown, it cannot.
  assert.equal(visibleText("\u202Etxt.exe"), "\\u202Etxt.exe");
  assert.equal(visibleText("a\u0000b\u0007c\u007fd\u0085e"), "a\\u0000b\\u0007c\\u007Fd\\u0085e");
  assert.equal(visibleText("\uFEFFlot\u200B\u2066x\u2069\u061C"), "\\uFEFFlot\\u200B\\u2066x\\u2069\\u061C");
  assert.equal(visibleText("line\nbreak\ttab"), "line\\u000Abreak\\u0009tab");
  // What the indexer stored escaped (U+0000, bytes that are not UTF-8) is already visible as it is.
  assert.equal(visibleText("damaged\\u0000 \\xff"), "damaged\\u0000 \\xff");
});
