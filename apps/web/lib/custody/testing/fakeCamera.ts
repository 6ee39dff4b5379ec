/**
 * Pictures of codes for tests: a code's modules drawn into a grey-scale frame, as an RGBA image
 * (for zxing in Node) or as a y4m video for Chromium's fake camera
 * (`--use-fake-device-for-media-stream --use-file-for-fake-video-capture=<file.y4m>`).
 * A y4m is a text header and raw I420 frames: the luma plane is the picture, chroma is neutral.
 */
import { writeFileSync } from "node:fs";
import type { ModuleMatrix } from "@tracemed/codes";

export interface Frame {
  width: number;
  height: number;
  /** one byte per pixel, 16 = black, 235 = white (video range) */
  luma: Uint8Array;
}

/** Draws the code centred with a 4-module quiet zone, filling ~80% of the shorter side. */
export function frameOf(m: ModuleMatrix, width = 640, height = 480): Frame {
  const quiet = 4;
  const modules = Math.max(m.width, m.height) + 2 * quiet;
  const scale = Math.max(1, Math.floor((Math.min(width, height) * 0.8) / modules));
  const x0 = Math.floor((width - modules * scale) / 2) + quiet * scale;
  const y0 = Math.floor((height - modules * scale) / 2) + quiet * scale;
  const luma = new Uint8Array(width * height).fill(235);
  for (let r = 0; r < m.height; r++)
    for (let c = 0; c < m.width; c++) {
      if (!m.modules[r * m.width + c]) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = (y0 + r * scale + dy) * width;
        luma.fill(16, row + x0 + c * scale, row + x0 + (c + 1) * scale);
      }
    }
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

/** Writes `frames` copies of the frame as a 10 fps y4m video (Chromium loops it). */
export function writeY4m(file: string, f: Frame, frames = 10): void {
  const chroma = Buffer.alloc((f.width / 2) * (f.height / 2) * 2, 128);
  const parts: Buffer[] = [Buffer.from(`YUV4MPEG2 W${f.width} H${f.height} F10:1 Ip A1:1 C420jpeg\n`)];
  for (let i = 0; i < frames; i++) parts.push(Buffer.from("FRAME\n"), Buffer.from(f.luma), chroma);
  writeFileSync(file, Buffer.concat(parts));
}
