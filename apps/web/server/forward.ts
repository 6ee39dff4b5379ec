/**
 * Forwards a request to another HTTP server (the Next.js app) and streams its answer back: what lets
 * the lean verification service stand on the public port, answer the consumer hot paths itself and
 * hand every other path to the web app.
 */
import { Agent, request, type IncomingMessage, type ServerResponse } from "node:http";

/** Hop-by-hop headers (RFC 9110 §7.6.1): they describe one connection, not the message. */
const HOP = new Set(["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"]);

/** The header by which this service vouches for what it forwards (checked by apps/web/lib/frontGate.ts). */
export const FRONT_HEADER = "x-tracemed-front";

/** @param secret said in FRONT_HEADER on every forwarded request (a client's own value is dropped) */
export function forwarder(origin: string, secret?: string) {
  const target = new URL(origin);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  return (req: IncomingMessage, res: ServerResponse, clientAddress: string) => {
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined && !HOP.has(k) && k !== FRONT_HEADER) headers[k] = v;
    if (secret) headers[FRONT_HEADER] = secret;
    // This service faces the client: what it says of the client replaces whatever the client claimed.
    headers["x-forwarded-for"] = clientAddress;
    headers["x-forwarded-proto"] = "http";
    if (req.headers.host) headers["x-forwarded-host"] = req.headers.host;
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
