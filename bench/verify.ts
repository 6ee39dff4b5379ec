/**
 * Verification throughput and latency at 50 concurrent connections (autocannon) against the production
 * build, with 1,000,000 packs in the embedded database, beside two baselines measured in the same run:
 * a bare Node HTTP server answering a fixed JSON, and a route of the web framework answering a fixed JSON.
 * Run (after a production build exists, e.g. after npm start once):
 *   bash scripts/node.sh node --import tsx bench/verify.ts [packs] [seconds]
 * BENCH_DB=postgres uses a PostgreSQL 15 server in its own process (the production setup) instead of
 * the embedded PGlite server (which then runs inside this process, beside the load generator).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import autocannon from "autocannon";
import { createPinKey, generateBatch, withCheckDigit } from "@tracemed/codes";
import { createDb, migrate } from "@tracemed/db";
import { startEmbeddedPostgres } from "@tracemed/db/embedded";
import { freePort, startTestPostgres } from "@tracemed/db/testing";

const PACKS = Number(process.argv[2] ?? 1_000_000);
const SECONDS = Number(process.argv[3] ?? 10);
const root = path.resolve(import.meta.dirname, "..");
const dir = await mkdtemp(path.join(tmpdir(), "tracemed-bench-verify-"));

// 1. The database: PACKS real pack records of one batch, as the registration flow and the indexer leave them.
const usePostgres = process.env.BENCH_DB === "postgres";
const embedded = usePostgres
  ? await (async () => {
      const pg = await startTestPostgres();
      return { url: pg.url, stop: pg.stop };
    })()
  : await startEmbeddedPostgres(path.join(dir, "db"), await freePort());
console.log(`database: ${usePostgres ? "PostgreSQL 15 (own process)" : "embedded PGlite (in this process)"}`);
await migrate(embedded.url);
const db = createDb(embedded.url, { max: 4 });
const maker = `0x${"11".repeat(20)}`;
const secret = randomBytes(32);
await (await import("node:fs/promises")).mkdir(path.join(dir, "keys"));
await writeFile(path.join(dir, "keys", `${maker}.key`), secret.toString("hex"));
const gtin = withCheckDigit("0690123456001");
let t = performance.now();
const g = await generateBatch(
  { gtin, lot: "BENCH1", expiry: "291231", count: PACKS },
  { pinKey: createPinKey(secret) },
);
console.log(`generated ${PACKS} packs in ${((performance.now() - t) / 1000).toFixed(1)} s`);
const sample = Array.from({ length: 2_000 }, (_, k) => Math.floor((k * PACKS) / 2_000));
const labels = sample.map((i) => ({ serial: g.serial(i), pin: g.pin(i) }));
t = performance.now();
const CHUNK = 20_000;
for (let from = 0; from < PACKS; from += CHUNK) {
  const to = Math.min(PACKS, from + CHUNK);
  const idx = Array.from({ length: to - from }, (_, k) => from + k);
  await db.$executeRawUnsafe(
    `INSERT INTO "Pack" ("batchId", "leafIndex", serial, commitment) SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[])`,
    g.batchId,
    idx,
    idx.map((i) => g.serial(i)),
    idx.map((i) => g.commitment(i)),
  );
}
console.log(`inserted ${PACKS} packs in ${((performance.now() - t) / 1000).toFixed(1)} s`);
g.wipePins();
await db.organisation.create({
  data: {
    account: maker,
    name: "Bench Pharma",
    roles: 2,
    gln: "6901234000023",
    country: "CN",
    onboardedAt: new Date(),
    updatedAt: new Date(),
  },
});
await db.product.create({
  data: {
    gtin,
    name: "Amoxicillin",
    strength: "500 mg",
    dosageForm: "capsule",
    packSize: "24",
    manufacturerAccount: maker,
  },
});
await db.packSet.create({
  data: {
    batchId: g.batchId,
    gtin,
    lot: "BENCH1",
    expiry: "291231",
    packCount: PACKS,
    serialLength: g.serialLength,
    keyFingerprint: g.keyFingerprint,
    manufacturerAccount: maker,
  },
});
await db.batch.create({
  data: {
    id: g.batchId,
    gtin,
    lot: "BENCH1",
    expiresAt: new Date("2029-12-31T23:59:59Z"),
    packCount: PACKS,
    packsRoot: g.root,
    manufacturerAccount: maker,
    status: "active",
    registeredAt: new Date(),
    registeredBlock: 1n,
    registeredTx: "0x00",
  },
});
await db.$disconnect();

// 2. The servers: the production build of the web app, and a bare Node server.
const webPort = await freePort();
const web = spawn(
  process.execPath,
  [path.join(root, "node_modules/next/dist/bin/next"), "start", "--hostname", "127.0.0.1", "--port", String(webPort)],
  {
    cwd: path.join(root, "apps/web"),
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: embedded.url, PIN_KEYS_DIR: path.join(dir, "keys") },
    stdio: "ignore",
  },
);
for (
  let i = 0;
  i < 300 &&
  !(await fetch(`http://127.0.0.1:${webPort}/api/health`).then(
    (r) => r.ok,
    () => false,
  ));
  i++
)
  await sleep(100);
const leanPort = await freePort();
const lean = spawn(process.execPath, ["--import", "tsx", path.join(root, "apps/web/server/verify.ts")], {
  cwd: root,
  env: {
    ...process.env,
    DATABASE_URL: embedded.url,
    PIN_KEYS_DIR: path.join(dir, "keys"),
    VERIFY_PORT: String(leanPort),
  },
  stdio: "ignore",
});
for (
  let i = 0;
  i < 300 &&
  !(await fetch(`http://127.0.0.1:${leanPort}/health`).then(
    (r) => r.ok,
    () => false,
  ));
  i++
)
  await sleep(100);
const bare = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end('{"ok":true}');
});
const barePort = await freePort();
await new Promise<void>((r) => bare.listen(barePort, "127.0.0.1", r));

// Claim the sampled packs once, so the measured checks take the common "already verified" path.
const web_ = `http://127.0.0.1:${webPort}`;
for (const [k, l] of labels.entries()) {
  await fetch(`${web_}/api/verify`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": `10.0.${k >> 8}.${k & 255}` },
    body: JSON.stringify({ gtin, lot: "BENCH1", serial: l.serial, pin: l.pin }),
  });
}

interface Row {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baseline_value: number;
  ratio: number;
}
async function load(name: string, opts: autocannon.Options) {
  const r = await autocannon({ connections: 50, duration: SECONDS, ...opts });
  const ok = r["2xx"];
  console.log(
    `${name}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms (${ok} 2xx, ${r.non2xx} other, ${r.errors} errors)`,
  );
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}
let n = 0;
const client = () => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n++ & 255}`;
const bareR = await load("bare Node server, fixed JSON", { url: `http://127.0.0.1:${barePort}/` });
const nextR = await load("Next.js route, fixed JSON", { url: `${web_}/api/health` });
/** The two consumer requests, against one server: the pack lookup, and a correct PIN of an already-verified pack. */
const packInfoLoad = (url: string): autocannon.Options => ({
  url,
  requests: [
    { setupRequest: (req) => ({ ...req, path: `/api/packs/${gtin}/BENCH1/${labels[n++ % labels.length]!.serial}` }) },
  ],
});
const verifyLoad = (url: string): autocannon.Options => ({
  url,
  requests: [
    {
      method: "POST",
      setupRequest: (req) => {
        const l = labels[n % labels.length]!;
        return {
          ...req,
          path: "/api/verify",
          headers: { "content-type": "application/json", "x-forwarded-for": client() },
          body: JSON.stringify({ gtin, lot: "BENCH1", serial: l.serial, pin: l.pin }),
        };
      },
    },
  ],
});
const lean_ = `http://127.0.0.1:${leanPort}`;
const infoR = await load("GET pack info", packInfoLoad(web_));
const verifyR = await load("POST verify (correct PIN, already verified)", verifyLoad(web_));
const leanInfoR = await load("lean service: GET pack info", packInfoLoad(lean_));
const leanVerifyR = await load("lean service: POST verify (correct PIN, already verified)", verifyLoad(lean_));
const rows: Row[] = [];
for (const [name, r] of [
  ["Next.js fixed JSON", nextR],
  ["Next.js GET pack info", infoR],
  ["Next.js POST verify", verifyR],
  ["lean GET pack info", leanInfoR],
  ["lean POST verify", leanVerifyR],
] as const) {
  rows.push({
    name: `${name} req/s`,
    value: Math.round(r.rps),
    unit: "req/s",
    baseline: "bare Node HTTP server, fixed JSON",
    baseline_value: Math.round(bareR.rps),
    ratio: +(r.rps / bareR.rps).toFixed(3),
  });
  rows.push({
    name: `${name} p99`,
    value: r.p99,
    unit: "ms",
    baseline: "bare Node HTTP server, fixed JSON",
    baseline_value: bareR.p99,
    ratio: +(r.p99 / Math.max(bareR.p99, 1)).toFixed(1),
  });
}
console.table(rows);
web.kill("SIGTERM");
lean.kill("SIGTERM");
bare.close();
await embedded.stop();
await rm(dir, { recursive: true, force: true });
process.exit(0);
