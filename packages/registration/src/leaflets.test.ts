import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { accountOf, stopSharedPostgres, useCodedWorld } from "@tracemed/indexer/testing";
import { DomainError } from "@tracemed/errors";
import { createProduct } from "./products";
import { readLeaflet, removeLeaflet, setLeafletFile, setLeafletLink } from "./leaflets";

after(stopSharedPostgres);

const PDF = new TextEncoder().encode("%PDF-1.7\n%%EOF\n");
const refusedWith = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code;

describe("patient leaflets", () => {
  const w = useCodedWorld("embedded PGlite");
  const maker = accountOf("maker");
  const gtin = "06901234000016";

  it("keeps one leaflet per language, a file or a link, and only the product's manufacturer sets it", async () => {
    await createProduct(w.db, maker, {
      gtin,
      name: "Ibuprofen",
      strength: "200 mg",
      dosageForm: "tablet",
      packSize: "20",
    });
    const kept = await setLeafletFile(w.db, maker, gtin, "zh-CN", { file: PDF, fileName: "C:\\leaflets\\说明书.pdf" });
    assert.equal(kept.fileName, "说明书.pdf", "only the file's own name is kept");
    const file = await readLeaflet(w.db, gtin, "zh-CN");
    assert.equal(file.kind, "file");
    if (file.kind === "file") {
      assert.deepEqual(new Uint8Array(file.file), PDF);
      assert.match(file.sha256, /^[0-9a-f]{64}$/);
    }
    await setLeafletLink(w.db, maker, gtin, "zh-CN", "https://pharma.example.com/zh.pdf");
    assert.deepEqual(
      { ...(await readLeaflet(w.db, gtin, "zh-CN")), updatedAt: null },
      { kind: "link", url: "https://pharma.example.com/zh.pdf", updatedAt: null },
    );
    await assert.rejects(readLeaflet(w.db, gtin, "en"), refusedWith("LeafletNotFound"));
    await assert.rejects(
      setLeafletLink(w.db, accountOf("pharmacy"), gtin, "en", "https://evil.example.com/a.pdf"),
      refusedWith("GtinOwnedByAnother"),
    );
    await removeLeaflet(w.db, maker, gtin, "zh-CN");
    await assert.rejects(readLeaflet(w.db, gtin, "zh-CN"), refusedWith("LeafletNotFound"));
  });
});
