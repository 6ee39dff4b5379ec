import assert from "node:assert/strict";
import { describe, test } from "node:test";
import PDFDocument from "pdfkit";
import { registerLabelFonts } from "./fonts";
import { fitText, fontsOf } from "./text";

const doc = new PDFDocument({ autoFirstPage: false });
registerLabelFonts(doc);
const lines = (text: string, width: number, maxLines = 2) =>
  fitText(doc, text, { font: "bold", size: 10, width, maxLines }).lines.map((l) => l.map((r) => r.text).join(""));

describe("label text: fonts by glyph, lines cut between characters", () => {
  test("Latin in DejaVu, Chinese in its CJK counterpart, the space with the run before it", () => {
    const runs = fontsOf("Eastern Medical 华东医药", "bold").graphemes;
    assert.deepEqual(
      runs.map((g) => g.font),
      [...Array<string>(16).fill("bold"), ...Array<string>(4).fill("bold-cjk")],
    );
    assert.equal(fontsOf("北京 同仁堂", "sans").graphemes[2]!.font, "sans-cjk");
    assert.equal(fontsOf("北京\u3000同仁堂", "sans").missing, undefined, "an ideographic space is a space");
  });

  test("a line never ends inside a character: accents stay on their letters, the cut ends in an ellipsis", () => {
    const name = "Pharmacie Cre\u0301ole de\u0301pe\u0302t e\u0301tablissement re\u0301gional";
    for (let width = 30; width <= 200; width += 7) {
      const fitted = lines(name, width);
      // Lines end at a space (dropped) or inside a word too long for a line.
      const bare = (s: string) => s.replace(/ /g, "");
      if (!fitted.at(-1)!.endsWith("\u2026")) assert.equal(bare(fitted.join("")), bare(name), `${width}: all or cut`);
      const kept = bare(fitted.join("").replace(/\u2026$/, ""));
      assert.ok(bare(name).startsWith(kept), `${width}: ${kept}`);
      assert.doesNotMatch(bare(name).slice(kept.length, kept.length + 1), /\p{M}/u, `${width}: cut before an accent`);
    }
  });

  test("Chinese lines break between characters but keep brackets with what they enclose", () => {
    const name = "国药控股华东医药物流配送（上海）有限公司";
    for (let width = 40; width <= 200; width += 5) {
      const fitted = lines(name, width, 9);
      assert.equal(fitted.join(""), name, `${width}: nothing lost`);
      for (const l of fitted) {
        assert.doesNotMatch(l, /^[）、，。]/u, `${width}: ${l}`);
        assert.doesNotMatch(l, /（$/u, `${width}: ${l}`);
      }
    }
  });
});
