/**
 * Pages as HTTP answers: compressed when the client accepts it (brotli, else gzip, at a fast level; never for
 * tiny bodies), and the caching a page's content allows.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** Below this, a compressor's header and a round of CPU cost more than the bytes saved. */
const MIN_COMPRESS_BYTES = 1024;

/** Whether the client takes `coding` (named in Accept-Encoding, and not with q=0). */
function accepts(req: IncomingMessage, coding: "br" | "gzip"): boolean {
  for (const part of String(req.headers["accept-encoding"] ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (name === coding) return !params.some((p) => /^\s*q=0(?:\.0*)?\s*$/.test(p));
  }
  return false;
}

export const acceptsGzip = (req: IncomingMessage) => accepts(req, "gzip");

/**
 * Brotli at quality 1 compresses a pack page (about 12 KB) in about a third of gzip level 1's time, with
 * output a few percent larger: at 50 connections gzip was a quarter of the service's CPU for a page.
 */
const brotli = (body: Buffer) =>
  brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });

/**
 * Writes a body, compressed when accepted and worth it (with `gzipped` when it was made ahead, as assets
 * are: then gzip, never compressed again per request).
 */
export function sendBody(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: Buffer,
  headers: Record<string, string>,
  gzipped?: Buffer,
): void {
  const worth = body.length >= MIN_COMPRESS_BYTES;
  const coding = !worth ? null : !gzipped && accepts(req, "br") ? "br" : acceptsGzip(req) ? "gzip" : null;
  const out =
    coding === "br"
      ? brotli(body)
      : coding === "gzip"
        ? (gzipped ?? gzipSync(body, { level: constants.Z_BEST_SPEED }))
        : body;
  res.writeHead(status, {
    ...headers,
    vary: "accept-encoding",
    "content-length": String(out.length),
    ...(coding ? { "content-encoding": coding } : {}),
  });
  res.end(req.method === "HEAD" ? undefined : out);
}

/**
 * A page. `no-store`: a pack's status must never come from a cache; `private, no-store` for anything with a
 * verdict or a report in it.
 */
export function sendPage(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  page: string,
  cache: "no-store" | "private, no-store" = "no-store",
  headers: Record<string, string> = {},
): void {
  sendBody(req, res, status, Buffer.from(page, "utf8"), {
    "content-type": "text/html; charset=utf-8",
    "cache-control": cache,
    "content-language": page.slice(0, 200).match(/<html lang="([^"]+)"/)?.[1] ?? "en",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    ...headers,
  });
}

/** A redirect (303 after a form's GET, 307 for the resolver) with no body worth sending. */
export function redirect(
  res: ServerResponse,
  status: 303 | 307,
  location: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { location, "cache-control": "no-store", "content-length": "0", ...headers });
  res.end();
}
