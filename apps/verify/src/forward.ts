/**
 * The front on the public port: what it refuses itself, and how it forwards the rest to another HTTP
 * server (the Next.js app), streaming the answer back. Lets the lean verification service stand on
 * the public port, answer the consumer hot paths itself and hand every other path to the web app,
 * while keeping the API's error contract for requests the web app would fail on or answer bare.
 */
import { Agent, request, STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { FRONT_HEADER } from "@tracemed/config/frontHeader";
import { DomainError } from "@tracemed/errors";
import { errorAnswer, writeError } from "./errors";

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

/** The methods any route of the product answers; everything else (TRACE, CONNECT, WebDAV, …) ends here. */
export const SERVED_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"] as const;
const SERVED = new Set<string>(SERVED_METHODS);
const ALLOW = SERVED_METHODS.join(", ");

/**
 * Refuses, in the API's error contract, a request line no route can answer: a method the product
 * does not serve (405 with Allow), or a request-target that is not a path (`*` except for
 * `OPTIONS *`, the absolute form `http://host/path`, a path starting `//` that URL parsers read as a
 * host). Returns true when it answered (`OPTIONS *`).
 */
export function refuseRequestLine(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? "";
  if (!SERVED.has(req.method ?? ""))
    throw new DomainError("MethodNotAllowed", `The method ${String(req.method).slice(0, 20)} is not served here.`, {
      allow: ALLOW,
    });
  if (url === "*" && req.method === "OPTIONS") {
    res.writeHead(204, { allow: ALLOW, "cache-control": "no-store" });
    res.end();
    return true;
  }
  if (!url.startsWith("/") || url.startsWith("//"))
    throw new DomainError(
      "MalformedTarget",
      "The request-target must be a path starting with a single / (e.g. /api/verify), not * or a full URL.",
    );
  // Paths are case-sensitive: /API/verify is no route, but a client asking for it expects the API's answer.
  if (/^\/api(?:[/?]|$)/i.test(url) && !/^\/api(?:[/?]|$)/.test(url))
    throw new DomainError("NotFound", "There is nothing at this address (addresses are case-sensitive: /api/…).");
  if (req.httpVersionMajor !== 1)
    throw new DomainError("UnsupportedHttpVersion", "Send the request as HTTP/1.1 (or HTTP/1.0).");
  if (req.httpVersionMinor >= 1 && !req.headers.host)
    throw new DomainError("MissingHost", "An HTTP/1.1 request must carry a Host header.");
  return false;
}

/** Writes a JSON error straight onto a socket that has no response object (CONNECT, a parse error). */
export function socketError(socket: Duplex, error: DomainError) {
  if (!socket.writable) return void socket.destroy();
  const { status, headers, body } = errorAnswer(error);
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}`,
    "content-type: application/json; charset=utf-8",
    `content-length: ${Buffer.byteLength(body)}`,
    "cache-control: no-store",
    "connection: close",
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${lines.join("\r\n")}\r\n\r\n${body}`);
}

/** CONNECT asks this server to be a tunnel: it is not one. */
export function refuseConnect(_req: IncomingMessage, socket: Duplex) {
  socketError(
    socket,
    new DomainError("MethodNotAllowed", "The method CONNECT is not served here: this is not a proxy.", {
      allow: ALLOW,
    }),
  );
}

/**
 * A request Node's parser could not read (an unknown method, a malformed or oversized header, a
 * body framed two ways): answered in the error contract instead of Node's bare status line.
 */
export function refuseUnparsable(error: Error & { code?: string }, socket: Duplex) {
  if (error.code === "ECONNRESET" || !socket.writable) return void socket.destroy();
  if (error.code === "HPE_HEADER_OVERFLOW")
    return socketError(socket, new DomainError("HeadersTooLarge", "The request's headers are too large."));
  if (error.code === "HPE_INVALID_METHOD")
    return socketError(
      socket,
      new DomainError("MethodNotAllowed", "This method is not served here.", { allow: ALLOW }),
    );
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT")
    return socketError(socket, new DomainError("RequestTimeout", "The request did not arrive in time."));
  socketError(
    socket,
    new DomainError("MalformedRequest", "The request is not valid HTTP/1.1 (its request line or headers)."),
  );
}

/**
 * @param publicOrigin PUBLIC_ORIGIN: what the web app is told it is reached at, whatever Host the client sent
 * @param secret said in FRONT_HEADER on every forwarded request (a client's own value is dropped)
 */
/** The web app's JSON APIs: its own (/api), and the machine clients' (OAuth2 tokens, EPCIS). */
const JSON_ROUTES = /^\/(?:api|oauth|epcis)\//;

export function forwarder(origin: string, publicOrigin?: string, secret?: string) {
  const target = new URL(origin);
  const reachedAt = publicOrigin ? new URL(publicOrigin) : null;
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });

  /**
   * The methods an API route answers, as Next.js itself says (its automatic OPTIONS answer lists
   * what the route file exports), so that no second table of routes can drift from the code.
   */
  const allowOf = (path: string, headers: Record<string, string | string[]>) =>
    new Promise<string | null>((resolve) => {
      const ask = request(
        { host: target.hostname, port: target.port, method: "OPTIONS", path, headers, agent },
        (answer) => {
          answer.resume();
          const allow = answer.headers.allow;
          resolve(answer.statusCode === 204 && typeof allow === "string" ? allow : null);
        },
      );
      ask.on("error", () => resolve(null));
      ask.end();
    });

  return (req: IncomingMessage, res: ServerResponse, clientAddress: string) => {
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined && !HOP.has(k) && !FORWARDED.has(k) && k !== FRONT_HEADER) headers[k] = v;
    if (secret) headers[FRONT_HEADER] = secret;
    // This service faces the client: what it says of the client replaces whatever the client claimed.
    headers["x-forwarded-for"] = clientAddress;
    if (reachedAt) {
      headers["x-forwarded-proto"] = reachedAt.protocol.slice(0, -1);
      headers["x-forwarded-host"] = reachedAt.host;
    }
    const path = req.url ?? "/";
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path,
        headers,
        agent,
      },
      (answer) => {
        if (answer.statusCode === 405 && JSON_ROUTES.test(path)) {
          // Next.js answers a method a route file lacks with a bare 405: answer it in the contract.
          answer.resume();
          const { "content-length": _l, "content-type": _t, ...rest } = headers;
          void allowOf(path, rest).then((allow) =>
            writeError(
              res,
              new DomainError(
                "MethodNotAllowed",
                `${req.method} is not served at this address${allow ? `; it answers ${allow}` : ""}.`,
                allow ? { allow } : {},
              ),
            ),
          );
          return;
        }
        const out: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(answer.headers)) if (v !== undefined && !HOP.has(k)) out[k] = v;
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
        answer.pipe(res);
        answer.on("error", () => res.destroy());
      },
    );
    upstream.on("error", () => {
      if (res.headersSent) return void res.destroy();
      writeError(
        res,
        new DomainError("WebAppUnavailable", "The web app cannot answer right now. Please try again shortly.", {
          retryAfterSeconds: 5,
        }),
      );
    });
    req.pipe(upstream);
    res.on("close", () => {
      if (!res.writableFinished) upstream.destroy();
    });
  };
}
