/**
 * No header a client sends decides where a link points or which site a sign-in is for: the routes,
 * called as Next.js calls them, with Host, X-Forwarded-Host and X-Forwarded-Proto naming another
 * site, answer on PUBLIC_ORIGIN only. The web app has no TRUST_PROXY setting that would make them
 * count (the front decides the client's address, and passes the configured origin on).
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { openDatabase } from "@tracemed/indexer/testing";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { callRoute, useAppEnvironment } from "./testing/appRoutes";
import { signInMessage } from "./session/signInMessage";
import { SESSION_COOKIE, signSession } from "./session/token";

const ORIGIN = "https://trace.example.org";
const EVIL = "trace-example.evil";
/** Every way a client (or a proxy that passes whatever it gets) can name a host. */
const HOSTILE = {
  host: EVIL,
  "x-forwarded-host": EVIL,
  "x-forwarded-proto": "http",
  forwarded: `host=${EVIL};proto=http`,
};

describe("one configured public origin; never the client's Host", () => {
  let database: Awaited<ReturnType<typeof openDatabase>>;
  let keysDir: string;

  before(async () => {
    database = await openDatabase("embedded PGlite", 4);
    keysDir = await mkdtemp(path.join(tmpdir(), "tracemed-origin-keys-"));
    useAppEnvironment({
      DATABASE_URL: database.url,
      CHAIN_RPC_URL: "http://127.0.0.1:9",
      CHAIN_ID: "31337",
      PIN_KEYS_DIR: keysDir,
      SESSION_SECRET: "s".repeat(40),
      PUBLIC_ORIGIN: ORIGIN,
    });
  });
  after(async () => {
    const { db } = await import("./db");
    await db().$disconnect();
    await database?.stop();
    await rm(keysDir, { recursive: true, force: true });
  });

  const at = (p: string) => `http://${EVIL}/${p}`;

  it("sscc_redirectsToTheReceivingPageOnThePublicOrigin", async () => {
    const res = await callRoute("00/[sscc]", "GET", {
      url: at("00/069012340000012347"),
      params: { sscc: "069012340000012347" },
      headers: HOSTILE,
    });
    assert.equal(res.status, 307);
    assert.equal(res.headers.get("location"), `${ORIGIN}/receive?sscc=069012340000012347`);
  });

  it("epcis_identifiersAreOnThePublicOrigin_notTheHostTheRequestNamed", async () => {
    // A batch and its commissioning as the indexer writes them.
    const batchId = `0x${"cd".repeat(32)}`;
    const maker = `0x${"12".repeat(20)}`;
    await database.db.batch.create({
      data: {
        id: batchId,
        gtin: "09521234543213",
        lot: "LOT-1",
        expiresAt: new Date("2028-12-31T00:00:00Z"),
        packCount: 4,
        packsRoot: `0x${"00".repeat(32)}`,
        manufacturerAccount: maker,
        status: "active",
        registeredAt: new Date(),
        registeredBlock: 1n,
        registeredTx: `0x${"ee".repeat(32)}`,
      },
    });
    await database.db.custodyEvent.create({
      data: {
        id: `0x${"ee".repeat(32)}:0`,
        blockNumber: 1n,
        blockHash: `0x${"bb".repeat(32)}`,
        logIndex: 0,
        txHash: `0x${"ee".repeat(32)}`,
        eventName: "BatchCommissioned",
        batchId,
        args: { manufacturer: maker, packCount: 4 },
        occurredAt: new Date(),
      },
    });
    // The export is the batch's parties' (lib/readPolicy.ts): asked by its manufacturer, signed in.
    await database.db.organisation.create({
      data: {
        account: maker,
        name: "Maker",
        roles: 2,
        gln: "9521234000006",
        country: "CN",
        onboardedAt: new Date(),
        updatedAt: new Date(),
      },
    });
    await database.db.member.create({
      data: { account: maker, organisation: maker, permissions: 3, updatedAt: new Date() },
    });
    const now = Math.floor(Date.now() / 1000);
    const token = signSession(
      { account: maker as `0x${string}`, chainId: 31337, issuedAt: now, expiresAt: now + 3600 },
      Buffer.from("s".repeat(40), "utf8"),
    );
    const res = await callRoute("api/batches/[batchId]/epcis", "GET", {
      url: at(`api/batches/${batchId}/epcis`),
      params: { batchId },
      headers: { ...HOSTILE, cookie: `${SESSION_COOKIE}=${token}` },
    });
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.ok(!text.includes(EVIL) && !text.includes("127.0.0.1"), text);
    const doc = JSON.parse(text) as { epcisBody: { eventList: { quantityList?: { epcClass: string }[] }[] } };
    assert.equal(doc.epcisBody.eventList[0]?.quantityList?.[0]?.epcClass, `${ORIGIN}/01/09521234543213/10/LOT-1`);
  });

  it("signIn_aSignatureMadeForAnotherDomain_isRefusedEvenWithThatDomainAsHost", async () => {
    const staff = privateKeyToAccount(generatePrivateKey());
    const nonceRes = await callRoute("api/auth/nonce", "POST", { headers: { "x-forwarded-for": "198.51.100.7" } });
    const { nonce, chainId } = (await nonceRes.json()) as { nonce: string; chainId: number };
    // What a phishing page at trace-example.evil asked the wallet to sign, replayed here with its Host.
    const message = signInMessage({ url: `https://${EVIL}`, address: staff.address, nonce, chainId });
    const res = await callRoute("api/auth/sign-in", "POST", {
      url: at("api/auth/sign-in"),
      headers: { ...HOSTILE, "x-forwarded-proto": "https" },
      body: { message, signature: await staff.signMessage({ message }) },
    });
    assert.equal(res.status, 401);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(error.code, "SignInWrongHost");
    assert.match(error.message, /made for trace-example\.evil, not for trace\.example\.org/);
  });

  it("nonce_isRateLimitedPerClient_withAJson429AndRetryAfter", async () => {
    const ask = (client: string) => callRoute("api/auth/nonce", "POST", { headers: { "x-forwarded-for": client } });
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await ask("203.0.113.50")).status);
    assert.deepEqual(statuses.slice(0, 20), Array(20).fill(200));
    const limited = await ask("203.0.113.50");
    assert.equal(limited.status, 429);
    assert.match(limited.headers.get("retry-after") ?? "", /^[1-9]\d*$/);
    const { error } = (await limited.json()) as { error: { code: string; message: string } };
    assert.equal(error.code, "TooManySignIns");
    assert.match(error.message, /Try again in \d+ seconds/);
    // Another client is not held up by the first.
    assert.equal((await ask("203.0.113.51")).status, 200);
    assert.ok((await database.db.signInNonce.count()) <= 23, "refused requests leave no nonce behind");
  });
});
