import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

test("the browser entry point reaches no Node-only module", () => {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(file, "utf8");
    assert.ok(
      !/\bBuffer\b|\bprocess\./.test(src.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, "")),
      `${file} uses a Node global`,
    );
    for (const m of src.matchAll(/from "([^"]+)"/g)) {
      const spec = m[1]!;
      assert.ok(
        !spec.startsWith("node:") && !["hash-wasm", "pdfkit", "bwip-js", "qrcode"].includes(spec),
        `${file} imports ${spec}`,
      );
      if (spec.startsWith(".")) visit(fileURLToPath(new URL(spec + ".ts", "file://" + file)));
    }
  };
  visit(fileURLToPath(new URL("./browser.ts", import.meta.url)));
  assert.ok(seen.size > 15);
});
