import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { composeReason, readReason, reasonIn } from "./reason";

describe("bilingual reasons", () => {
  it("writes English alone when no Chinese is given, and reads it back with no Chinese", () => {
    assert.equal(composeReason({ en: "Sterility failure" }), "Sterility failure");
    assert.equal(composeReason({ en: "Sterility failure", zh: "  " }), "Sterility failure");
    assert.deepEqual(readReason("Sterility failure"), { en: "Sterility failure", zh: null });
  });

  it("writes both languages on one line and reads each back", () => {
    const onChain = composeReason({ en: "Sterility failure", zh: "无菌检查不合格" });
    assert.equal(onChain, "Sterility failure | 中文: 无菌检查不合格");
    assert.deepEqual(readReason(onChain), { en: "Sterility failure", zh: "无菌检查不合格" });
  });

  it("splits at the last separator, so an English reason containing it stays whole", () => {
    const en = "Label says | 中文: missing";
    assert.deepEqual(readReason(composeReason({ en, zh: "标签缺失" })), { en, zh: "标签缺失" });
  });

  it("shows the reader's language, falling back to English", () => {
    const both = composeReason({ en: "Contamination", zh: "污染" });
    assert.equal(reasonIn(both, "zh-CN"), "污染");
    assert.equal(reasonIn(both, "en"), "Contamination");
    assert.equal(reasonIn("Contamination", "zh-CN"), "Contamination");
  });
});
