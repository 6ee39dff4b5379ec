/**
 * A product's patient leaflet, through the routes as Next.js calls them: its manufacturer attaches a PDF
 * or an https link per language; anyone reads it at /leaflet/{gtin}/{locale}; every refusal is a JSON 4xx.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createProduct } from "@tracemed/registration/products";
import { callRoute, startAppWorld } from "@/lib/testing/appRoutes";

const GTIN = "06901234999990"; // under the test maker's prefix 6901234
const STAFF = "api/manufacturer/products/[gtin]/leaflets/[locale]";
const PUBLIC = "leaflet/[gtin]/[locale]";
const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

describe("patient leaflets per product and language", () => {
  let world: Awaited<ReturnType<typeof startAppWorld>>;
  let cookie: string;

  before(async () => {
    world = await startAppWorld("leaflet");
    cookie = world.cookie("maker");
    await createProduct(world.database.db, world.ledger.cast.maker.address, {
      gtin: GTIN,
      name: "Paracetamol",
      strength: "500 mg",
      dosageForm: "tablet",
      packSize: "16 tablets",
    });
  });
  after(async () => world?.stop());

  const attach = (locale: string, body: unknown, type?: string, url?: string) =>
    callRoute(STAFF, "PUT", {
      params: { gtin: GTIN, locale },
      url,
      body,
      headers: { cookie, ...(type ? { "content-type": type } : {}) },
    });
  const read = (locale: string, headers: Record<string, string> = {}, gtin = GTIN) =>
    callRoute(PUBLIC, "GET", { params: { gtin, locale }, headers });
  const errorOf = async (res: Response) => {
    assert.match(res.headers.get("content-type") ?? "", /application\/json/);
    return ((await res.json()) as { error: { code: string; message: string } }).error;
  };

  it("servesAnAttachedPdfInline_withItsHashAsETag_andA304ForAPhoneThatHasIt", async () => {
    const put = await attach(
      "zh-CN",
      PDF,
      "application/pdf",
      `http://127.0.0.1/x?name=${encodeURIComponent("说明书.pdf")}`,
    );
    assert.equal(put.status, 200, JSON.stringify(await put.clone().json()));
    const res = await read("zh-CN");
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/pdf");
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.equal(
      res.headers.get("content-disposition"),
      `inline; filename*=UTF-8''${encodeURIComponent("说明书.pdf")}`,
    );
    assert.deepEqual(new Uint8Array(await res.arrayBuffer()), PDF);
    const etag = res.headers.get("etag")!;
    assert.match(etag, /^"[0-9a-f]{64}"$/);
    const again = await read("zh-CN", { "if-none-match": etag });
    assert.equal(again.status, 304);
    assert.equal((await again.arrayBuffer()).byteLength, 0);
  });

  it("redirectsToAnAttachedLink_andALinkReplacesTheFile", async () => {
    const put = await attach("en", { url: "https://pharma.example.com/leaflets/paracetamol-en.pdf" });
    assert.equal(put.status, 200);
    const res = await read("en");
    assert.equal(res.status, 302);
    assert.equal(res.headers.get("location"), "https://pharma.example.com/leaflets/paracetamol-en.pdf");
    await attach("zh-CN", { url: "https://pharma.example.com/zh.pdf" });
    assert.equal((await read("zh-CN")).headers.get("location"), "https://pharma.example.com/zh.pdf");
  });

  it("answers404JsonWhenThereIsNone_andAfterItIsRemoved", async () => {
    const del = await callRoute(STAFF, "DELETE", { params: { gtin: GTIN, locale: "en" }, headers: { cookie } });
    assert.equal(del.status, 200);
    const res = await read("en");
    assert.equal(res.status, 404);
    const error = await errorOf(res);
    assert.equal(error.code, "LeafletNotFound");
    assert.match(error.message, /no patient leaflet in English/);
    assert.equal((await errorOf(await read("en", {}, "09521234543213"))).code, "LeafletNotFound");
  });

  it("refusesABadAddress_withAJson400", async () => {
    for (const [locale, gtin, code] of [
      ["fr", GTIN, "LeafletLocale"],
      ["zh", GTIN, "LeafletLocale"],
      ["en", "123", "GtinLength"],
      ["en", "06901234999991", "GtinCheckDigit"],
    ] as const) {
      const res = await read(locale, {}, gtin);
      assert.equal(res.status, 400, `${gtin}/${locale}`);
      const error = await errorOf(res);
      assert.equal(error.code, code);
      assert.match(error.message, /^[^\n]+\.$/);
    }
  });

  it("refusesWhatCannotBeALeaflet_withAJson4xxNamingIt", async () => {
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(PDF);
    for (const [body, type, status, code, message] of [
      [new TextEncoder().encode("<html>not a pdf</html>"), "application/pdf", 415, "LeafletNotPdf", /PDF/],
      [new Uint8Array(0), "application/pdf", 415, "LeafletNotPdf", /PDF/],
      [big, "application/pdf", 413, "LeafletTooLarge", /10 MB/],
      [{ url: "http://pharma.example.com/a.pdf" }, undefined, 400, "LeafletLinkInvalid", /https/],
      [{ url: "https://user:pw@pharma.example.com/a.pdf" }, undefined, 400, "LeafletLinkInvalid", /password/],
      [{ url: "javascript:alert(1)" }, undefined, 400, "LeafletLinkInvalid", /https/],
      [{ link: "https://pharma.example.com" }, undefined, 400, "LeafletLinkInvalid", /https/],
      [new TextEncoder().encode("hello"), "text/plain", 415, "UnsupportedMediaType", /application\/pdf/],
    ] as const) {
      const res = await attach("en", body, type);
      assert.equal(res.status, status, code);
      const error = await errorOf(res);
      assert.equal(error.code, code);
      assert.match(error.message, message);
    }
    assert.equal((await read("en")).status, 404, "nothing refused was kept");
    const other = await callRoute(STAFF, "PUT", {
      params: { gtin: "09521234543213", locale: "en" },
      body: { url: "https://pharma.example.com/a.pdf" },
      headers: { cookie },
    });
    assert.equal(other.status, 404);
    assert.equal((await errorOf(other)).code, "ProductNotFound");
  });
});
