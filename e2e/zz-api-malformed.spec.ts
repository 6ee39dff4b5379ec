/**
 * Every public endpoint of the running product against a corpus of over 200 malformed requests:
 * no 5xx, every API answer a 4xx with a JSON error that has a code and a sentence. Runs last (its
 * many requests from one client would otherwise spend the journey's rate-limit budget).
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { batchIdOf } from "@tracemed/chain/ids";
import { ANVIL_MNEMONIC } from "@tracemed/chain/node";
import { mnemonicToAccount } from "viem/accounts";
import { rawHttp, type RawAnswer } from "@tracemed/config/testing/rawHttp";
import { expect, test } from "./lib/fixtures";
import { parseCsv } from "./lib/labels";
import { malformedCorpus, rawCorpus } from "./lib/malformed";
import { signIn } from "./lib/signIn";

/** A real pack of the demo (the first label of the sheet whose file name starts with `prefix`). */
async function demoPack(prefix = "") {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set: run through the Playwright config");
  const demo = path.join(dataDir, "demo");
  const csv = (await readdir(demo)).find((f) => f.startsWith(prefix) && f.endsWith(".csv"));
  if (!csv) throw new Error(`no demo label CSV in ${demo}`);
  const [first] = parseCsv(await readFile(path.join(demo, csv), "utf8"));
  const at = (name: string) => first![name]!;
  return {
    gtin: at("gtin"),
    lot: at("lot"),
    serial: at("serial"),
    batchId: batchIdOf(BigInt(at("gtin")), at("lot")),
  };
}

/** Whether `text` is the API's error contract: JSON `{ error: { code, message } }` with a sentence. */
function isApiError(type: string, text: string): boolean {
  if (!type.includes("application/json")) return false;
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    return typeof body.error?.code === "string" && typeof body.error.message === "string" && !!body.error.message;
  } catch {
    return false;
  }
}

test("malformed input to every public endpoint gets a clear 4xx, never a 5xx", async ({ request }) => {
  // A real pack of the demo, so that each request has exactly one thing wrong.
  const real = await demoPack();
  const corpus = malformedCorpus(real);
  expect(corpus.length).toBeGreaterThanOrEqual(200);

  const problems: string[] = [];
  const statuses = new Map<number, number>();
  for (const r of corpus) {
    const res = await request.fetch(r.path, {
      method: r.method,
      headers: r.headers,
      data: r.body,
      maxRedirects: 0,
      failOnStatusCode: false,
    });
    const status = res.status();
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const type = res.headers()["content-type"] ?? "";
    const text = await res.text();
    if (r.path.startsWith("/pack/")) {
      // A page a phone opens: never a 5xx, never the attack string as markup, always a clear answer
      // (the page's problem notice, or the "unknown code" verdict).
      if (status >= 500) problems.push(`${r.label}: page answered ${status}`);
      else if (/<script>alert\(1\)<\/script>|<img src=x/.test(text)) problems.push(`${r.label}: markup echoed`);
      else if (status === 200 && !/data-testid="(pack-problem|verdict)"/.test(text))
        problems.push(`${r.label}: 200 without a problem notice or verdict`);
      continue;
    }
    if (status < 400 || status > 499 || (r.expect !== undefined && status !== r.expect)) {
      problems.push(`${r.label}: ${r.method} ${r.path.slice(0, 80)} -> ${status}`);
      continue;
    }
    if (status === 405 && !res.headers()["allow"]) problems.push(`${r.label}: 405 without Allow`);
    if (r.path.startsWith("/api/")) {
      if (!type.includes("application/json")) {
        problems.push(`${r.label}: ${status} answered ${type || "no content type"}, not JSON`);
        continue;
      }
      const body = JSON.parse(text) as { known?: boolean; error?: { code?: unknown; message?: unknown } };
      // A well-formed lookup of a code nobody issued is an answer ("unknown"), not an error.
      const unknownPack = status === 404 && body.known === false;
      if (
        !unknownPack &&
        (typeof body.error?.code !== "string" || typeof body.error.message !== "string" || !body.error.message)
      )
        problems.push(`${r.label}: ${status} without { error: { code, message } }`);
    }
  }
  console.log(
    `[malformed] ${corpus.length} requests: ` +
      [...statuses]
        .sort((a, b) => a[0] - b[0])
        .map(([s, n]) => `${n} x ${s}`)
        .join(", "),
  );
  expect(problems, problems.join("\n")).toEqual([]);
});

test("a batch's label files go to its own manufacturer only", async ({ playwright, baseURL }) => {
  const dataDir = process.env.E2E_DATA_DIR!;
  const csv = (await readdir(path.join(dataDir, "demo"))).find((f) => f.startsWith("labels-AMX"))!;
  const [first] = parseCsv(await readFile(path.join(dataDir, "demo", csv), "utf8"));
  // A batch of the demo manufacturer Huaxin (anvil account 2).
  const batchId = batchIdOf(BigInt(first!.gtin!), first!.lot!);
  const labels = `/api/manufacturer/batches/${batchId}/labels/csv`;
  const as = async (index: number | null) => {
    const request = await playwright.request.newContext({ baseURL });
    if (index !== null) await signIn(request, baseURL!, index);
    const res = await request.get(labels);
    const body = (await res.json()) as { error?: { code: string } };
    await request.dispose();
    return { status: res.status(), code: body.error?.code };
  };
  expect((await as(null)).status).toBe(401); // nobody signed in
  expect((await as(3)).status).toBe(403); // another manufacturer (Alpenwerk)
  expect((await as(6)).status).toBe(403); // a pharmacy
  expect((await as(1)).status).toBe(403); // the regulator sees batches, not PINs
  // The owner is not refused: the demo's label sheets were printed at seeding, so there is no file
  // to serve here (404 with a sentence), but never a refusal.
  const owner = await as(2);
  expect([200, 404]).toContain(owner.status);
  expect(owner.code).not.toBe("NotYourBatch");
});

test("request lines and headers no client library sends get a JSON 4xx from the front, never a 5xx", async ({
  baseURL,
}) => {
  const real = await demoPack();
  const problems: string[] = [];
  for (const head of rawCorpus(real, new URL(baseURL!).host)) {
    const line = head.split("\r\n")[0]!.slice(0, 70);
    const answer = await rawHttp(baseURL!, head).catch((e: Error): RawAnswer => ({
      status: 0,
      headers: {},
      body: e.message,
    }));
    if (head.startsWith("OPTIONS * ")) {
      if (answer.status !== 204) problems.push(`${line}: ${answer.status}`);
      continue;
    }
    if (answer.status < 400 || answer.status > 499)
      problems.push(`${line}: ${answer.status} ${answer.body.slice(0, 80)}`);
    else if (!isApiError(answer.headers["content-type"] ?? "", answer.body))
      problems.push(`${line}: ${answer.status} is not the JSON error contract: ${answer.body.slice(0, 80)}`);
    else if (answer.status === 405 && !answer.headers.allow) problems.push(`${line}: 405 without Allow`);
    if (/<script>/.test(answer.body)) problems.push(`${line}: markup echoed`);
  }
  expect(problems, problems.join("\n")).toEqual([]);
});

test("every API route answers a method it does not serve with a JSON 405 and its Allow", async ({ request }) => {
  const real = await demoPack();
  const api = path.join(import.meta.dirname, "..", "apps", "web", "app", "api");
  const routes = (await readdir(api, { recursive: true }))
    .filter((f) => f.endsWith("route.ts") && !f.includes("[[...path]]"))
    .map((f) => path.dirname(f).split(path.sep).join("/"));
  expect(routes.length).toBeGreaterThanOrEqual(20);
  const value: Record<string, string> = {
    "[batchId]": real.batchId,
    "[gtin]": real.gtin,
    "[lot]": encodeURIComponent(real.lot),
    "[serial]": encodeURIComponent(real.serial),
    "[kind]": "csv",
    "[sscc]": "000000000000000001",
  };
  const problems: string[] = [];
  let checked = 0;
  for (const route of routes) {
    // What the route file serves, read from its exports (the truth the answer must match).
    const source = await readFile(path.join(api, route, "route.ts"), "utf8");
    const served = new Set(
      [
        ...[...source.matchAll(/export (?:const|async function|function) (\w+)\b/g)].map((m) => m[1]!),
        ...[...source.matchAll(/export \{([^}]*)\}/g)].flatMap((m) => m[1]!.split(",").map((s) => s.trim())),
      ].filter((name) => ["GET", "POST", "PUT", "PATCH", "DELETE"].includes(name)),
    );
    const url = `/api/${route
      .split("/")
      .map((s) => value[s] ?? s)
      .join("/")}`;
    const allow = [...served, "OPTIONS", ...(served.has("GET") ? ["HEAD"] : [])].sort().join(", ");
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !served.has(m))) {
      checked++;
      const res = await request.fetch(url, { method, failOnStatusCode: false, maxRedirects: 0 });
      const text = await res.text();
      if (res.status() !== 405) problems.push(`${method} ${url}: ${res.status()}`);
      else if (!isApiError(res.headers()["content-type"] ?? "", text)) problems.push(`${method} ${url}: not JSON`);
      else if (res.headers()["allow"] !== allow)
        problems.push(`${method} ${url}: Allow ${res.headers()["allow"]}, expected ${allow}`);
    }
  }
  console.log(`[malformed] ${checked} unsupported methods on ${routes.length} API routes`);
  expect(problems, problems.join("\n")).toEqual([]);
});

/** A request context signed in as demo organisation `index` (null: signed out). */
async function contextAs(
  playwright: { request: { newContext: (o: { baseURL?: string }) => Promise<APIRequestContext> } },
  baseURL: string,
  index: number | null,
) {
  const request = await playwright.request.newContext({ baseURL });
  if (index !== null) await signIn(request, baseURL, index);
  return request;
}

test("the chain proxy is for signed-in staff, and refuses a non-string method with a 400", async ({
  playwright,
  baseURL,
}) => {
  const rpc = (request: APIRequestContext, body: unknown) =>
    request.post("/api/rpc", { data: body, headers: { "content-type": "application/json" }, failOnStatusCode: false });
  const anonymous = await contextAs(playwright, baseURL!, null);
  const chainId = { jsonrpc: "2.0", id: 1, method: "eth_chainId" };
  const out = await rpc(anonymous, chainId);
  expect(out.status()).toBe(401);
  expect(((await out.json()) as { error: { code: string } }).error.code).toBe("SignInRequired");
  await anonymous.dispose();

  const staff = await contextAs(playwright, baseURL!, 6); // Renmin Road Pharmacy
  expect((await rpc(staff, chainId)).status()).toBe(200);
  for (const body of [
    { jsonrpc: "2.0", id: 1, method: { toString: 1 } },
    { jsonrpc: "2.0", id: 1, method: 5 },
    { jsonrpc: "2.0", id: 1, method: null },
    { jsonrpc: "2.0", id: 1, method: ["eth_chainId"] },
    [null],
    [chainId, { jsonrpc: "2.0", id: 2, method: { valueOf: 1 } }],
    "just a string",
  ]) {
    const res = await rpc(staff, body);
    expect(res.status(), JSON.stringify(body)).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("MalformedRpc");
  }
  expect((await rpc(staff, { jsonrpc: "2.0", id: 1, method: "eth_sendTransaction", params: [] })).status()).toBe(403);
  await staff.dispose();
});

test("a batch's custody data goes to its parties and the regulator; the public sees the consumer view", async ({
  playwright,
  baseURL,
}) => {
  // Amoxicillin (Huaxin): shipped to Eastern, then to Renmin Road, Lakeside and Apotheke am Markt.
  const amx = await demoPack("labels-AMX");
  const routes = {
    csv: `/api/batches/${amx.batchId}/csv`,
    epcis: `/api/batches/${amx.batchId}/epcis`,
    provenance: `/api/batches/${amx.batchId}/provenance`,
    pack: `/api/packs/${amx.gtin}/${encodeURIComponent(amx.lot)}/${encodeURIComponent(amx.serial)}/provenance`,
  };
  const audiences = [
    { who: "signed out", index: null, party: false, exportStatus: 401 },
    { who: "Alpenwerk (another manufacturer)", index: 3, party: false, exportStatus: 403 },
    { who: "Rhein (a distributor of other batches)", index: 5, party: false, exportStatus: 403 },
    { who: "Huaxin (its manufacturer)", index: 2, party: true, exportStatus: 200 },
    { who: "Renmin Road Pharmacy (received it)", index: 6, party: true, exportStatus: 200 },
    { who: "the regulator", index: 1, party: true, exportStatus: 200 },
  ];
  /** Keys anywhere in `value`. */
  const keys = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.flatMap(keys)
      : value && typeof value === "object"
        ? Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)])
        : [];
  const commercial = ["quantity", "gln", "account", "ref", "txHash", "holdings", "totals", "shortfall"];
  for (const a of audiences) {
    const request = await contextAs(playwright, baseURL!, a.index);
    for (const exp of [routes.csv, routes.epcis]) {
      const res = await request.get(exp, { failOnStatusCode: false });
      expect(res.status(), `${a.who}: ${exp}`).toBe(a.exportStatus);
      if (a.exportStatus !== 200)
        expect(isApiError(res.headers()["content-type"] ?? "", await res.text()), `${a.who}: ${exp}`).toBe(true);
    }
    for (const route of [routes.provenance, routes.pack]) {
      const res = await request.get(route, { failOnStatusCode: false });
      expect(res.status(), `${a.who}: ${route}`).toBe(200);
      const body = (await res.json()) as { view: string; journey?: { to: { name: string } }[] };
      expect(body.view, `${a.who}: ${route}`).toBe(a.party ? "full" : "public");
      const found = keys(body).filter((k) => commercial.includes(k));
      if (a.party) expect(found.length, `${a.who}: ${route} has the custody data`).toBeGreaterThan(0);
      else {
        expect([...new Set(found)], `${a.who}: ${route}`).toEqual([]);
        // The journey the consumer page shows is there: names, not accounts.
        expect(body.journey?.map((s) => s.to.name)).toContain("Eastern Medical Distribution");
      }
    }
    if (a.index === null) {
      // The consumer page renders the same public view: the journey by name, no account anywhere.
      const page = await (await request.get(`/pack/${amx.gtin}/${encodeURIComponent(amx.lot)}/${amx.serial}`)).text();
      expect(page).toContain('data-testid="journey"');
      expect(page).toContain("Eastern Medical Distribution");
      const eastern = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 4 }).address;
      expect(page.toLowerCase()).not.toContain(eastern.toLowerCase());
    }
    await request.dispose();
  }
});
