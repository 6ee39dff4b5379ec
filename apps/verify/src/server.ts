/**
 * The consumer hot path as a lean HTTP service: `POST /api/verify` and `GET /api/packs/{gtin}/{lot}/{serial}`
 * on node:http, with the same verification core and error contract as the Next.js routes, without the
 * framework's per-request cost (its own fixed-JSON route reaches about 5% of a bare Node server here).
 * Reads come from an in-memory replica of the batches being verified (replica.ts), kept in step with
 * the database's scan and event logs; batches not (yet) in it go through PackCache (batched queries).
 * Batch facts (status, recall) are at most a second old; scan records are written in batches.
 *
 * It also serves the consumer's pages (pages.ts: `/`, `/scan`, `/go`, `/pack/...` with its PIN and report form
 * posts, `/lang`, the Digital Link resolver `/01/...`, and their scripts under `/c/`), so the QR's landing never
 * waits on the web app. With NEXT_URL set it stands on the public port in front of the web app (as `npm start`
 * runs it): it answers those paths itself and forwards every other request to NEXT_URL.
 *
 *   DATABASE_URL=… PIN_KEYS_DIR=… VERIFY_PORT=3001 [NEXT_URL=http://127.0.0.1:3100] node --import tsx apps/verify/src/server.ts
 *
 * TRUST_PROXY=1 takes the client's address from the one header the proxy in front sets (TRUST_PROXY_HEADER,
 * default X-Forwarded-For, whose last hop counts); otherwise the connection's own address counts, so a
 * client cannot pick its rate limit.
 */
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { loadFastKeccak } from "@tracemed/codes";
import { ledgerFor } from "@tracemed/chain";
import { createDb, createPool, type Db } from "@tracemed/db";
import { createPublicClient, http } from "viem";
import { z } from "zod";
import { DomainError } from "@tracemed/errors";
import { parseInput } from "@tracemed/errors/refusal";
import { ChainStatus } from "@tracemed/verification/chainStatus";
import { clientHash, nodeHeaders, proxiedClientAddress } from "@tracemed/verification/clientInfo";
import { regionOf } from "@tracemed/verification/region";
import { PackCache } from "@tracemed/verification/packCache";
import { readPackKey } from "@tracemed/provenance/packKey";
import { verifyRequest } from "@tracemed/verification/request";
import { VerifyReplica } from "@tracemed/verification/replica";
import { pinKeysFromDirectory } from "@tracemed/verification/keyStore";
import { CONSUMER_CHECKS, RateLimiter } from "@tracemed/verification/rateLimit";
import { verifyPack, type VerifyDeps } from "@tracemed/verification/verifyPack";
import { chainEnv, databaseEnv, keysEnv, readEnv, scanEnv } from "@tracemed/config/env";
import { DEFAULT_PUBLIC_ORIGIN, parsePublicOrigin } from "@tracemed/config/publicOrigin";
import { buildAssets } from "@tracemed/consumer/assets";
import { packPageSource } from "@tracemed/verification/packPage";
import { storeReport } from "@tracemed/verification/reports/consumerReports";
import { readBody } from "./body";
import { writeError } from "./errors";
import { forwarder, refuseConnect, refuseRequestLine, refuseUnparsable, socketError } from "./forward";
import { consumerPages } from "./pages";

const env = readEnv(
  z.object({
    ...databaseEnv,
    ...keysEnv,
    VERIFY_PORT: z.coerce.number().int().positive().default(3001),
    VERIFY_HOST: z.string().default("127.0.0.1"),
    ...scanEnv,
    NEXT_URL: z.url().optional(),
    /** vouches to the web app at NEXT_URL for each request forwarded (it refuses requests without it) */
    FRONT_SECRET: z.string().min(16).optional(),
    TRUST_PROXY: z.enum(["0", "1"]).default("0"),
    /** with TRUST_PROXY=1, the one header that proxy puts the client's address in (no other counts) */
    TRUST_PROXY_HEADER: z
      .string()
      .toLowerCase()
      .regex(/^[a-z0-9-]+$/, "TRUST_PROXY_HEADER must be a header name")
      .default("x-forwarded-for"),
    /** the deployment's public origin, passed on to the web app instead of the client's Host */
    PUBLIC_ORIGIN: z
      .string()
      .optional()
      .transform((value) => (value ? parsePublicOrigin(value).origin : undefined)),
    /** packs held in memory by the replica (0: every check reads the database) */
    VERIFY_REPLICA_PACKS: z.coerce.number().int().nonnegative().default(4_000_000),
    /**
     * processes answering on the port, each with its own replica (default 1: on a machine whose cores the
     * database, the indexer and the web app share, a second worker measured no faster; give a dedicated
     * verification host one per core)
     */
    VERIFY_WORKERS: z.coerce.number().int().positive().default(1),
    /** a request whose headers and body have not all arrived after this long is answered 408 (ms) */
    VERIFY_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
    /**
     * The chain and ledger the database indexes: while the indexed data is behind the chain, a batch's
     * status comes from the chain (@tracemed/verification/chainStatus). CHAIN_RPC_URL unset: the database's
     * word only.
     */
    ...chainEnv,
  }),
);

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(text);
}

/** The chain's word on batch statuses while the database is behind it, when the chain and ledger are known. */
async function chainStatusOf(db: Db): Promise<ChainStatus | undefined> {
  const client = env.CHAIN_RPC_URL
    ? createPublicClient({ transport: http(env.CHAIN_RPC_URL, { timeout: 1_500, retryCount: 0 }) })
    : undefined;
  const ledger = client
    ? await ledgerFor(client, env.LEDGER_ADDRESS, env.LEDGER_DEPLOYED_BLOCK).catch(() => undefined)
    : undefined;
  if (!client || !ledger) {
    console.error("[verify] no CHAIN_RPC_URL or ledger: verdicts take batch statuses from the database alone");
    return undefined;
  }
  return new ChainStatus({ client, db, chainId: env.CHAIN_ID, ledger });
}

/** One process answering on the port: its own database pools and replica. */
async function runService() {
  const db = createDb(env.DATABASE_URL, { max: 4 });
  const pool = createPool(env.DATABASE_URL, { max: 6 });
  const chainStatus = await chainStatusOf(db);
  const cache = new PackCache(pool, { guard: chainStatus });
  const replica = new VerifyReplica(pool, cache, { maxPacks: env.VERIFY_REPLICA_PACKS });
  await replica.start();
  const forward = env.NEXT_URL ? forwarder(env.NEXT_URL, env.PUBLIC_ORIGIN, env.FRONT_SECRET) : null;
  const salt = env.SCAN_SALT ?? randomBytes(16).toString("hex");
  const limiter = new RateLimiter(CONSUMER_CHECKS.capacity, CONSUMER_CHECKS.perSecond);

  const deps: VerifyDeps = {
    db,
    lookup: replica.lookup,
    claim: replica.claim,
    keccak: await loadFastKeccak(),
    pinKeys: pinKeysFromDirectory(env.PIN_KEYS_DIR),
    recordScan: replica.recordScan,
    unwrittenChecks: replica.unwrittenChecks,
    guard: chainStatus,
  };

  /** The client as this service sees it: the connection's address, or the proxy's word for it when trusted. */
  const addressOf = (req: IncomingMessage) =>
    (env.TRUST_PROXY === "1" ? proxiedClientAddress(nodeHeaders(req.headers), env.TRUST_PROXY_HEADER) : undefined) ??
    req.socket.remoteAddress ??
    "unknown";

  const pages = consumerPages({
    source: packPageSource({ replica, db }),
    verify: (input) => verifyPack(deps, input),
    storeReport: (input) => storeReport(db, input),
    checks: limiter,
    // a burst guard in front of the database's per-client count of reports (as the web app's /api/reports)
    reports: new RateLimiter(3, 1 / 20),
    addressOf,
    clientHash: (address) => clientHash(address, salt),
    region: regionOf,
    origin: env.PUBLIC_ORIGIN ?? DEFAULT_PUBLIC_ORIGIN,
    assets: await buildAssets(),
  });

  const PACK_PATH = /^\/api\/packs\/([^/?]+)\/([^/?]+)\/([^/?]+)(?:\?|$)/;

  async function route(req: IncomingMessage, res: ServerResponse) {
    if (refuseRequestLine(req, res)) return;
    const url = req.url ?? "/";
    if (req.method === "POST" && (url === "/api/verify" || url.startsWith("/api/verify?"))) {
      const address = addressOf(req);
      const wait = limiter.take(address);
      if (wait > 0) {
        throw new DomainError("TooManyChecks", `Too many checks from this device. Try again in ${wait} seconds.`, {
          retryAfterSeconds: wait,
        });
      }
      if (!/^application\/json\b/i.test(req.headers["content-type"] ?? "")) {
        throw new DomainError("UnsupportedMediaType", "Send the body as application/json.");
      }
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch (e) {
        if (e instanceof DomainError) throw e;
        throw new DomainError("InvalidRequest", "Send gtin, lot, serial and pin as strings in a JSON object.");
      }
      const parsed = parseInput(verifyRequest, body);
      const result = await verifyPack(deps, {
        ...parsed,
        region: regionOf(address),
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
        throw new DomainError("InvalidPath", "The pack path is not validly percent-encoded.");
      }
      const info = await replica.info(readPackKey({ gtin: parts[0]!, lot: parts[1]!, serial: parts[2]! }));
      return send(res, info.known ? 200 : 404, info);
    }
    if (req.method === "GET" && url === "/health")
      return send(res, 200, {
        ok: true,
        pid: process.pid,
        cache: cache.stats(),
        replica: replica.health(),
        chain: chainStatus?.freshness() ?? null,
      });
    if (await pages(req, res)) return;
    if (forward) return forward(req, res, addressOf(req));
    throw new DomainError("NotFound", "There is nothing at this address.");
  }

  // Host is checked in route(), so that its absence gets a JSON answer like every other refusal.
  const server = createServer({ requireHostHeader: false, connectionsCheckingInterval: 1_000 }, (req, res) => {
    route(req, res).catch((error: unknown) => writeError(res, error));
  });
  server.on("connect", refuseConnect);
  server.on("clientError", refuseUnparsable);
  server.on("checkExpectation", (_req: IncomingMessage, res: ServerResponse) =>
    socketError(res.socket!, new DomainError("ExpectationFailed", "Only Expect: 100-continue is understood here.")),
  );
  server.keepAliveTimeout = 65_000;
  // A request whose headers or body never finish arriving is answered 408 (JSON, refuseUnparsable) after
  // VERIFY_REQUEST_TIMEOUT_MS (30 s; Node's default is 300 s), so a slow client holds no connection for minutes.
  server.requestTimeout = env.VERIFY_REQUEST_TIMEOUT_MS;
  server.headersTimeout = Math.min(20_000, env.VERIFY_REQUEST_TIMEOUT_MS);
  server.listen(env.VERIFY_PORT, env.VERIFY_HOST, () =>
    console.log(`[verify] listening on http://${env.VERIFY_HOST}:${env.VERIFY_PORT}`),
  );

  const stop = () => {
    server.close(
      () =>
        void replica
          .stop()
          .then(() => Promise.all([db.$disconnect(), pool.end()]))
          .then(() => process.exit(0)),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/**
 * Several processes on one port (node:cluster hands each connection to one of them): the lean path is
 * CPU-bound on one thread per process. Each worker keeps its own replica, and they learn of each other's
 * checks through the scan log (see replica.ts). One salt for all, so a client hashes the same in each.
 * A worker that dies is replaced, unless it dies within 10 s of starting (then the service stops: a
 * worker that cannot start would otherwise be restarted forever).
 */
function runPrimary() {
  const salt = env.SCAN_SALT ?? randomBytes(16).toString("hex");
  let stopping = false;
  const started = new Map<number, number>();
  const fork = () => {
    const worker = cluster.fork({ SCAN_SALT: salt });
    started.set(worker.id, Date.now());
  };
  for (let i = 0; i < env.VERIFY_WORKERS; i++) fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    const young = Date.now() - (started.get(worker.id) ?? 0) < 10_000;
    console.error(
      `[verify] worker ${worker.process.pid} ended (${signal ?? `exit ${code}`})${young ? "" : "; starting another"}`,
    );
    if (young) process.exit(1);
    fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (cluster.isPrimary && env.VERIFY_WORKERS > 1) runPrimary();
else await runService();
