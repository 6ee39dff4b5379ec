/**
 * zxing-wasm (ZXing-C++ compiled to WebAssembly) reading QR codes and GS1 DataMatrix from camera
 * frames. The .wasm is served by this app from /zxing/ (public/zxing/, kept equal to the installed
 * package by a test): never from the package's default CDN, which hospital firewalls and offline
 * counters cannot reach.
 */
import { prepareZXingModule, readBarcodes, type ReadResult } from "zxing-wasm/reader";

/** Where the app serves the reader's WebAssembly. */
export const ZXING_WASM_PATH = "/zxing/zxing_reader.wasm";

let ready: Promise<unknown> | undefined;

/** Loads the reader once (the first camera start pays ~1 MB; later starts reuse it). */
export function loadZxing(): Promise<unknown> {
  ready ??= prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) => (path.endsWith(".wasm") ? ZXING_WASM_PATH : prefix + path),
    },
    fireImmediately: true,
  }).catch((error: unknown) => {
    ready = undefined;
    throw error;
  });
  return ready;
}

// Symbology identifiers that mean "GS1 data, FNC1 first": keep them so parseScan reads the element string.
const GS1_SYMBOLOGIES = new Set(["]d2", "]Q3", "]C1", "]e0", "]J1"]);

/** The text a barcode scanner would have typed for this result (symbology identifier kept for GS1). */
export function scanText(r: Pick<ReadResult, "text" | "symbologyIdentifier">): string {
  return GS1_SYMBOLOGIES.has(r.symbologyIdentifier) ? `${r.symbologyIdentifier}${r.text}` : r.text;
}

/** The first QR code or DataMatrix in a frame, as scanner text; null when none is readable. */
export async function readFrame(image: ImageData): Promise<string | null> {
  await loadZxing();
  const results = await readBarcodes(image, {
    formats: ["QRCode", "DataMatrix"],
    tryHarder: true,
    maxNumberOfSymbols: 1,
    textMode: "Plain",
  });
  const hit = results.find((r) => r.isValid && r.text);
  return hit ? scanText(hit) : null;
}
