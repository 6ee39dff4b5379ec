import { darkRuns, type ModuleMatrix } from "./matrix";

/** A number as a PDF operand: at most two decimals (1/7200 in, far below any printer's dot). */
export const n2 = (v: number) => (Math.round(v * 100) / 100).toString();

/**
 * PDF path of a 2D symbol's dark modules at (x, y) top-left in pdfkit's top-down points: one
 * rectangle per horizontal run, one fill for the symbol.
 */
export function modulePath(m: ModuleMatrix, x: number, y: number, module: number): string {
  let out = "";
  for (const [rx, ry, len] of darkRuns(m))
    out += `${n2(x + rx * module)} ${n2(y + ry * module)} ${n2(len * module)} ${n2(module)} re\n`;
  return out;
}

/**
 * PDF path of a linear symbol: `widths` alternate bar, space, bar, ... in modules (bwip-js's
 * `sbs`), drawn from (x, y) top-left, `module` points a module and `height` points tall.
 */
export function barsPath(widths: readonly number[], x: number, y: number, module: number, height: number): string {
  let out = "";
  let at = x;
  widths.forEach((w, i) => {
    if (i % 2 === 0) out += `${n2(at)} ${n2(y)} ${n2(w * module)} ${n2(height)} re\n`;
    at += w * module;
  });
  return out;
}

/**
 * Adds a filled symbol to the page, with a comment naming it (`% tracemed:<kind> <id>`) so that
 * tests and tools can find each symbol in the content stream.
 */
export function fillSymbol(doc: PDFKit.PDFDocument, kind: string, id: string | number, path: string): void {
  doc.addContent(`% tracemed:${kind} ${id}\nq 0 g\n${path}f\nQ\n`);
}
