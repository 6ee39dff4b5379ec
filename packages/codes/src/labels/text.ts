import { CJK_FONT_PACKAGE, cjkFace, labelFace, registerCjkFont, type CjkLabelFont, type LabelFont } from "./fonts";

/** A run of text in one registered font, `width` points wide at the size it was fitted at. */
export interface TextRun {
  font: LabelFont | CjkLabelFont;
  text: string;
  width: number;
}

/** Text cut into lines of runs that fit a width; `missing` says why some of it has no glyphs. */
export interface FittedText {
  font: LabelFont;
  size: number;
  lines: TextRun[][];
  /** set when a character has a glyph in no installed label font (it would print as a box) */
  missing?: string;
}

const GRAPHEMES = new Intl.Segmenter("und", { granularity: "grapheme" });
const CJK_SCRIPT = /[\p{Ideographic}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
// Chinese line breaking keeps closing marks with the character before them and opening ones with the one after.
const NO_BREAK_BEFORE = /^[\p{Pe}\p{Pf}\p{Po}]/u;
const NO_BREAK_AFTER = /[\p{Ps}\p{Pi}]$/u;
const ELLIPSIS = "\u2026";

const u = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;

function covers(face: { hasGlyphForCodePoint(c: number): boolean }, grapheme: string): boolean {
  for (const ch of grapheme) if (!face.hasGlyphForCodePoint(ch.codePointAt(0)!)) return false;
  return true;
}

/** May a line end between graphemes `a` and `b`? After a space, or next to a CJK character. */
function breakBetween(a: string, b: string): boolean {
  if (a === " ") return true;
  if (b === " " || NO_BREAK_BEFORE.test(b) || NO_BREAK_AFTER.test(a)) return false;
  return CJK_SCRIPT.test(a) || CJK_SCRIPT.test(b);
}

/**
 * `text`'s graphemes (its white space collapsed to single spaces), each with the font to print it
 * in: the label font `font` when it has the glyphs, otherwise its CJK counterpart; `missing` names
 * the first grapheme neither has (with the reason when the CJK font is not installed).
 */
export function fontsOf(
  text: string,
  font: LabelFont,
): { graphemes: Array<Omit<TextRun, "width">>; cjk: boolean; missing?: string } {
  const latin = labelFace(font);
  const graphemes: Array<Omit<TextRun, "width">> = [];
  let cjk = false;
  let missing: string | undefined;
  for (const { segment } of GRAPHEMES.segment(text.replace(/\s+/g, " ").trim())) {
    let f: TextRun["font"] = font;
    if (segment === " ") f = graphemes.at(-1)?.font ?? font;
    else if (!covers(latin, segment)) {
      const face = cjkFace(font);
      if (face && covers(face, segment)) [f, cjk] = [`${font}-cjk`, true];
      else
        missing ??= `no label font has ${[...segment].map((c) => u(c.codePointAt(0)!)).join(" ")}${
          face ? "" : ` (the CJK font, npm package ${CJK_FONT_PACKAGE}, is not installed)`
        }`;
    }
    graphemes.push({ font: f, text: segment });
  }
  return { graphemes, cjk, ...(missing ? { missing } : {}) };
}

/**
 * `text` (its white space collapsed to single spaces) laid out in at most `maxLines` lines of
 * `width` points in the label font `font` at `size`: each character in `font` when it has the
 * glyph, otherwise in its CJK counterpart (Chinese), so that a name mixing Latin and Chinese
 * prints whole. Lines end at spaces or next to CJK characters (a word longer than a line is cut);
 * the last line is cut with an ellipsis. Cuts fall between graphemes, never inside a character.
 */
export function fitText(
  doc: PDFKit.PDFDocument,
  text: string,
  o: { font: LabelFont; size: number; width: number; maxLines: number },
): FittedText {
  const { graphemes, cjk, missing } = fontsOf(text, o.font);
  if (cjk) registerCjkFont(doc, o.font);
  const pieces: TextRun[] = graphemes.map(({ font, text }) => ({
    font,
    text,
    width: doc.font(font).fontSize(o.size).widthOfString(text),
  }));
  const ellipsis = doc.font(o.font).fontSize(o.size).widthOfString(ELLIPSIS);

  const lines: TextRun[][] = [];
  let i = 0;
  while (i < pieces.length && lines.length < o.maxLines) {
    let j = i;
    let w = 0;
    while (j < pieces.length && w + pieces[j]!.width <= o.width) w += pieces[j++]!.width;
    if (j === pieces.length) {
      lines.push(pieces.slice(i));
      break;
    }
    if (lines.length === o.maxLines - 1) {
      // The last line: as much as fits before an ellipsis.
      while (j > i && (w + ellipsis > o.width || pieces[j - 1]!.text === " ")) w -= pieces[--j]!.width;
      lines.push([...pieces.slice(i, j), { font: o.font, text: ELLIPSIS, width: ellipsis }]);
      break;
    }
    let end = j;
    while (end > i + 1 && !breakBetween(pieces[end - 1]!.text, pieces[end]!.text)) end--;
    // Between scripts, a space past the line's middle is the better break ("Eastern Medical / 华东医药").
    let space = end;
    while (space > i + 1 && pieces[space - 1]!.text !== " ") space--;
    if (space > i + 1 && width(pieces.slice(i, space)) >= o.width / 2) end = space;
    // No place to break (one long word): cut it where the line is full.
    if (end <= i || !breakBetween(pieces[end - 1]!.text, pieces[end]!.text)) end = Math.max(j, i + 1);
    lines.push(pieces.slice(i, end).filter((p, k, all) => !(p.text === " " && k === all.length - 1)));
    i = end;
    while (pieces[i]?.text === " ") i++;
  }
  return { font: o.font, size: o.size, lines: lines.map(mergeRuns), ...(missing ? { missing } : {}) };
}

const width = (runs: TextRun[]) => runs.reduce((w, r) => w + r.width, 0);

/** Adjacent graphemes of one font as one run (one text operation, kerned as a whole). */
function mergeRuns(line: TextRun[]): TextRun[] {
  const runs: TextRun[] = [];
  for (const p of line) {
    const last = runs.at(-1);
    if (last?.font === p.font)
      runs[runs.length - 1] = { ...last, text: last.text + p.text, width: last.width + p.width };
    else runs.push({ ...p });
  }
  return runs;
}

/**
 * Draws fitted text with its first line's top at (x, top), its lines `lineHeight` apart (default:
 * the label font's). Every run sits on the label font's baseline, whichever font it is in.
 */
export function drawText(doc: PDFKit.PDFDocument, t: FittedText, x: number, top: number, lineHeight?: number): void {
  const face = labelFace(t.font);
  const pitch = lineHeight ?? doc.font(t.font).fontSize(t.size).currentLineHeight(true);
  t.lines.forEach((line, n) => {
    const baseline = top + (face.ascent / face.unitsPerEm) * t.size + n * pitch;
    let at = x;
    for (const run of line) {
      doc.font(run.font).fontSize(t.size).text(run.text, at, baseline, { lineBreak: false, baseline: "alphabetic" });
      at += doc.widthOfString(run.text);
    }
  });
}
