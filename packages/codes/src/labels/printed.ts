/**
 * Reading a label PDF back the way a printer and a scanner would (for tests): pages rendered by
 * poppler's pdftoppm, symbols decoded from the pixels by independent decoders (jsQR for QR,
 * @zxing/library for Data Matrix and Code 128), fonts listed by pdffonts, text by pdftotext.
 * Node-only, and it needs poppler-utils; never imported by the package's entry points.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import zx from "@zxing/library";
import jsQR from "jsqr";

const run = promisify(execFile);
const { BinaryBitmap, Code128Reader, DataMatrixReader, DecodeHintType, HybridBinarizer, RGBLuminanceSource } = zx;

/** A rendered page: 8-bit grey, 0 black, 255 white. */
export interface Raster {
  width: number;
  height: number;
  pixels: Uint8ClampedArray;
  dpi: number;
}

function parsePgm(buf: Buffer, dpi: number): Raster {
  // P5 <width> <height> <maxval> then one byte a pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString("latin1"));
  if (!header) throw new Error("not a binary PGM");
  const width = Number(header[1]);
  const height = Number(header[2]);
  const start = header[0].length;
  return { width, height, dpi, pixels: new Uint8ClampedArray(buf.subarray(start, start + width * height)) };
}

/** Renders pages [first, last] of a PDF at `dpi` in grey. */
export async function renderPdf(pdf: Buffer, options: { dpi?: number; first?: number; last?: number } = {}) {
  const dpi = options.dpi ?? 300;
  const dir = await mkdtemp(path.join(tmpdir(), "tracemed-label-"));
  try {
    const file = path.join(dir, "in.pdf");
    await writeFile(file, pdf);
    const args = ["-r", String(dpi), "-gray", "-f", String(options.first ?? 1)];
    if (options.last) args.push("-l", String(options.last));
    await run("pdftoppm", [...args, file, path.join(dir, "page")], { maxBuffer: 1 << 20 });
    const pages: Raster[] = [];
    for (const name of (await readdir(dir)).filter((n) => n.endsWith(".pgm")).sort())
      pages.push(parsePgm(await readFile(path.join(dir, name)), dpi));
    return pages;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `pdffonts`' table: every font's name, whether it is embedded and whether as a subset. */
export async function pdfFonts(pdf: Buffer): Promise<Array<{ name: string; embedded: boolean; subset: boolean }>> {
  return withFile(pdf, async (file) => {
    const { stdout } = await run("pdffonts", [file]);
    return stdout
      .split("\n")
      .slice(2)
      .filter((l) => l.trim())
      .map((l) => {
        const cols = l.trim().split(/\s+/);
        // name type... encoding emb sub uni objectId gen: emb is the 5th column from the end
        return { name: cols[0]!, embedded: cols[cols.length - 5] === "yes", subset: cols[cols.length - 4] === "yes" };
      });
  });
}

/** The text of a PDF as pdftotext reads it (what a reader or a preflight tool sees). */
export async function pdfText(pdf: Buffer): Promise<string> {
  return withFile(pdf, async (file) => (await run("pdftotext", ["-layout", file, "-"])).stdout);
}

async function withFile<T>(pdf: Buffer, fn: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "tracemed-label-"));
  try {
    const file = path.join(dir, "in.pdf");
    await writeFile(file, pdf);
    return await fn(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A symbol's place in the PDF: the bounding box, in points from the page's top left, of its bars. */
export interface SymbolBox {
  kind: string;
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Where the PDF's content streams (uncompressed) draw each symbol, in drawing order: the writers
 * mark each with `% tracemed:<kind> <id>` before its rectangles.
 */
export function symbolBoxes(pdf: Buffer): SymbolBox[] {
  const text = pdf.toString("latin1");
  return [...text.matchAll(/% tracemed:(\S+) (\S+)\nq 0 g\n([^f]*)f\nQ/g)].map(([, kind, id, body]) => {
    const rects = [...body!.matchAll(/([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) re/g)].map((m) => m.slice(1, 5).map(Number));
    const x = Math.min(...rects.map((r) => r[0]!));
    const y = Math.min(...rects.map((r) => r[1]!));
    const w = Math.max(...rects.map((r) => r[0]! + r[2]!)) - x;
    const h = Math.max(...rects.map((r) => r[1]! + r[3]!)) - y;
    return { kind: kind!, id: id!, x, y, w, h };
  });
}

/** The pixels of a box (points) with `pad` points around it, as a grey raster. */
export function crop(page: Raster, box: { x: number; y: number; w: number; h: number }, pad: number): Raster {
  const s = page.dpi / 72;
  const x0 = Math.max(0, Math.floor((box.x - pad) * s));
  const y0 = Math.max(0, Math.floor((box.y - pad) * s));
  const x1 = Math.min(page.width, Math.ceil((box.x + box.w + pad) * s));
  const y1 = Math.min(page.height, Math.ceil((box.y + box.h + pad) * s));
  const width = x1 - x0;
  const height = y1 - y0;
  const pixels = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y++)
    pixels.set(page.pixels.subarray((y0 + y) * page.width + x0, (y0 + y) * page.width + x1), y * width);
  return { width, height, pixels, dpi: page.dpi };
}

/** jsQR's reading of a QR code in the raster, or undefined. */
export function readQr(r: Raster): string | undefined {
  const rgba = new Uint8ClampedArray(r.width * r.height * 4);
  for (let i = 0; i < r.pixels.length; i++) rgba.fill(r.pixels[i]!, 4 * i, 4 * i + 3).fill(255, 4 * i + 3, 4 * i + 4);
  return jsQR(rgba, r.width, r.height)?.data;
}

function bitmap(r: Raster) {
  return new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(r.pixels, r.width, r.height)));
}

/** zxing's reading of a Data Matrix in the raster (FNC1 first comes back as a leading GS). */
export function readDataMatrix(r: Raster): string {
  return new DataMatrixReader().decode(bitmap(r)).getText();
}

/**
 * zxing's reading of a Code 128 symbol in the raster; FNC1 first (GS1-128) comes back as the
 * symbology identifier "]C1", a later FNC1 as GS.
 */
export function readCode128(r: Raster): string {
  const hints = new Map([
    [DecodeHintType.TRY_HARDER, true],
    [DecodeHintType.ASSUME_GS1, true],
  ]);
  return new Code128Reader().decode(bitmap(r), hints).getText();
}

/**
 * The darkest pixel within `margin` points of the page's edge (255: nothing printed there), and
 * where it is.
 */
export function darkestInMargin(page: Raster, margin: number): { value: number; x: number; y: number } {
  // Whole pixels only: the one the margin's line crosses holds the anti-aliased edge of what
  // ends exactly there.
  const m = Math.floor((margin * page.dpi) / 72);
  let best = { value: 255, x: -1, y: -1 };
  for (let y = 0; y < page.height; y++) {
    const inBand = y < m || y >= page.height - m;
    for (let x = 0; x < page.width; x++) {
      // Inside the band at the top and bottom every pixel; elsewhere the left and right strips.
      if (!inBand && x === m) x = page.width - m;
      const v = page.pixels[y * page.width + x]!;
      if (v < best.value) best = { value: v, x, y };
    }
  }
  return best;
}
