/**
 * The consumer's scan as a slow phone and as a crowd of phones meet it, each beside a baseline measured in the
 * same run: a bare node:http server (bench/lib/staticSite.ts) serving saved copies of the same pages (their
 * HTML without scripts, and their stylesheets).
 *
 * 1. The slow phone: Chromium (Playwright, /usr/bin/chromium) on the slow-phone profile (CDP network emulation
 *    1.6 Mbps down, 750 kbps up, 150 ms round trip; 4x CPU slowdown; 390x844; a fresh context, so an empty
 *    cache, for every run; Chinese), for `/` and the pack page: bytes transferred, JavaScript bytes and
 *    requests, and the time until the code field (on `/`) or the PIN field (on the pack page) is usable: the
 *    field takes the value and its form can be sent. A form can be sent once it is painted, its submit
 *    button is enabled with the value in the field, and either it is a plain form (it has an `action`: it
 *    works without scripts) or a script has taken it over (React's handlers attached). The static copies get
 *    an `action` and lose `disabled` (a static site's form posts). Median of BENCH_PHONE_RUNS (5) runs.
 * 2. The QR landing: the GS1 Digital Link (the redirect), then the pack page it points to, for random packs of
 *    the 1,000,000, through the public port (the lean service in front of the web app, as `npm start` runs
 *    them), 50 connections (autocannon), as phones ask (gzip, Chinese); requests per second (the redirect and
 *    the page each count) and p99, against the static server answering the same two requests.
 *
 * Run (it builds the web app first if there is no production build):
 *   bash scripts/node.sh node --import tsx bench/consumer.ts [packs] [seconds]
 * BENCH_DB=postgres uses a PostgreSQL 15 server, otherwise the embedded PGlite server (bench/lib/benchBatch.ts).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { chromium, type Browser } from "@playwright/test";
import { freePort } from "@tracemed/db/testing";
import { BENCH_EXPIRY, BENCH_LOT, BENCH_MAKER, seedBenchBatch } from "./lib/benchBatch";
import { replicaLoaded, root, Servers } from "./lib/servers";
import { row, saveResults, type ResultRow } from "./suite/results";

const PACKS = Number(process.argv[2] ?? 1_000_000);
const SECONDS = Number(process.argv[3] ?? 10);
const RUNS = Number(process.env.BENCH_PHONE_RUNS ?? 5);
const LANGUAGE = "zh-CN,zh;q=0.9,en;q=0.5";
const dir = await mkdtemp(path.join(tmpdir(), "tracemed-bench-consumer-"));

// 1. The database: the batch, and a journey for it (maker -> distributor -> pharmacy, both received).
const { database, databasePid, usePostgres, gtin, g, keysDir, db } = await seedBenchBatch(dir, PACKS);
process.once("exit", () => {
  try {
    process.kill(databasePid, "SIGINT"); // a failed run leaves no database server behind
  } catch {
    // already stopped
  }
});
const parties = [
  { account: `0x${"22".repeat(20)}`, name: "Eastern Distribution", roles: 4, gln: "6901234000030" },
  { account: `0x${"33".repeat(20)}`, name: "Renmin Road Pharmacy", roles: 8, gln: "6901234000047" },
];
await db.organisation.createMany({
  data: parties.map((p) => ({ ...p, country: "CN", onboardedAt: new Date(), updatedAt: new Date() })),
});
const day = 86_400_000;
await db.shipment.createMany({
  data: [BENCH_MAKER, parties[0]!.account].map((from, k) => ({
    id: `0x${String(k + 1).padStart(64, "0")}`,
    batchId: g.batchId,
    fromAccount: from,
    toAccount: parties[k]!.account,
    quantity: 1_000 / (k + 1),
    received: 1_000 / (k + 1),
    shortfall: 0,
    ref: `0x${String(k + 1).padStart(64, "0")}`,
    status: "received" as const,
    shippedAt: new Date(Date.now() - (10 - 4 * k) * day),
    shippedBlock: BigInt(2 + 2 * k),
    shippedTx: "0x00",
    closedAt: new Date(Date.now() - (8 - 4 * k) * day),
    closedBlock: BigInt(3 + 2 * k),
    closedTx: "0x00",
  })),
});
/** The pack the phone opens (not verified before: leaf 1), and the PIN typed into it. */
const phonePack = { serial: g.serial(1), pin: g.pin(1) };
const serials = (i: number) => g.serial(i);
g.wipePins();
await db.$disconnect();

// 2. The product's servers, as npm start runs them: the lean service on the public port in front of the web app.
const servers = new Servers();
const common = { DATABASE_URL: database.url, PIN_KEYS_DIR: keysDir };
const web = await servers.web(common, dir);
const front = await servers.lean(
  {
    ...common,
    ...(process.env.BENCH_PROFILE_DIR
      ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}` }
      : {}),
  },
  web.url,
);
await replicaLoaded(front.url);
const front_ = front.url;

const packPath = (serial: string) => `/pack/${gtin}/${BENCH_LOT}/${serial}?17=${BENCH_EXPIRY}`;
const linkPath = (serial: string) => `/01/${gtin}/10/${BENCH_LOT}/21/${serial}?17=${BENCH_EXPIRY}`;
const PAGES = [
  { name: "/", path: "/", field: "input[name=code]", value: `https://id.example/01/${gtin}/10/${BENCH_LOT}/21/X` },
  { name: "pack page", path: packPath(phonePack.serial), field: "input[name=pin]", value: phonePack.pin },
] as const;

// 3. The static copies: each page's HTML as the front serves it, without scripts, with its stylesheets.
const files: Record<string, { type: string; body: string }> = {};
async function copy(url: string) {
  const r = await fetch(`${front_}${url}`, { headers: { "accept-language": LANGUAGE }, redirect: "manual" });
  if (r.status !== 200) throw new Error(`GET ${url} answered ${r.status}: the page to copy is not there`);
  return { type: r.headers.get("content-type") ?? "text/html", body: await r.text() };
}
for (const page of PAGES) {
  const { type, body } = await copy(page.path);
  const html = body
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
    .replace(/<link\b[^>]*(?:rel="modulepreload"|as="script")[^>]*>/gi, "")
    .replace(/(<button\b[^>]*?)\sdisabled(?:="[^"]*")?/gi, "$1")
    .replace(/<form\b(?![^>]*\saction=)/gi, '<form action="/static-form"');
  files[page.path.split("?")[0]!] = { type, body: html };
  for (const [, href] of html.matchAll(/<link\b[^>]*rel="(?:stylesheet|icon)"[^>]*href="(\/[^"]+)"/gi)) {
    if (!files[href!]) files[href!] = await copy(href!);
  }
}
const siteFile = path.join(dir, "site.json");
await writeFile(siteFile, JSON.stringify({ files, pack: PAGES[1].path.split("?")[0] }));
const staticPort = await freePort();
await servers.serve(
  ["--import", "tsx", path.join(root, "bench/lib/staticSite.ts"), siteFile, String(staticPort)],
  {},
  `http://127.0.0.1:${staticPort}/`,
);
const static_ = `http://127.0.0.1:${staticPort}`;

// 4. The slow phone.
interface PhoneRun {
  usableMs: number;
  bytes: number;
  jsBytes: number;
  requests: number;
}
/**
 * Runs in every document before its own scripts (browser JavaScript, as text: this file is type-checked
 * without the DOM): notes in `window.__usable` when the field is usable (see the header). The value goes in
 * through the value setter React does not watch, then an input event, which React reads as typing (a
 * trailing space does not change a PIN or a link).
 */
const usableProbe = (target: { field: string; value: string }) => `(() => {
  const target = ${JSON.stringify(target)};
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
  let painted = null;
  let ready = null;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "first-contentful-paint") painted = e.startTime;
  }).observe({ type: "paint", buffered: true });
  const tick = () => {
    const field = document.querySelector(target.field);
    const form = field && field.form;
    if (form && ready === null) {
      // Two spellings in turn: React takes an input event for a change only if the value differs from the
      // one it last saw (which, after hydration, may already be ours).
      setValue.call(field, field.value === target.value ? target.value + " " : target.value);
      field.dispatchEvent(new Event("input", { bubbles: true }));
      const button = form.querySelector("button[type=submit], button:not([type])");
      const wired = form.hasAttribute("action") || Object.keys(form).some((k) => k.startsWith("__reactProps"));
      if (button && !button.disabled && !field.disabled && wired) ready = performance.now();
      window.__probe = { button: !!button, disabled: !!(button && button.disabled), wired, value: field.value };
    }
    if (ready !== null && painted !== null) window.__usable = Math.max(ready, painted);
    else setTimeout(tick, 20);
  };
  tick();
})();`;
async function phoneRun(browser: Browser, url: string, target: { field: string; value: string }): Promise<PhoneRun> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: "zh-CN",
    extraHTTPHeaders: { "accept-language": LANGUAGE },
  });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: usableProbe(target) });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 150,
      downloadThroughput: 1_600_000 / 8,
      uploadThroughput: 750_000 / 8,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    const types = new Map<string, string>();
    const sizes = new Map<string, number>();
    cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
    cdp.on("Network.loadingFinished", (e) => sizes.set(e.requestId, e.encodedDataLength));
    await page.goto(url, { waitUntil: "commit" });
    const usable = await page
      .waitForFunction("window.__usable", null, { polling: 100, timeout: 60_000 })
      .catch(async (e: Error) => {
        const seen = await page.evaluate("JSON.stringify(window.__probe ?? null)").catch(() => "?");
        throw new Error(`${url}: the field never became usable (last seen: ${String(seen)}): ${e.message}`);
      });
    const usableMs = Number(await usable.jsonValue());
    await page.waitForLoadState("networkidle", { timeout: 60_000 });
    let bytes = 0;
    let jsBytes = 0;
    for (const [id, n] of sizes) {
      bytes += n;
      if (types.get(id) === "Script") jsBytes += n;
    }
    return { usableMs, bytes, jsBytes, requests: sizes.size };
  } finally {
    await context.close();
  }
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
const phone: Record<string, { served: PhoneRun; static: PhoneRun }> = {};
// BENCH_PHONE_RUNS=0 measures the landing alone.
const phonePages = RUNS > 0 ? PAGES : [];
for (const page of phonePages) {
  const runs = { served: [] as PhoneRun[], static: [] as PhoneRun[] };
  // Alternated, so that what else the machine does meanwhile falls on both alike.
  for (let i = 0; i < RUNS; i++) {
    runs.served.push(await phoneRun(browser, `${front_}${page.path}`, page));
    runs.static.push(await phoneRun(browser, `${static_}${page.path}`, page));
  }
  const med = (rs: PhoneRun[]): PhoneRun => ({
    usableMs: median(rs.map((r) => r.usableMs)),
    bytes: median(rs.map((r) => r.bytes)),
    jsBytes: median(rs.map((r) => r.jsBytes)),
    requests: median(rs.map((r) => r.requests)),
  });
  phone[page.name] = { served: med(runs.served), static: med(runs.static) };
  const ms = (rs: PhoneRun[]) => rs.map((r) => r.usableMs.toFixed(0)).join(", ");
  console.log(
    `${page.name} on the slow phone: usable after ${ms(runs.served)} ms (static copy ${ms(runs.static)} ms); ` +
      `${phone[page.name]!.served.bytes} bytes, ${phone[page.name]!.served.jsBytes} of JavaScript, ${phone[page.name]!.served.requests} requests (static ${phone[page.name]!.static.bytes} bytes, ${phone[page.name]!.static.requests} requests)`,
  );
}
await browser.close();

// 5. The QR landing: the redirect, then the page, for random packs.
const link = await fetch(`${front_}${linkPath(phonePack.serial)}`, { redirect: "manual" });
const location = new URL(link.headers.get("location") ?? "", front_);
if (link.status < 300 || link.status > 308 || `${location.pathname}${location.search}` !== packPath(phonePack.serial))
  throw new Error(`the Digital Link answered ${link.status} to ${location.href}, not the pack page`);
const random = (n: number) => Math.floor(Math.random() * n);
const landing = (url: string): autocannon.Options => ({
  url,
  connections: 50,
  headers: { accept: "text/html", "accept-encoding": "gzip, deflate, br", "accept-language": LANGUAGE },
  requests: [
    {
      setupRequest: (req, context: { serial?: string }) => {
        context.serial = serials(random(PACKS));
        return { ...req, method: "GET", path: linkPath(context.serial) };
      },
    },
    {
      setupRequest: (req, context: { serial?: string }) => ({ ...req, method: "GET", path: packPath(context.serial!) }),
    },
  ],
});
async function load(name: string, url: string) {
  await autocannon({ ...landing(url), duration: 3 }); // warm-up, not counted
  const r = await autocannon({ ...landing(url), duration: SECONDS });
  console.log(
    `${name}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms (${r["2xx"]} 2xx, ${r["3xx"]} 3xx, ${r["4xx"] + r["5xx"]} other, ${r.errors} errors, ${r.timeouts} timeouts)`,
  );
  if (r["4xx"] + r["5xx"] + r.errors + r.timeouts > 0)
    console.log(`  ! ${r["4xx"] + r["5xx"]} refusals and ${r.errors} errors: the figure above is not a clean one`);
  return { rps: r.requests.average, p99: r.latency.p99 };
}
const bare = await load("QR landing, static copy on a bare node:http server", static_);
const served = await load("QR landing through the public port", front_);

// 6. The figures.
const db_ = usePostgres ? "PostgreSQL" : "embedded PGlite";
const rows: ResultRow[] = [];
for (const page of phonePages) {
  const { served: s, static: st } = phone[page.name]!;
  const what = `consumer ${page.name}, slow phone`;
  rows.push(
    row(`${what}: time until usable (median of ${RUNS})`, s.usableMs, "ms", "static copy, same run", st.usableMs),
  );
  rows.push(row(`${what}: bytes transferred`, s.bytes, "bytes", "static copy, same run", st.bytes));
  rows.push(row(`${what}: JavaScript transferred`, s.jsBytes, "bytes", "budget (50 KiB)", 51_200));
  rows.push(row(`${what}: requests`, s.requests, "requests", "static copy, same run", st.requests));
}
const baseline = "static copy on a bare node:http server, same run";
rows.push(row(`consumer QR landing (${db_}, ${PACKS} packs): req/s`, served.rps, "req/s", baseline, bare.rps));
rows.push(row(`consumer QR landing (${db_}, ${PACKS} packs): p99`, served.p99, "ms", baseline, Math.max(bare.p99, 1)));
console.log(
  `load average (1, 5, 15 min) at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(", ")}`,
);
await saveResults("consumer", rows);
await servers.stop();
await database.stop();
await rm(dir, { recursive: true, force: true });
process.exit(0);
