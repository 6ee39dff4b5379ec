import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import PDFDocument from "pdfkit";

/**
 * The fonts every label PDF embeds (print preflight rejects a PDF whose fonts are not embedded,
 * such as the 14 standard ones), each subset by pdfkit to the glyphs a file uses:
 * - DejaVu Sans, Sans Bold and Sans Mono Bold from the npm package `dejavu-fonts-ttf` (Bitstream
 *   Vera licence): Latin, Greek and Cyrillic;
 * - for the characters DejaVu has no glyph for, Chinese, Noto Sans Hans (Simplified Chinese: all
 *   of GB 2312 and the common Traditional forms) Regular and Bold from the npm package
 *   `@embedpdf/fonts-sc` (SIL Open Font License 1.1). A label made where that package is missing
 *   still prints: `textRuns` then finds no font for such characters and the caller says so.
 */
export type LabelFont = "sans" | "bold" | "mono";
/** A label font's CJK counterpart, registered as `<font>-cjk`. */
export type CjkLabelFont = `${LabelFont}-cjk`;

interface FontPackage {
  name: string;
  folder: string;
  files: Record<LabelFont, string>;
}

const DEJAVU: FontPackage = {
  name: "dejavu-fonts-ttf",
  folder: "ttf",
  files: { sans: "DejaVuSans.ttf", bold: "DejaVuSans-Bold.ttf", mono: "DejaVuSansMono-Bold.ttf" },
};
/** The npm package of the CJK faces (named in the PDF's keywords when it is missing). */
export const CJK_FONT_PACKAGE = "@embedpdf/fonts-sc";
const CJK: FontPackage = {
  name: CJK_FONT_PACKAGE,
  folder: "fonts",
  // Label text in the mono face is digits (PINs); a CJK fallback for it is the bold face.
  files: { sans: "NotoSansHans-Regular.otf", bold: "NotoSansHans-Bold.otf", mono: "NotoSansHans-Bold.otf" },
};

/** What the label code needs of a parsed font (a fontkit `Font`, which pdfkit embeds). */
export interface LabelFace {
  postscriptName: string;
  ascent: number;
  unitsPerEm: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
}

const dirs = new Map<string, string | null>();
let cjkDir: string | null | undefined;
const faces = new Map<string, LabelFace>();

/**
 * The node_modules folder npm put DejaVu's package in, through Node's module lookup from this file
 * (the name is a literal, as a bundler needs it; the CJK package exports no package.json to look
 * up, and npm puts both in the same folder). Null when not resolvable from here.
 */
function fontModules(): string | null {
  try {
    return path.dirname(path.dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/package.json")));
  } catch {
    return null;
  }
}

/**
 * A font package's folder: beside DejaVu's package; in a bundled server (Next, whose bundler
 * turns the lookup into a module id) the working directory's node_modules, and its parents', are
 * looked at instead. Null when it is not installed.
 */
function packageDir(pkg: FontPackage): string | null {
  const known = dirs.get(pkg.name);
  if (known !== undefined) return known;
  const candidates: string[] = [];
  const modules = fontModules();
  if (modules) candidates.push(path.join(/*turbopackIgnore: true*/ modules, pkg.name));
  for (let at = process.cwd(); ; at = path.dirname(at)) {
    candidates.push(path.join(at, "node_modules", pkg.name));
    if (path.dirname(at) === at) break;
  }
  // Run-time lookups of an npm package's files, not part of a bundle's traced output.
  const found = candidates.find((c) => existsSync(/*turbopackIgnore: true*/ path.join(c, pkg.folder, pkg.files.sans)));
  const dir = found ? path.join(found, pkg.folder) : null;
  dirs.set(pkg.name, dir);
  return dir;
}

/**
 * A font file parsed once a process. pdfkit parses the font a document selects with its own
 * fontkit and (0.20) takes such a parsed font back in `registerFont`: reusing it spares each label
 * the parse of the 8 MB CJK face (~240 ms a label otherwise, ~35 ms with the parse kept).
 */
function face(file: string): LabelFace {
  let parsed = faces.get(file);
  if (!parsed) {
    const doc = new PDFDocument({ autoFirstPage: false });
    doc.font(readFileSync(/*turbopackIgnore: true*/ file));
    parsed = (doc as unknown as { _font: { font: LabelFace } })._font.font;
    faces.set(file, parsed);
  }
  return parsed;
}

/** A DejaVu label font, parsed. */
export function labelFace(font: LabelFont): LabelFace {
  const dir = packageDir(DEJAVU);
  if (!dir) throw new Error(`the label fonts (npm package ${DEJAVU.name}) are not installed`);
  return face(path.join(/*turbopackIgnore: true*/ dir, DEJAVU.files[font]));
}

/** A label font's CJK counterpart, parsed; null when no CJK face is installed. */
export function cjkFace(font: LabelFont): LabelFace | null {
  const dir = cjkDir === undefined ? packageDir(CJK) : cjkDir;
  return dir ? face(path.join(/*turbopackIgnore: true*/ dir, CJK.files[font])) : null;
}

/**
 * Where labels take their CJK faces from: a folder holding Noto Sans Hans Regular and Bold (a
 * deployment that ships them elsewhere), null for none (names in Chinese then print as their GLN),
 * undefined for the npm package (the default).
 */
export function useCjkFonts(dir: string | null | undefined): void {
  cjkDir = dir;
}

/** Registers the label fonts in a pdfkit document under the names "sans", "bold" and "mono". */
export function registerLabelFonts(doc: PDFKit.PDFDocument): void {
  // pdfkit takes a parsed font (see `face`); @types/pdfkit lists only files and bytes.
  for (const font of Object.keys(DEJAVU.files) as LabelFont[])
    doc.registerFont(font, labelFace(font) as unknown as Buffer);
}

/**
 * Registers a label font's CJK counterpart in a document, on first need (a label without Chinese
 * neither reads nor embeds it), as "<font>-cjk"; null when no CJK face is installed.
 */
export function registerCjkFont(doc: PDFKit.PDFDocument, font: LabelFont): CjkLabelFont | null {
  const cjk = cjkFace(font);
  if (!cjk) return null;
  doc.registerFont(`${font}-cjk`, cjk as unknown as Buffer);
  return `${font}-cjk`;
}
