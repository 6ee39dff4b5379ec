import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readReason } from "@tracemed/chain/reason";
import { checkReason, reasonProblem } from "./reasonInput";

describe("a recall or quarantine reason as typed (English required, Chinese optional)", () => {
  it("writes both on one line, and reads each back", () => {
    const r = checkReason("Sterility\nfailure ", " 无菌检查\n不合格");
    assert.ok(r.ok);
    assert.equal(r.onChain, "Sterility failure | 中文: 无菌检查 不合格");
    assert.deepEqual(readReason(r.onChain), { en: "Sterility failure", zh: "无菌检查 不合格" });
    assert.deepEqual(checkReason("Sterility failure", "  "), { ok: true, onChain: "Sterility failure" });
  });

  it("names the field at fault: English missing, a character the ledger refuses, both together too long", () => {
    const missing = checkReason(" ", "无菌检查不合格");
    assert.ok(!missing.ok && missing.field === "en" && missing.problem.problem === "empty");
    const bidi = checkReason("Contamination", "污染\u202E");
    assert.ok(!bidi.ok && bidi.field === "zh" && bidi.problem.problem === "character");
    // 400 ASCII bytes fit alone; with 40 Chinese characters (120 bytes) and the separator they do not.
    const en = "x".repeat(400);
    assert.ok(checkReason(en, "").ok);
    const long = checkReason(en, "污".repeat(40));
    assert.ok(!long.ok && long.field === "zh" && long.problem.problem === "too-long" && long.problem.bytes > 512);
  });

  it("says a refused character or a reason too long as typed, and a missing reason once the form is sent", () => {
    const say = {
      missing: "Give a reason.",
      tooLong: (bytes: number, max: number) => `${bytes} of ${max} bytes.`,
      character: (position: number, char: string) => `Character ${position} is ${char}.`,
    };
    assert.equal(reasonProblem(checkReason("", ""), false, say), null, "nothing typed yet: nothing said");
    assert.deepEqual(reasonProblem(checkReason("", ""), true, say), { field: "en", text: "Give a reason." });
    assert.deepEqual(reasonProblem(checkReason("Damaged", "破\u200B损"), false, say), {
      field: "zh",
      text: "Character 2 is U+200B.",
    });
    assert.deepEqual(reasonProblem(checkReason("x".repeat(513), ""), false, say), {
      field: "en",
      text: "513 of 512 bytes.",
    });
    assert.equal(reasonProblem(checkReason("Damaged", "破损"), true, say), null);
  });
});
