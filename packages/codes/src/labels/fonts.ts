import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * The fonts every label PDF embeds (print preflight rejects a PDF whose fonts are not embedded,
 * such as the 14 standard ones): DejaVu Sans, Sans Bold and Sans Mono Bold from the npm package
 * `dejavu-fonts-ttf` (Bitstream Vera licence), subset by pdfkit to the glyphs a file uses. DejaVu
 * covers Latin, Greek and Cyrillic, not Chinese: see `printableName`.
 */
export const LABEL_FONTS = {
  sans: "DejaVuSans.ttf",
  bold: "DejaVuSans-Bold.ttf",
  mono: "DejaVuSansMono-Bold.ttf",
} as const;
export type LabelFont = keyof typeof LABEL_FONTS;

const PACKAGE = "dejavu-fonts-ttf";
let dir: string | undefined;
const cache = new Map<LabelFont, Buffer>();

/**
 * The package's ttf folder. Resolved through Node's module lookup from this file; a bundled server
 * (Next) may not keep this file's location, so the working directory's node_modules, and its
 * parents', are looked at too.
 */
function fontDir(): string {
  if (dir) return dir;
  const candidates: string[] = [];
  try {
    candidates.push(path.dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`)));
  } catch {
    // not resolvable from here: look from the working directory below
  }
  for (let at = process.cwd(); ; at = path.dirname(at)) {
    candidates.push(path.join(at, "node_modules", PACKAGE));
    if (path.dirname(at) === at) break;
  }
  const found = candidates.find((c) => existsSync(path.join(c, "ttf", LABEL_FONTS.sans)));
  if (!found) throw new Error(`the label fonts (npm package ${PACKAGE}) are not installed`);
  dir = path.join(found, "ttf");
  return dir;
}

/** A font file's bytes (read once a process). */
export function labelFont(font: LabelFont): Buffer {
  let bytes = cache.get(font);
  if (!bytes) {
    bytes = readFileSync(path.join(fontDir(), LABEL_FONTS[font]));
    cache.set(font, bytes);
  }
  return bytes;
}

/** Registers the label fonts in a pdfkit document under the names "sans", "bold" and "mono". */
export function registerLabelFonts(doc: PDFKit.PDFDocument): void {
  for (const font of Object.keys(LABEL_FONTS) as LabelFont[]) doc.registerFont(font, labelFont(font));
}

/** Whether the document's current font has a glyph for every character of `text`. */
export function fontCovers(doc: PDFKit.PDFDocument, text: string): boolean {
  // pdfkit keeps the fontkit font of an embedded TrueType face on its current font object.
  const face = (doc as unknown as { _font?: { font?: { hasGlyphForCodePoint(c: number): boolean } } })._font?.font;
  if (!face) return true;
  for (const ch of text) if (!/\s/.test(ch) && !face.hasGlyphForCodePoint(ch.codePointAt(0)!)) return false;
  return true;
}
