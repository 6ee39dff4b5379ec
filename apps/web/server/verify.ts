/**
 * The consumer hot path as a lean HTTP service: `POST /api/verify` and `GET /api/packs/{gtin}/{lot}/{serial}`
 * on node:http, with the same verification core and error contract as the Next.js routes, without the
 * framework's per-request cost (its own fixed-JSON route reaches about 5% of a bare Node server here).
 * Reads go through PackCache (pack records cached, batch facts for at most a second, pack state read
 * fresh in batched queries); scan records are written in batches.
 *
 * With NEXT_URL set it stands on the public port in front of the web app (as `npm start` runs it):
 * it answers those two paths itself and forwards every other request to NEXT_URL.
 *
 *   DATABASE_URL=… PIN_KEYS_DIR=… VERIFY_PORT=3001 [NEXT_URL=http://127.0.0.1:3100] node --import tsx apps/web/server/verify.ts
 *
 * TRUST_PROXY=1 takes the client's address from X-Forwarded-For (behind a CDN or reverse proxy that
 * sets it); otherwise the connection's own address counts, so a client cannot pick its rate limit.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { loadFastKeccak } from "@tracemed/codes";
import { createDb, createPool } from "@tracemed/db";
import { z } from "zod";
import { ApiError, badRequest } from "../lib/http";
import { clientAddress, clientHash, coarseRegion, nodeHeaders } from "../lib/verify/clientInfo";
import { PackCache } from "../lib/verify/packCache";
import { readPackKey } from "../lib/verify/packInfo";
import { pinKeysFromDirectory } from "../lib/verify/pinKeys";
import { RateLimiter } from "../lib/verify/rateLimit";
import { verifyPack, type ScanRecord, type VerifyDeps } from "../lib/verify/verifyPack";
import { forwarder } from "./forward";

const env = z
  .object({
    DATABASE_URL: z.string().min(1),
    PIN_KEYS_DIR: z.string().min(1),
    VERIFY_PORT: z.coerce.number().int().positive().default(3001),
    VERIFY_HOST: z.string().default("127.0.0.1"),
    SCAN_SALT: z.string().min(16).optional(),
    NEXT_URL: z.url().optional(),
    TRUST_PROXY: z.enum(["0", "1"]).default("0"),
  })
  .parse(process.env);

const db = createDb(env.DATABASE_URL, { max: 4 });
const pool = createPool(env.DATABASE_URL, { max: 6 });
const cache = new PackCache(pool);
const forward = env.NEXT_URL ? forwarder(env.NEXT_URL) : null;
const salt = env.SCAN_SALT ?? randomBytes(16).toString("hex");
const limiter = new RateLimiter(20, 1 / 3);

/** Scan records, written every 50 ms in one statement (they feed counts and dashboards, not verdicts' safety). */
let scans: ScanRecord[] = [];
let writing: ScanRecord[] = [];
const NOT_A_CHECK = new Set(["pin_mismatch", "unknown", "locked"]);
async function flushScans() {
  if (scans.length === 0) return;
  const batch = scans;
  scans = [];
  writing = batch;
  await db
    .$executeRawUnsafe(
      `INSERT INTO "ConsumerScan" ("batchId", serial, verdict, region, "clientHash")
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])`,
      batch.map((s) => s.batchId),
      batch.map((s) => s.serial),
      batch.map((s) => s.verdict),
      batch.map((s) => s.region),
      batch.map((s) => s.clientHash),
    )
    .catch((e: Error) => console.error(`[verify] could not record ${batch.length} scans: ${e.message.split("\n")[0]}`))
    .finally(() => {
      writing = [];
    });
}
const flusher = setInterval(() => void flushScans(), 50);

const deps: VerifyDeps = {
  db,
  lookup: cache.lookup,
  claim: cache.claim,
  keccak: await loadFastKeccak(),
  pinKeys: pinKeysFromDirectory(env.PIN_KEYS_DIR),
  recordScan: async (scan) => {
    scans.push(scan);
  },
  unwrittenChecks: (batchId, serial) => {
    let n = 0;
    for (const s of [...writing, ...scans])
      if (s.batchId === batchId && s.serial === serial && !NOT_A_CHECK.has(s.verdict)) n++;
    return n;
  },
};

const Body = z.object({
  gtin: z.string().max(20),
  lot: z.string().max(40),
  serial: z.string().max(40),
  pin: z.string().max(64),
});

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage, max = 16_384): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > max) {
        // Answer at once and stop keeping the body; drop the connection only if it keeps coming.
        reject(new ApiError(413, "BodyTooLarge", `The body must be at most ${max} bytes.`));
        if (size > 64 * max) req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The client as this service sees it: the connection's address, or the proxy's word for it when trusted. */
const addressOf = (req: IncomingMessage) =>
  env.TRUST_PROXY === "1" ? clientAddress(nodeHeaders(req.headers)) : (req.socket.remoteAddress ?? "unknown");

const PACK_PATH = /^\/api\/packs\/([^/?]+)\/([^/?]+)\/([^/?]+)(?:\?|$)/;

async function route(req: IncomingMessage, res: ServerResponse) {
  const url = req.url ?? "/";
  if (req.method === "POST" && (url === "/api/verify" || url.startsWith("/api/verify?"))) {
    const address = addressOf(req);
    const wait = limiter.take(address);
    if (wait > 0) {
      throw new ApiError(429, "TooManyChecks", `Too many checks from this device. Try again in ${wait} seconds.`, {
        "retry-after": String(wait),
      });
    }
    if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
      throw new ApiError(415, "UnsupportedMediaType", "Send the body as application/json.");
    }
    let parsed: z.infer<typeof Body>;
    try {
      parsed = Body.parse(JSON.parse(await readBody(req)));
    } catch (e) {
      if (e instanceof ApiError) throw e;
      throw badRequest("InvalidRequest", "Send gtin, lot, serial and pin as strings in a JSON object.");
    }
    const result = await verifyPack(deps, {
      ...parsed,
      region: coarseRegion(nodeHeaders(req.headers)),
      clientHash: clientHash(address, salt),
    });
    return send(res, 200, result);
  }
  const pack = req.method === "GET" ? PACK_PATH.exec(url) : null;
  if (pack) {
    let parts: string[];
    try {
      parts = pack.slice(1).map((p) => decodeURIComponent(p));
    } catch {
      throw badRequest("InvalidPath", "The pack path is not validly percent-encoded.");
    }
    const info = await cache.info(readPackKey({ gtin: parts[0]!, lot: parts[1]!, serial: parts[2]! }));
    return send(res, info.known ? 200 : 404, info);
  }
  if (req.method === "GET" && url === "/health") return send(res, 200, { ok: true, cache: cache.stats() });
  if (forward) return forward(req, res, addressOf(req));
  throw new ApiError(404, "NotFound", "There is nothing at this address.");
}

const server = createServer((req, res) => {
  route(req, res).catch((error: unknown) => {
    if (error instanceof ApiError)
      return send(res, error.status, { error: { code: error.code, message: error.message } }, error.headers);
    console.error("[verify] unexpected error:", (error as Error)?.message?.split("\n")[0]);
    send(
      res,
      503,
      {
        error: {
          code: "ServiceUnavailable",
          message: "The service cannot answer right now. Please try again shortly.",
        },
      },
      { "retry-after": "5" },
    );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(env.VERIFY_PORT, env.VERIFY_HOST, () =>
  console.log(`[verify] listening on http://${env.VERIFY_HOST}:${env.VERIFY_PORT}`),
);

const stop = () => {
  clearInterval(flusher);
  server.close(
    () =>
      void flushScans()
        .then(() => Promise.all([db.$disconnect(), pool.end()]))
        .then(() => process.exit(0)),
  );
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
