/**
 * Pages as HTTP answers: gzip when the client accepts it (at a fast level, never for tiny bodies), and the
 * caching a page's content allows.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { constants, gzipSync } from "node:zlib";

/** Below this, gzip's header and a round of CPU cost more than the bytes saved. */
const MIN_GZIP_BYTES = 1024;

export const acceptsGzip = (req: IncomingMessage) => /\bgzip\b/i.test(String(req.headers["accept-encoding"] ?? ""));

/** Writes a body, gzipped when accepted and worth it (or when `gzipped` was made ahead, as assets are). */
export function sendBody(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: Buffer,
  headers: Record<string, string>,
  gzipped?: Buffer,
): void {
  const zip = acceptsGzip(req) && body.length >= MIN_GZIP_BYTES;
  const out = zip ? (gzipped ?? gzipSync(body, { level: constants.Z_BEST_SPEED })) : body;
  res.writeHead(status, {
    ...headers,
    vary: "accept-encoding",
    "content-length": String(out.length),
    ...(zip ? { "content-encoding": "gzip" } : {}),
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
