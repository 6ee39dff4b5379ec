/**
 * Forwards a request to another HTTP server (the Next.js app) and streams its answer back: what lets
 * the lean verification service stand on the public port, answer the consumer hot paths itself and
 * hand every other path to the web app.
 */
import { Agent, request, type IncomingMessage, type ServerResponse } from "node:http";

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, not the message. */
const HOP = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"]);

/** What a client may say of where it came from or what it asked for: replaced, never passed on. */
const FORWARDED = new Set([
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-port",
  "x-forwarded-proto",
]);

/** `publicOrigin` (PUBLIC_ORIGIN) is what the web app is told it is reached at, whatever Host the client sent. */
export function forwarder(origin: string, publicOrigin?: string) {
  const target = new URL(origin);
  const reachedAt = publicOrigin ? new URL(publicOrigin) : null;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return (req: IncomingMessage, res: ServerResponse, clientAddress: string) => {
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined && !HOP.has(k) && !FORWARDED.has(k)) headers[k] = v;
    // This service faces the client: what it says of the client replaces whatever the client claimed.
    headers["x-forwarded-for"] = clientAddress;
    if (reachedAt) {
      headers["x-forwarded-proto"] = reachedAt.protocol.slice(0, -1);
      headers["x-forwarded-host"] = reachedAt.host;
    }
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
        agent,
      },
      (answer) => {
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(answer.headers)) if (v !== undefined && !HOP.has(k)) out[k] = v;
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
        answer.pipe(res);
        answer.on("error", () => res.destroy());
      },
    );
    upstream.on("error", () => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { "content-type": "application/json; charset=utf-8", "retry-after": "5" });
      res.end(
        JSON.stringify({
          error: {
            code: "WebAppUnavailable",
            message: "The web app cannot answer right now. Please try again shortly.",
          },
        }),
      );
    });
    req.pipe(upstream);
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
  };
}
