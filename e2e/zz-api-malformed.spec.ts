/**
 * Every public endpoint of the running product against a corpus of over 200 malformed requests:
 * no 5xx, every API answer a 4xx with a JSON error that has a code and a sentence. Runs last (its
 * many requests from one client would otherwise spend the journey's rate-limit budget).
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { encodePacked, keccak256 } from "viem";
import { expect, test } from "./lib/fixtures";
import { malformedCorpus } from "./lib/malformed";
import { signIn } from "./lib/signIn";

/** The ledger's batch id, keccak256(abi.encodePacked(uint64 gtin, lot)) (as @tracemed/chain's batchIdOf). */
const batchIdOf = (gtin: bigint, lot: string) => keccak256(encodePacked(["uint64", "string"], [gtin, lot]));

test("malformed input to every public endpoint gets a clear 4xx, never a 5xx", async ({ request }) => {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error("E2E_DATA_DIR is not set: run through the Playwright config");
  // A real pack of the demo, so that each request has exactly one thing wrong.
  const demo = path.join(dataDir, "demo");
  const csv = (await readdir(demo)).find((f) => f.endsWith(".csv"));
  if (!csv) throw new Error(`no demo label CSV in ${demo}`);
  const [header, first] = (await readFile(path.join(demo, csv), "utf8")).split(/\r?\n/);
  const cols = header!.split(",");
  const cells = first!.split(",");
  const at = (name: string) => cells[cols.indexOf(name)]!;
  const real = {
    gtin: at("gtin"),
    lot: at("lot"),
    serial: at("serial"),
    batchId: batchIdOf(BigInt(at("gtin")), at("lot")),
  };
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
    if (status < 400 || status > 499) {
      problems.push(`${r.label}: ${r.method} ${r.path.slice(0, 80)} -> ${status}`);
      continue;
    }
    if (r.path.startsWith("/api/") && status !== 405) {
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
  const [header, first] = (await readFile(path.join(dataDir, "demo", csv), "utf8")).split(/\r?\n/);
  const cells = first!.split(",");
  const cols = header!.split(",");
  // A batch of the demo manufacturer Huaxin (anvil account 2).
  const batchId = batchIdOf(BigInt(cells[cols.indexOf("gtin")]!), cells[cols.indexOf("lot")]!);
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
