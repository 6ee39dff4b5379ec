/**
 * A video file for Chromium's fake camera (--use-file-for-fake-video-capture): a Y4M stream
 * (YUV 4:2:0, 8 bit) whose frames show one QR code, as if a phone or a counter camera were held
 * steadily over a printed label. Chromium plays the file in a loop.
 */
import { writeFile } from "node:fs/promises";
import { qrMatrix } from "@tracemed/codes";

export interface CameraVideo {
  width?: number;
  height?: number;
  frames?: number;
  /** pixels a QR module */
  scale?: number;
}

export async function writeQrVideo(file: string, text: string, options: CameraVideo = {}): Promise<void> {
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const frames = options.frames ?? 30;
  const m = qrMatrix(text);
  // Largest whole-pixel modules that leave a quiet zone of at least 8 modules around the code.
  const scale = options.scale ?? Math.max(2, Math.floor(Math.min(width, height) / (m.width + 16)));
  const size = m.width * scale;
  if (size > width || size > height) throw new Error(`a ${m.width}-module QR does not fit ${width}x${height}`);
  const left = Math.floor((width - size) / 2);
  const top = Math.floor((height - size) / 2);

  const luma = Buffer.alloc(width * height, 235); // white paper (video range)
  for (let y = 0; y < m.height; y++)
    for (let x = 0; x < m.width; x++) {
      if (!m.modules[y * m.width + x]) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = (top + y * scale + dy) * width + left + x * scale;
        luma.fill(16, row, row + scale); // black ink
      }
    }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128); // no colour
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`, "ascii");
  const frame = Buffer.concat([Buffer.from("FRAME\n", "ascii"), luma, chroma, chroma]);
  await writeFile(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
