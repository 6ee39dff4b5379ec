import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { before, describe, it } from "node:test";
import { dataMatrixMatrix, qrMatrix, withCheckDigit } from "@tracemed/codes";
import { frameOf, rgbaOf } from "@tracemed/codes/testing";
import { prepareZXingModule, readBarcodes } from "zxing-wasm/reader";
import { scanText } from "@tracemed/consumer/browser/zxing";
import { readCode } from "./readCode";
import { buildSscc, ssccDigitalLink } from "@tracemed/codes/browser";

const served = readFileSync(path.join(import.meta.dirname, "../../public/zxing/zxing_reader.wasm"));

describe("the camera scanner's WebAssembly", () => {
  it("servedWasm_isTheInstalledZxingReader_soNoCdnIsEverAsked", () => {
    const require = createRequire(import.meta.url);
    const installed = readFileSync(require.resolve("zxing-wasm/reader/zxing_reader.wasm"));
    assert.ok(
      installed.equals(served),
      "public/zxing/zxing_reader.wasm differs from the installed zxing-wasm: copy node_modules/zxing-wasm/dist/reader/zxing_reader.wasm there",
    );
    const loader = readFileSync(
      path.join(import.meta.dirname, "../../../../packages/consumer/src/browser/zxing.ts"),
      "utf8",
    );
    assert.match(loader, /locateFile/, "the loader points zxing-wasm at the app's own copy");
  });
});

describe("what the camera reads is what the pages understand", () => {
  before(async () => {
    // The same reader build the browser gets, from the app's own copy.
    await prepareZXingModule({
      overrides: { wasmBinary: served.buffer.slice(served.byteOffset, served.byteOffset + served.byteLength) },
      fireImmediately: true,
    });
  });
  const read = async (m: Parameters<typeof frameOf>[0]) => {
    const results = await readBarcodes(rgbaOf(frameOf(m)) as unknown as ImageData, {
      formats: ["QRCode", "DataMatrix"],
      tryHarder: true,
      maxNumberOfSymbols: 1,
      textMode: "Plain",
    });
    assert.equal(results.length, 1, "one code found in the frame");
    return scanText(results[0]!);
  };

  it("shipmentLabelQr_readsBackAsItsSscc", async () => {
    const sscc = buildSscc("6901234000047", 4711, 2);
    const text = await read(qrMatrix(ssccDigitalLink("http://127.0.0.1:3000", sscc)));
    assert.deepEqual(readCode(text), { kind: "shipment", sscc, raw: text });
  });

  it("gs1DataMatrixOnAPack_keepsItsSymbologyAndSeparators_andReadsAsThePack", async () => {
    const pack = { gtin: withCheckDigit("0690123456001"), lot: "AMX2611A", serial: "TPNU64TTLXJ1", expiry: "281111" };
    const text = await read(dataMatrixMatrix(pack));
    assert.match(text, /^\]d2/, "GS1 DataMatrix carries ]d2, so the element string is read as GS1");
    const code = readCode(text);
    assert.equal(code.kind, "pack");
    if (code.kind === "pack")
      assert.deepEqual({ gtin: code.gtin, lot: code.lot, serial: code.serial, expiry: code.expiry }, pack);
  });
});
