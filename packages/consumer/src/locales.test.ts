import assert from "node:assert/strict";
import { test } from "node:test";
import { fmt, negotiateLocale } from "./locales";

test("a Chinese browser reads Chinese, an explicit choice wins, anything else reads English", () => {
  assert.equal(negotiateLocale(undefined, "zh-CN,zh;q=0.9,en;q=0.8"), "zh-CN");
  assert.equal(negotiateLocale(undefined, "zh-TW"), "zh-CN");
  assert.equal(negotiateLocale(undefined, "de-DE,de;q=0.9,en;q=0.5,zh;q=0.4"), "en");
  assert.equal(negotiateLocale(undefined, "fr, zh;q=0.1"), "zh-CN");
  assert.equal(negotiateLocale(undefined, "en;q=0.2, zh;q=0.8"), "zh-CN");
  assert.equal(negotiateLocale("en", "zh-CN"), "en");
  assert.equal(negotiateLocale("zh-CN", "en-GB"), "zh-CN");
  assert.equal(negotiateLocale("xx", null), "en");
  assert.equal(negotiateLocale(undefined, "zh;q=0, en"), "en");
});

test("a name typed with bidi overrides reads as written in every sentence", () => {
  // Shown raw, U+202E would display "Made by Pharmacy exe.txt" with the tail reversed.
  assert.equal(fmt("Made by {name}", { name: "Pharmacy \u202Etxt.exe" }), "Made by Pharmacy [U+202E]txt.exe");
  assert.equal(fmt("由 {name} 生产", { name: "药房\u200B\u2066" }), "由 药房[U+200B][U+2066] 生产");
});
