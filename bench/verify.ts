/**
 * Consumer verification throughput and latency at 50 concurrent connections (autocannon) with
 * 1,000,000 packs in the database, beside two baselines measured in the same run: a bare Node HTTP
 * server answering a fixed JSON (in its own process, like every server measured here), and a route of
 * the web framework answering a fixed JSON.
 *
 * The load is the consumer mix: 45% pack lookups (GET) of random packs across the whole batch, 45% PIN
 * checks of already-verified packs (random among the 100,000 verified before), 10% first claims of fresh
 * packs, each from its own client address. Wrong PINs are left out: their answer waits 300 ms by design.
 * Measured: the lean service as `npm start` runs it (on the public port, in front of the web app, the
 * batch in its in-memory replica), the same service without a replica (every check reads the database),
 * and the Next.js routes themselves. Each measurement follows a 3 s warm-up on the same kind of load.
 *
 * Also the consumer's pack page (product, status and journey, rendered by the web app behind the
 * front) and the batch provenance API, and a soak: BENCH_SOAK_SECONDS (default 600; 0 skips it) of
 * the consumer mix, with the lean service's memory at its start and end.
 *
 * Run (after a production build exists, e.g. after npm start once):
 *   bash scripts/node.sh node --import tsx bench/verify.ts [packs] [seconds]
 * The database runs in its own process: BENCH_DB=postgres a PostgreSQL 15 server (the production
 * setup), otherwise the embedded PGlite server (as npm start runs it).
 */
import { type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { cpuSeconds } from "./lib/cpu";
import { BENCH_LOT, seedBenchBatch } from "./lib/benchBatch";
import { replicaLoaded, rssMiB, Servers } from "./lib/servers";
import { row, saveResults, type ResultRow } from "./suite/results";

const PACKS = Number(process.argv[2] ?? 1_000_000);
const SECONDS = Number(process.argv[3] ?? 10);
const CLAIMED_EVERY = 10; // packs 0, 10, 20, … were verified before the run
const dir = await mkdtemp(path.join(tmpdir(), "tracemed-bench-verify-"));

// 1. The database: PACKS real pack records of one batch, as the registration flow and the indexer leave them.
const { database, databasePid, usePostgres, gtin, g, keysDir, db } = await seedBenchBatch(dir, PACKS, CLAIMED_EVERY);
const random = (n: number) => Math.floor(Math.random() * n);
const claimedCount = Math.ceil(PACKS / CLAIMED_EVERY);
/** Labels the consumers hold: already-verified packs, and fresh packs (each claimed once, in order). */
const verified = Array.from({ length: claimedCount }, (_, k) => ({
  serial: g.serial(CLAIMED_EVERY * k),
  pin: g.pin(CLAIMED_EVERY * k),
}));
const fresh = Array.from({ length: Math.min(100_000, claimedCount - 1) }, (_, k) => {
  const i = CLAIMED_EVERY * k + 1 + (k % (CLAIMED_EVERY - 1));
  return { serial: g.serial(i), pin: g.pin(i) };
});
g.wipePins();
await db.$disconnect();

// 2. The servers, each in its own process: the bare Node server, the web app's production build, and the
// lean service in front of it (as npm start runs them).
const servers = new Servers();
const bareServer = await servers.bare(
  `const handler = (_q, s) => { s.writeHead(200, { "content-type": "application/json" }); s.end('{"ok":true}'); };`,
);
const bareProcess = bareServer.process;
// The floor for the consumer mix: a bare server that reads each request's body and answers a verdict-sized
// fixed JSON, whatever was asked. No Node server can answer the mix for less CPU than this one.
const floor = await servers.bare(
  `const body = JSON.stringify({ verdict: "already_verified", genuine: true, pad: "x".repeat(560) });
   const handler = (q, s) => { q.resume(); q.on("end", () => { s.writeHead(200, { "content-type": "application/json" }); s.end(body); }); };`,
);
const common = { DATABASE_URL: database.url, PIN_KEYS_DIR: keysDir };
const web = await servers.web(common, dir);
const webProcess = web.process;
const leanServer = await servers.lean({ ...common, TRUST_PROXY: "1" }, web.url);
const leanProcess = leanServer.process;
// The same service with no replica (VERIFY_REPLICA_PACKS=0: every check reads the database), for comparison.
const leanDb = await servers.lean({ ...common, TRUST_PROXY: "1", VERIFY_REPLICA_PACKS: "0" });

// The lean service loads the batch into its replica after it starts: measured from its first answer.
const rssBeforeLoad = await rssMiB(leanProcess.pid!);
const t = performance.now();
await replicaLoaded(leanServer.url);
const replicaLoad = { seconds: (performance.now() - t) / 1000, rss: await rssMiB(leanProcess.pid!) };
console.log(
  `lean service replica: ${PACKS} packs loaded in ${replicaLoad.seconds.toFixed(1)} s; RSS ${rssBeforeLoad.toFixed(0)} -> ${replicaLoad.rss.toFixed(0)} MiB`,
);

// 3. The loads. PIN-check bodies are serialised beforehand, so that the load generator (which shares the two
// cores) spends as little as it can per request.
const lookupPath = (i: number) => `/api/packs/${gtin}/${BENCH_LOT}/${g.serial(i)}`; // any of the PACKS, not a sample
const bodyOf = (l: { serial: string; pin: string }) =>
  JSON.stringify({ gtin, lot: BENCH_LOT, serial: l.serial, pin: l.pin });
const repeatBodies = verified.map(bodyOf);
const freshBodies = fresh.map(bodyOf);
const addresses = Array.from({ length: 65_536 }, (_, n) => `10.${n >> 8}.${n & 255}.${random(256)}`);
let clients = 0;
let nextFresh = 0;
type Kind = "lookup" | "repeat" | "first";
const MIX: [Kind, number][] = [
  ["lookup", 0.45],
  ["repeat", 0.45],
  ["first", 0.1],
];
function consumerRequest(kind: Kind): autocannon.Request {
  if (kind === "lookup") return { method: "GET", path: lookupPath(random(PACKS)) };
  return {
    method: "POST",
    path: "/api/verify",
    // Each check from its own client address (the service trusts X-Forwarded-For here, as behind a CDN).
    headers: { "content-type": "application/json", "x-forwarded-for": addresses[clients++ & 65_535]! },
    body:
      kind === "repeat" ? repeatBodies[random(repeatBodies.length)]! : freshBodies[nextFresh++ % freshBodies.length]!,
  };
}
const pick = (mix: [Kind, number][]): Kind => {
  let r = Math.random();
  for (const [kind, p] of mix) if ((r -= p) < 0) return kind;
  return mix[0]![0];
};
const consumers = (base: string, mix = MIX): autocannon.Options => ({
  url: base,
  requests: [{ setupRequest: (req) => ({ ...req, ...consumerRequest(pick(mix)) }) }],
});

interface Result {
  rps: number;
  p50: number;
  p99: number;
}
/**
 * One measurement, with where its CPU went: microseconds of CPU per request in the server process(es)
 * under test, the database and the load generator (this process), from /proc; `total` counts every
 * process on the machine, so what other work ran meanwhile shows as the gap.
 */
async function load(name: string, opts: autocannon.Options, measuredProcesses: ChildProcess[]): Promise<Result> {
  await autocannon({ connections: 50, duration: 3, ...opts }); // warm-up, not counted
  const roots = {
    server: measuredProcesses[0]!.pid!,
    ...(measuredProcesses[1] ? { behind: measuredProcesses[1].pid! } : {}),
    database: databasePid,
    total: 1,
  };
  const before = await cpuSeconds(roots);
  const self = process.cpuUsage(); // the load generator: this process alone (the servers are its children)
  const r = await autocannon({ connections: 50, duration: SECONDS, ...opts });
  const { user, system } = process.cpuUsage(self);
  const after = await cpuSeconds(roots);
  const n = r["2xx"] + r.non2xx;
  const perRequest = [
    ...Object.entries(after).map(([k, v]) => [k, (v - before[k]!) * 1e6] as const),
    ["load generator", user + system] as const,
  ]
    .map(([k, us]) => `${k} ${Math.round(us / n)}`)
    .join(", ");
  console.log(
    `${name}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms (${r["2xx"]} 2xx, ${r.non2xx} other, ${r.errors} errors)\n  CPU µs per request: ${perRequest}`,
  );
  if (r.errors > 0 || r.non2xx > n * 0.01)
    console.log(`  ! ${r.non2xx} non-2xx and ${r.errors} errors: the figure above is not a clean one`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}
const bare_ = bareServer.url;
const web_ = web.url;
const lean_ = leanServer.url;
const measured: [string, Result][] = [];
const bare = await load("bare Node server, fixed JSON", { url: `${bare_}/` }, [bareProcess]);
measured.push([
  "bare Node server answering the consumer mix with a fixed verdict-sized JSON (the floor)",
  await load("bare Node server, consumer mix, fixed JSON", consumers(floor.url), [floor.process]),
]);
const lean = [leanProcess];
measured.push([
  "Next.js route, fixed JSON",
  await load("Next.js route, fixed JSON", { url: `${web_}/api/health` }, [webProcess]),
]);
measured.push([
  "the same Next.js route through the lean front",
  await load("Next.js fixed JSON through the lean front", { url: `${lean_}/api/health` }, [leanProcess, webProcess]),
]);
measured.push(["lean service, consumer mix", await load("lean service: consumer mix", consumers(lean_), lean)]);
measured.push([
  "lean service without its replica (every check reads the database), consumer mix",
  await load("lean service, no replica: consumer mix", consumers(leanDb.url), [leanDb.process]),
]);
measured.push([
  "lean service, pack lookups only",
  await load("lean service: pack lookups (random packs)", consumers(lean_, [["lookup", 1]]), lean),
]);
measured.push([
  "lean service, repeat checks only",
  await load("lean service: correct PINs of verified packs", consumers(lean_, [["repeat", 1]]), lean),
]);
measured.push([
  "Next.js routes, consumer mix",
  await load("Next.js routes: consumer mix", consumers(web_), [webProcess]),
]);
// The provenance a consumer sees: the pack page (server-rendered by the web app, behind the front) and
// the batch's provenance as JSON.
const packPage = (): autocannon.Options => ({
  url: lean_,
  requests: [
    {
      setupRequest: (req) => ({ ...req, method: "GET", path: `/pack/${gtin}/${BENCH_LOT}/${g.serial(random(PACKS))}` }),
    },
  ],
});
measured.push([
  "consumer pack page (facts + journey) through the front",
  await load("pack page", packPage(), [leanProcess, webProcess]),
]);
measured.push([
  "batch provenance API through the front",
  await load("batch provenance API", { url: `${lean_}/api/batches/${g.batchId}/provenance` }, [
    leanProcess,
    webProcess,
  ]),
]);

// The soak: steady consumer load on the lean service, its memory (RSS) before and after.
const SOAK = Number(process.env.BENCH_SOAK_SECONDS ?? 600);
let soak: { seconds: number; rps: number; p99: number; rssStart: number; rssEnd: number } | undefined;
if (SOAK > 0) {
  const rssStart = await rssMiB(leanProcess.pid!);
  const r = await autocannon({ connections: 50, duration: SOAK, ...consumers(lean_) });
  const rssEnd = await rssMiB(leanProcess.pid!);
  soak = { seconds: SOAK, rps: r.requests.average, p99: r.latency.p99, rssStart, rssEnd };
  console.log(
    `soak ${SOAK} s: ${r.requests.average.toFixed(0)} req/s, p99 ${r.latency.p99} ms, ${r.non2xx} non-2xx, ${r.errors} errors; lean service RSS ${rssStart.toFixed(0)} -> ${rssEnd.toFixed(0)} MiB`,
  );
}
const health = (await (await fetch(`${lean_}/health`)).json()) as { cache: unknown; replica: unknown };
console.log(
  `lean service after the run: replica ${JSON.stringify(health.replica)}, database path ${JSON.stringify(health.cache)}`,
);

const db_ = usePostgres ? "PostgreSQL" : "embedded PGlite";
const rows: ResultRow[] = [];
const baseline = "bare Node HTTP server, fixed JSON";
for (const [name, r] of measured) {
  rows.push(row(`verify (${db_}): ${name}: req/s`, r.rps, "req/s", baseline, bare.rps));
  rows.push(row(`verify (${db_}): ${name}: p99`, r.p99, "ms", baseline, Math.max(bare.p99, 1)));
}
rows.push(
  row(
    `verify (${db_}): lean service RSS with the ${PACKS}-pack batch in its replica`,
    replicaLoad.rss,
    "MiB",
    "RSS before the batch was loaded",
    rssBeforeLoad,
  ),
);
if (soak) {
  rows.push(
    row(
      `soak (${db_}): lean service RSS after ${soak.seconds} s of the consumer mix`,
      soak.rssEnd,
      "MiB",
      "RSS at the start of the soak",
      soak.rssStart,
    ),
  );
  rows.push(row(`soak (${db_}): consumer mix over ${soak.seconds} s: req/s`, soak.rps, "req/s", baseline, bare.rps));
  rows.push(
    row(`soak (${db_}): consumer mix over ${soak.seconds} s: p99`, soak.p99, "ms", baseline, Math.max(bare.p99, 1)),
  );
}
// Other work on the machine moves every figure: say how busy it was (2 cores here).
console.log(
  `load average (1, 5, 15 min) at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(", ")}`,
);
await saveResults(usePostgres ? "verify-postgres" : "verify-embedded", rows);
await servers.stop();
await database.stop();
await rm(dir, { recursive: true, force: true });
process.exit(0);
