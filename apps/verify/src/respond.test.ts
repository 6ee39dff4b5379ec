import assert from "node:assert/strict";
import { once } from "node:events";
import { createServer, request, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import { brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { sendBody } from "./respond";

const PAGE = Buffer.from(`<!doctype html><p>${"Genuine pack 正品 ".repeat(200)}</p>`);
const TINY = Buffer.from("<p>ok</p>");
const ASSET = Buffer.from(`console.log(${JSON.stringify("x".repeat(4000))})`);
const ASSET_GZ = gzipSync(ASSET, { level: 9 });

describe("a page's compression", () => {
  const server = createServer((req, res) => {
    const headers = { "content-type": "text/html; charset=utf-8" };
    if (req.url === "/tiny") sendBody(req, res, 200, TINY, headers);
    else if (req.url === "/asset") sendBody(req, res, 200, ASSET, headers, ASSET_GZ);
    else sendBody(req, res, 200, PAGE, headers);
  });
  before(async () => {
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
  });
  after(() => server.close());

  /** The raw answer (fetch would decode it): its headers and its bytes as sent. */
  async function get(path: string, acceptEncoding?: string) {
    const { port } = server.address() as AddressInfo;
    const req = request({
      host: "127.0.0.1",
      port,
      path,
      headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {},
    });
    req.end();
    const [res] = (await once(req, "response")) as [NodeJS.ReadableStream & { headers: IncomingHttpHeaders }];
    const chunks: Buffer[] = [];
    for await (const c of res) chunks.push(c as Buffer);
    return { headers: res.headers, body: Buffer.concat(chunks) };
  }

  it("aPhoneThatTakesBrotli_getsBrotli_andAnOlderOneGzip_andTheSameBytesEitherWay", async () => {
    const br = await get("/", "gzip, deflate, br, zstd");
    assert.equal(br.headers["content-encoding"], "br");
    assert.ok(br.body.length < PAGE.length / 4, `${br.body.length} bytes sent for ${PAGE.length}`);
    assert.deepEqual(brotliDecompressSync(br.body), PAGE);
    const gz = await get("/", "gzip");
    assert.equal(gz.headers["content-encoding"], "gzip");
    assert.deepEqual(gunzipSync(gz.body), PAGE);
    assert.equal((await get("/", "br;q=0, gzip")).headers["content-encoding"], "gzip", "br refused by q=0");
    const plain = await get("/");
    assert.equal(plain.headers["content-encoding"], undefined);
    assert.deepEqual(plain.body, PAGE);
    assert.equal(br.headers.vary, "accept-encoding");
  });

  it("aTinyBodyIsSentAsItIs_andAnAssetCompressedAheadIsNotCompressedAgain", async () => {
    const tiny = await get("/tiny", "br, gzip");
    assert.equal(tiny.headers["content-encoding"], undefined);
    assert.deepEqual(tiny.body, TINY);
    const asset = await get("/asset", "br, gzip");
    assert.equal(asset.headers["content-encoding"], "gzip");
    assert.deepEqual(asset.body, ASSET_GZ);
  });
});
