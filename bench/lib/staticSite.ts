/**
 * The consumer benchmark's baseline: a bare node:http server serving saved copies of the consumer's pages
 * (their HTML without scripts, and their stylesheets) from memory, gzip-compressed once at start, as a
 * static site would. It also answers the GS1 Digital Link with the redirect the product gives (303 to the
 * pack page), so that the QR landing can be measured against it request for request.
 *
 *   node --import tsx bench/lib/staticSite.ts <site.json> <port>
 *
 * site.json: { "files": { "<path>": { "type": "<content-type>", "body": "<text>" } }, "pack": "<path>" }:
 * every /pack/… path answers the file at `pack`.
 */
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";

interface Site {
  files: Record<string, { type: string; body: string }>;
  pack: string;
}

const [file, port] = process.argv.slice(2);
const site = JSON.parse(readFileSync(file!, "utf8")) as Site;
const files = new Map(
  Object.entries(site.files).map(([p, f]) => {
    const raw = Buffer.from(f.body);
    return [p, { type: f.type, raw, gzip: raw.length > 1024 ? gzipSync(raw, { level: 9 }) : null }];
  }),
);
const LINK = /^\/01\/(\d{14})\/10\/([^/?]+)\/21\/([^/?]+)(\?.*)?$/;

createServer((req, res) => {
  const url = req.url ?? "/";
  const link = LINK.exec(url);
  if (link) {
    res.writeHead(303, { location: `/pack/${link[1]}/${link[2]}/${link[3]}${link[4] ?? ""}`, "content-length": 0 });
    return res.end();
  }
  const p = url.split("?")[0]!;
  const f = files.get(p.startsWith("/pack/") ? site.pack : p);
  if (!f) {
    res.writeHead(404, { "content-length": 0 });
    return res.end();
  }
  const gzip = f.gzip && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? "")) ? f.gzip : null;
  res.writeHead(200, {
    "content-type": f.type,
    "content-length": (gzip ?? f.raw).length,
    ...(gzip ? { "content-encoding": "gzip" } : {}),
  });
  res.end(gzip ?? f.raw);
}).listen(Number(port), "127.0.0.1");
