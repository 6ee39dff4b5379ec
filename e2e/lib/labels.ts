/**
 * What a test reads back from downloaded label files: the QR codes printed in a label PDF (the
 * pages rendered by poppler's pdftoppm, as a scanner would see the printed sheet) and the
 * serialization CSV.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PNG } from "pngjs";
import { decodeQrCodes } from "./qr";

const run = promisify(execFile);

export const PDFTOPPM = process.env.E2E_PDFTOPPM ?? "/usr/bin/pdftoppm";

/** Every QR code on the first `pages` pages of a PDF, rendered at 200 dpi as a scanner sees print. */
export async function decodePdfQrCodes(pdf: string, options: { pages?: number } = {}): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), "tracemed-pdf-"));
  try {
    await run(PDFTOPPM, [
      "-r",
      "200",
      "-png",
      "-f",
      "1",
      "-l",
      String(options.pages ?? 1),
      pdf,
      path.join(dir, "page"),
    ]);
    const found: string[] = [];
    for (const file of (await readdir(dir)).sort()) {
      const png = PNG.sync.read(await readFile(path.join(dir, file)));
      found.push(...(await decodeQrCodes(new Uint8ClampedArray(png.data), png.width, png.height)));
    }
    return found;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The serialization CSV read back (packages/codes owns its format, writer and reader). */
export { parsePackCsv as parseCsv } from "@tracemed/codes";
