/**
 * QR decoding in Node with zxing-wasm (the library the app's camera scanner uses), its WebAssembly
 * read from node_modules, never from the network. Reads every code in an image at once.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";

let prepared: Promise<unknown> | undefined;

function prepare(): Promise<unknown> {
  prepared ??= (async () => {
    const file = createRequire(import.meta.url).resolve("zxing-wasm/reader/zxing_reader.wasm");
    const bytes = await readFile(file);
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    return prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  })();
  return prepared;
}

/** The texts of every valid QR code in an RGBA image, top-left first. */
export async function decodeQrCodes(rgba: Uint8ClampedArray, width: number, height: number): Promise<string[]> {
  await prepare();
  const image = { data: rgba, width, height, colorSpace: "srgb" } as ImageData;
  const results = await readBarcodes(image, { formats: ["QRCode"], maxNumberOfSymbols: 255 });
  return results.filter((r) => r.isValid).map((r) => r.text);
}

/** An 8-bit grey image (a video frame's luma plane, say) as RGBA. */
export function greyToRgba(grey: Uint8Array): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(grey.length * 4);
  for (let i = 0; i < grey.length; i++) rgba.fill(grey[i]!, 4 * i, 4 * i + 3).fill(255, 4 * i + 3, 4 * i + 4);
  return rgba;
}
