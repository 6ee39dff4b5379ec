/**
 * The start command, as a newcomer runs it: a real anvil, the real deploy and seed, the production
 * web server. Stopping with Ctrl-C (SIGINT) and starting again must show the same network without
 * deploying again. The seed leaves the ledger to its two regulators' council: the deployer keeps no role.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, it } from "node:test";
import { signInMessage } from "../apps/web/lib/session/signInMessage.js";
import { accessManagerAbi, ADMIN_ROLE, COUNCIL_ROLE } from "@tracemed/chain";
import { parsePackCsv } from "@tracemed/codes";
import { createPublicClient, http, type Address } from "viem";
import { DEMO_MEMBERS, DEMO_ORGANISATIONS, DEMO_REGULATORS, demoOrganisation, deployerAccount } from "./lib/demo.js";
import { createDb } from "@tracemed/db";
import { freePort } from "@tracemed/db/testing";
import { productEnv, startProduct as start, stopProduct as stop, waitFor } from "./lib/product.js";

const page = async (url: string, cookie?: string) =>
  (await (await fetch(url, cookie ? { headers: { cookie } } : {})).text()).replaceAll("<!-- -->", "");

/** Signs in as the demo regulator (the staff pages need a session), as the browser's StaffMenu does; returns the cookie. */
async function regulatorCookie(url: string): Promise<string> {
  const { nonce, chainId } = (await (await fetch(`${url}api/auth/nonce`, { method: "POST" })).json()) as {
    nonce: string;
    chainId: number;
  };
  const account = demoOrganisation("regulator").account;
  const message = signInMessage({ url, address: account.address, nonce, chainId });
  const res = await fetch(`${url}api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ message, signature: await account.signMessage({ message }) }),
  });
  assert.equal(res.status, 200, await res.text());
  return res.headers.getSetCookie()[0]!.split(";")[0]!;
}

describe("the start command", () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  after(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it("startsSeededThenRestartsWithTheSameDataAndNoRedeploy", { timeout: 600_000 }, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "tracemed-start-"));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const env = { ...(await productEnv(dataDir)), NEXT_PORT: String(await freePort()) };
    // The public origin it prints (a name: passkeys need one); sign-in messages must name it.
    const url = `http://localhost:${env.WEB_PORT}/`;

    const first = await start(env);
    cleanup.push(async () => first.child.exitCode === null && stop(first));
    const shown = first.output();
    assert.match(shown, /first start: deploying the ledger and seeding the demo network/);
    assert.match(shown, /regulator council 0x[0-9a-fA-F]{40}: every action waits 120 s/, "the demo's council delay");
    // What a newcomer sees: progress and the public address, about 20 lines (195 before, most of them the
    // build's route table, Turbopack warnings and Next's banner naming its internal port); all of it is in the log.
    const lines = shown.split("\n").filter((l) => l.trim() !== "").length;
    assert.ok(lines < 40, `${lines} lines until ready:\n${shown}`);
    // A name, not an IP address: browsers refuse an IP address as a passkey's relying party.
    assert.match(shown, new RegExp(`TraceMed is running at http://localhost:${env.WEB_PORT}\\n`));
    assert.doesNotMatch(shown, /Next\.js|Local:|Network:|Dynamic filesystem access/);
    assert.ok(!shown.includes(`:${env.NEXT_PORT}`), "the internal port is not shown");
    const log = await readFile(path.join(dataDir, "logs", "tracemed.log"), "utf8");
    assert.match(log, /\[web\] .*Ready in/, "Next's own output is kept in the log");
    if (log.includes("[build]")) assert.doesNotMatch(log, /Dynamic filesystem access/);
    // The internal port answers only the front: a direct request, even with a made-up vouching header, is refused.
    for (const headers of [{}, { "x-tracemed-front": "guess" }] as Record<string, string>[]) {
      const direct = await fetch(`http://127.0.0.1:${env.NEXT_PORT}/api/health`, { headers });
      assert.equal(direct.status, 403);
      assert.equal(((await direct.json()) as { error: { code: string } }).error.code, "DirectAccessRefused");
    }
    assert.equal((await fetch(`${url}api/health`, { headers: { "x-tracemed-front": "guess" } })).status, 200);
    // The indexer, started alongside, reads all 61 demo ledger events into the database (in one or more block
    // ranges; the council's own events come on top).
    const indexedEvents = () =>
      [...first.output().matchAll(/\[indexer\] indexed blocks \d+-\d+: (\d+) events/g)].reduce(
        (n, m) => n + Number(m[1]),
        0,
      );
    await waitFor(() => indexedEvents() >= 61, "the indexer indexes the seed", 30_000, first.output);
    // The network overview: the batches table (at /batches, for signed-in staff) and the regulator's organisations.
    const cookie = await regulatorCookie(url);
    const before = await page(`${url}batches`, cookie);
    assert.match(before, /Every batch on the network \(4\)/);
    for (const name of ["Huaxin Pharmaceutical Co., Ltd.", "Apotheke am Markt"]) {
      assert.ok(before.includes(name), `the page lists ${name}`);
    }
    const organisations = await page(`${url}regulator`, cookie);
    assert.equal(organisations.match(/<tr data-account=/g)?.length, 10, "10 organisations, two of them regulators");
    assert.ok(organisations.includes("Consumer Verification Service"));
    // The chain this command started itself: its demo organisations' members' local accounts are offered, the
    // operators beside the admins.
    const demo = (await (await fetch(`${url}api/dev/accounts`)).json()) as { accounts: { address: string }[] };
    assert.deepEqual(
      demo.accounts.map((a) => a.address).sort(),
      DEMO_MEMBERS.map((m) => m.account.address).sort(),
      `${DEMO_ORGANISATIONS.length} admins and their operators`,
    );
    assert.match(before, /Recalled/);
    assert.match(before, /Out-of-specification dissolution results in stability testing/);
    assert.match(before, /稳定性试验中溶出度结果不符合规定/, "the demo recall's reason in Chinese too");

    // A printed label of the demo (the serialization-line CSV holds what the label shows).
    const sheet = parsePackCsv(await readFile(path.join(dataDir, "demo", "labels-AMX2611A.csv"), "utf8"));
    const label = (i: number) => sheet[i]!;
    const fresh = label(0);
    // The QR's Digital Link resolves to the pack page on our host.
    const link = await fetch(fresh.digital_link!, { redirect: "manual" });
    assert.equal(link.status, 307);
    const pagePath = new URL(link.headers.get("location")!).pathname;
    assert.match(pagePath, new RegExp(`^/pack/${fresh.gtin}/${fresh.lot}/${fresh.serial}$`));
    const packPage = await page(`${url.replace(/\/$/, "")}${pagePath}`);
    assert.match(packPage, /Amoxicillin 500 mg/);
    // The demo's master data in Chinese, and its leaflet in both languages, through the public port.
    const info = (await (await fetch(`${url}api/packs/${fresh.gtin}/${fresh.lot}/${fresh.serial}`)).json()) as {
      product: {
        text: { zh: { generic: string } };
        approvalNumber: string;
        leaflets: { locale: string; href: string }[];
      };
      manufacturer: { nameZh: string };
    };
    assert.equal(info.product.text.zh.generic, "阿莫西林");
    assert.equal(info.product.approvalNumber, "国药准字H20263001");
    assert.equal(info.manufacturer.nameZh, "华新制药有限公司");
    assert.deepEqual(
      info.product.leaflets.map((l) => l.locale),
      ["en", "zh-CN"],
    );
    for (const { href } of info.product.leaflets) {
      const leaflet = await fetch(`${url.replace(/\/$/, "")}${href}`);
      assert.equal(leaflet.headers.get("content-type"), "application/pdf", href);
      assert.equal(
        Buffer.from(await leaflet.arrayBuffer())
          .subarray(0, 5)
          .toString(),
        "%PDF-",
        href,
      );
    }
    const verify = async (l: Record<string, string>, pin: string) => {
      const res = await fetch(`${url}api/verify`, {
        method: "POST",
        headers: { "content-type": "application/json", "accept-language": "zh-CN" },
        body: JSON.stringify({ gtin: l.gtin, lot: l.lot, serial: l.serial, pin }),
      });
      return { status: res.status, body: (await res.json()) as { verdict: string; checksSince?: number } };
    };
    assert.equal((await verify(fresh, fresh.pin!)).body.verdict, "genuine");
    assert.equal((await verify(fresh, fresh.pin!)).body.verdict, "already_verified");
    assert.equal(
      (await verify(label(1), label(1).pin!)).body.verdict,
      "already_verified",
      "claimed on chain by the seed",
    );
    assert.equal((await verify(label(3), label(3).pin!)).body.verdict, "dispensed");
    const typo = await verify(fresh, fresh.pin!.slice(0, 19) + String((Number(fresh.pin!.at(-1)) + 1) % 10));
    assert.equal(typo.status, 400);
    // One client, one hash: the checks the front answered and a report the web app took count the same client.
    const report = await fetch(`${url}api/reports`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        gtin: fresh.gtin,
        lot: fresh.lot,
        serial: fresh.serial,
        category: "looks_different",
        text: "The seal was broken",
      }),
    });
    assert.equal(report.status, 201);
    const db = createDb(`postgresql://postgres:postgres@127.0.0.1:${env.DB_PORT}/postgres?sslmode=disable`);
    try {
      const where = { serial: fresh.serial! };
      await waitFor(async () => (await db.consumerScan.count({ where })) >= 2, "the checks are recorded", 10_000);
      const hashes = [
        ...(await db.consumerScan.findMany({ where, select: { clientHash: true } })),
        ...(await db.consumerReport.findMany({ where, select: { clientHash: true } })),
      ].map((r) => r.clientHash);
      assert.equal(new Set(hashes).size, 1, `one client hash for ${hashes.length} records`);
    } finally {
      await db.$disconnect();
    }
    // The verifier account records both first verifications (packs 0 and 3) on chain.
    const claimsOnChain = () =>
      [...first.output().matchAll(/\[claims\] recorded (\d+) consumer verification/g)].reduce(
        (n, m) => n + Number(m[1]),
        0,
      );
    await waitFor(() => claimsOnChain() === 2, "both claims are on chain", 30_000, first.output);

    const saved = JSON.parse(await readFile(path.join(dataDir, "deployment.json"), "utf8")) as {
      address: Address;
      council: Address;
      seeded: boolean;
    };
    assert.equal(saved.seeded, true);
    // No single key acts alone: the deployer left the council, each regulator's admin sits on it with the delay.
    const chain = createPublicClient({ transport: http(`http://127.0.0.1:${env.CHAIN_PORT}`) });
    const seat = async (role: bigint, account: Address) => {
      const [member, delay] = await chain.readContract({
        address: saved.council,
        abi: accessManagerAbi,
        functionName: "hasRole",
        args: [role, account],
      });
      return member ? delay : "none";
    };
    for (const role of [ADMIN_ROLE, COUNCIL_ROLE]) {
      assert.equal(await seat(role, deployerAccount().address), "none", "the deployer renounced its bootstrap roles");
      for (const r of DEMO_REGULATORS) assert.equal(await seat(role, r.account.address), 120, r.name);
    }
    assert.equal(await stop(first), 0);

    const second = await start(env);
    cleanup.push(async () => second.child.exitCode === null && stop(second));
    assert.doesNotMatch(second.output(), /deploying/);
    assert.match(second.output(), new RegExp(`embedded chain resumed at block \\d+; ledger ${saved.address}`, "i"));
    const afterRestart = await page(`${url}batches`, cookie);
    // The same network: batches, holders, quantities and the recall all survived the restart.
    const table = (html: string) => html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
    assert.equal(table(afterRestart), table(before));
    // The claim survived the restart.
    const again = await fetch(`${url}api/verify`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ gtin: fresh.gtin, lot: fresh.lot, serial: fresh.serial, pin: fresh.pin }),
    });
    assert.equal(((await again.json()) as { verdict: string }).verdict, "already_verified");
    assert.equal(await stop(second), 0);
  });

  it("refusesAnotherNetworkWithoutSystemKeySecret_beforeStartingAnything", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "tracemed-start-nokey-"));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const { SYSTEM_KEY_SECRET: _unset, ...env } = process.env;
    const run = promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      cwd: path.resolve(import.meta.dirname, ".."),
      env: { ...env, DATA_DIR: dataDir, CHAIN_RPC_URL: "http://127.0.0.1:9", WEB_PORT: String(await freePort()) },
      timeout: 60_000,
    });
    const failed = await run.then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    assert.ok(failed && failed.code !== 0, "it started without SYSTEM_KEY_SECRET");
    assert.match(failed.stderr ?? "", /set SYSTEM_KEY_SECRET/);
  });
});
