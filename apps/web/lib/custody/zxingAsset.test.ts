import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, it } from "node:test";

describe("the camera scanner's WebAssembly", () => {
  it("servedWasm_isTheInstalledZxingReader_soNoCdnIsEverAsked", () => {
    const require = createRequire(import.meta.url);
    const installed = readFileSync(require.resolve("zxing-wasm/reader/zxing_reader.wasm"));
    const served = readFileSync(path.join(import.meta.dirname, "../../public/zxing/zxing_reader.wasm"));
    assert.ok(
      installed.equals(served),
      "public/zxing/zxing_reader.wasm differs from the installed zxing-wasm: copy node_modules/zxing-wasm/dist/reader/zxing_reader.wasm there",
    );
    const loader = readFileSync(path.join(import.meta.dirname, "../../components/scan/zxing.ts"), "utf8");
    assert.match(loader, /locateFile/, "the loader points zxing-wasm at the app's own copy");
  });
});
