import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import fc from "fast-check";
import { CodesError } from "./errors";
import { rasterize, type ModuleMatrix } from "./labels/matrix";
import { qrMatrix } from "./labels/qr";

export { ACCEPTED_TEXT, LOT_VECTORS, REFUSED_TEXT, type LotVector, type TextVector } from "./textVectors";

/** Runs `fn`; passes when it returns or throws a CodesError, fails on any other exception. */
export function onlyTypedErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CodesError, `expected a CodesError, got ${String(e)}`);
    assert.equal(typeof e.code, "string");
    assert.ok(e.message.length > 0);
  }
}

/**
 * Runs `check` on 1,500 inputs, each either any string of up to 80 UTF-16 code units or up to
 * `maxTokens` of `tokens` joined: the parser fuzz of every reader of scanned or typed text.
 */
export function fuzzText(tokens: fc.Arbitrary<string>, maxTokens: number, check: (s: string) => void): void {
  const text = fc.oneof(
    fc.string({ unit: "binary", maxLength: 80 }),
    fc.array(tokens, { maxLength: maxTokens }).map((a) => a.join("")),
  );
  fc.assert(fc.property(text, check), { numRuns: 1500 });
}

/** The typed error `fn` throws (fails when it throws nothing or something untyped). */
export function typedError(fn: () => unknown): CodesError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CodesError, `expected a CodesError, got ${String(e)}`);
    return e;
  }
  assert.fail("expected a CodesError");
}

/** A camera frame in grey: one byte a pixel, 16 black ink, 235 white paper (video range). */
export interface Frame {
  width: number;
  height: number;
  luma: Uint8Array;
}

/**
 * A code held steadily in front of a camera: centred, in the largest whole-pixel modules that
 * leave a quiet zone of at least 8 modules around it.
 */
export function frameOf(m: ModuleMatrix, width = 640, height = 480): Frame {
  const quiet = 8;
  const scale = Math.floor(Math.min(width, height) / (Math.max(m.width, m.height) + 2 * quiet));
  if (scale < 1) throw new Error(`a ${m.width}x${m.height}-module code does not fit ${width}x${height}`);
  const code = rasterize(m, scale, quiet);
  const left = Math.floor((width - code.width) / 2);
  const top = Math.floor((height - code.height) / 2);
  const luma = new Uint8Array(width * height).fill(235);
  for (let y = 0; y < code.height; y++)
    for (let x = 0; x < code.width; x++) if (!code.pixels[y * code.width + x]) luma[(top + y) * width + left + x] = 16;
  return { width, height, luma };
}

/** The frame as RGBA pixels (what a canvas's getImageData gives the scanner). */
export function rgbaOf(f: Frame): { data: Uint8ClampedArray; width: number; height: number; colorSpace: "srgb" } {
  const data = new Uint8ClampedArray(f.width * f.height * 4);
  for (let i = 0; i < f.luma.length; i++) {
    data[i * 4] = data[i * 4 + 1] = data[i * 4 + 2] = f.luma[i]!;
    data[i * 4 + 3] = 255;
  }
  return { data, width: f.width, height: f.height, colorSpace: "srgb" };
}

/**
 * A video for Chromium's fake camera (`--use-fake-device-for-media-stream
 * --use-file-for-fake-video-capture=<file>`), which plays it in a loop: `frames` frames at 30 fps
 * of the QR code of `text` (as `frameOf` draws it), as a y4m file, a text header and raw I420
 * frames whose luma is the picture and whose chroma is neutral.
 */
export async function writeQrVideo(file: string, text: string, options: { frames?: number } = {}): Promise<void> {
  const f = frameOf(qrMatrix(text));
  const chroma = Buffer.alloc((f.width / 2) * (f.height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n", "ascii"), f.luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${f.width} H${f.height} F30:1 Ip A1:1 C420jpeg\n`, "ascii");
  await writeFile(file, Buffer.concat([header, ...Array.from({ length: options.frames ?? 30 }, () => frame)]));
}

/** Label PDFs read back as a printer and a scanner would: renders, decoders, pdffonts, pdftotext. */
export * from "./labels/printed";
