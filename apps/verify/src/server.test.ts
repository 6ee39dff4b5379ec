import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { get } from "node:http";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { GeneratedBatch } from "@tracemed/codes";
import { startTestPostgres } from "@tracemed/db/testing";
import { migrate, createDb } from "@tracemed/db";
import { startCodedWorld, stopSharedPostgres, type CodedWorld } from "@tracemed/indexer/testing";
import { rawHttp } from "@tracemed/config/testing/rawHttp";
import { startService } from "./testService";

describe("lean verification service", () => {
  let w: CodedWorld;
  let server: ChildProcess;
  let base: string;
  let g: GeneratedBatch;
  before(async () => {
    w = await startCodedWorld("PostgreSQL 15");
    g = await w.batch(8);
    await w.index();
    ({ url: base, child: server } = await startService(w.databaseUrl, w.keysDir));
  });
  after(async () => {
    server?.kill("SIGTERM");
    await w?.stop();
    await stopSharedPostgres();
  });

  /** Another verification process on the same database (a second replica), answering on its own port. */
  const secondService = () => startService(w.databaseUrl, w.keysDir);
  const check = async (url: string, g: GeneratedBatch, i: number, pin = g.pin(i)) =>
    (await (
      await fetch(`${url}/api/verify`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ gtin: g.gtin, lot: g.lot, serial: g.serial(i), pin }),
      })
    ).json()) as { verdict: string; checksSince?: number; error?: { code: string } };
  const replicaOf = async (url: string) =>
    (
      (await (await fetch(`${url}/health`)).json()) as {
        replica: { batches: number; hits: number; fallbacks: number; polls: number };
      }
    ).replica;
  /**
   * Waits until every process named has written what it recorded and read what the others wrote: two rounds
   * of two completed polls each (a poll begins with a flush), whatever the machine's load.
   */
  async function settle(...urls: string[]) {
    if (urls.length === 0) urls = [base];
    for (let round = 0; round < 2; round++) {
      const from = await Promise.all(urls.map(async (u) => (await replicaOf(u)).polls));
      for (const [i, u] of urls.entries()) while ((await replicaOf(u)).polls < from[i]! + 2) await sleep(20);
    }
  }

  const post = (body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
    fetch(`${base}/api/verify`, {
      method: "POST",
      headers,
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  it("answersVerdictsAndRecordsScansInBatches", async () => {
    const pack = { gtin: g.gtin, lot: g.lot, serial: g.serial(0) };
    const first = await (await post({ ...pack, pin: g.pin(0) })).json();
    assert.equal(first.verdict, "genuine");
    const second = await (await post({ ...pack, pin: g.pin(0) })).json();
    assert.equal(second.verdict, "already_verified");
    assert.equal(second.checksSince, 1);
    const info = await fetch(`${base}/api/packs/${g.gtin}/${g.lot}/${g.serial(1)}`);
    assert.equal(info.status, 200);
    assert.equal((await info.json()).product.text.en.generic, "Amoxicillin");
    await sleep(300);
    assert.equal(
      await w.db.consumerScan.count({ where: { serial: g.serial(0) } }),
      2,
      "both scans reached the database",
    );
  });

  it("loadsChecksRecordedInTheSameMillisecondAsTheirClaim", async () => {
    assert.equal((await check(base, g, 4)).verdict, "genuine");
    await settle();
    // Timestamps are kept to the millisecond: a scan flushed right after its claim can carry the same time.
    const leafIndex = (await w.db.pack.findFirstOrThrow({ where: { batchId: g.batchId, serial: g.serial(4) } }))
      .leafIndex;
    const claim = await w.db.claimRequest.findFirstOrThrow({ where: { batchId: g.batchId, leafIndex } });
    await w.db.consumerScan.updateMany({
      where: { batchId: g.batchId, serial: g.serial(4) },
      data: { createdAt: claim.requestedAt },
    });
    const fresh = await secondService(); // loads the batch from the database
    try {
      while ((await replicaOf(fresh.url)).batches === 0) await sleep(20);
      assert.equal((await check(fresh.url, g, 4)).checksSince, 1, "this one, after the first check");
    } finally {
      fresh.child.kill("SIGTERM");
    }
  });

  it("answersFromItsReplica_andTwoProcessesSeeEachOthersChecks", async () => {
    const other = await secondService();
    try {
      const h = await replicaOf(base);
      assert.equal(h.batches, 1, "the registered batch was loaded at start");
      assert.equal((await check(base, g, 2)).verdict, "genuine");
      assert.ok((await replicaOf(base)).hits > h.hits, "the check was answered from memory");
      await settle(base, other.url);
      // The other process learned of the claim from the scan log: the same pack is "already verified" there,
      // with the count of checks from both processes.
      const there = await check(other.url, g, 2);
      assert.equal(there.verdict, "already_verified");
      assert.equal(there.checksSince, 1);
      await settle(base, other.url);
      assert.equal((await check(base, g, 2)).checksSince, 2, "and back again");
      assert.ok((await replicaOf(other.url)).hits > 0, "the second process answered from its replica");

      // Wrong PINs spread over both processes still lock the pack after five.
      let locked: { verdict: string; error?: { code: string } } | undefined;
      for (let n = 0; n < 6; n++) {
        const r = await check(n % 2 ? other.url : base, g, 3, g.pin(1)); // another pack's PIN
        if (r.error) locked = r;
        else assert.equal(r.verdict, "pin_mismatch");
        await settle(base, other.url);
      }
      assert.equal(locked?.error?.code, "PackLocked", "the sixth wrong PIN, on either process, finds the pack locked");
    } finally {
      other.child.kill("SIGTERM");
    }
  });

  it("picksUpScansThatCommitAfterLaterOnes", async () => {
    // Five wrong PINs for pack 6 written by "another process" in a transaction that commits late: their ids
    // are below those of a scan committed meanwhile, which the replica reads first.
    let release!: () => void;
    const late = w.db.$transaction(async (tx) => {
      for (let n = 0; n < 5; n++)
        await tx.consumerScan.create({ data: { batchId: g.batchId, serial: g.serial(6), verdict: "pin_mismatch" } });
      await new Promise<void>((resolve) => (release = resolve));
    });
    await sleep(100);
    assert.equal((await check(base, g, 7)).verdict, "genuine", "a later scan, committed first");
    await settle();
    release();
    await late;
    await settle();
    const r = await check(base, g, 6);
    assert.equal(r.error?.code, "PackLocked", "the late wrong PINs reached the replica and locked the pack");
  });

  it("learnsOfDispensesFromTheIndexedEvents_andLoadsBatchesRegisteredLater", async () => {
    const later = await w.batch(3);
    await w.index();
    await w.toPharmacy(later, 3n);
    await w.index();
    // First contact: the batch is not in memory yet, the database answers, and the batch is loaded.
    assert.equal((await check(base, later, 0)).verdict, "genuine");
    await settle();
    assert.equal((await replicaOf(base)).batches, 2, "the batch registered after the start was loaded");
    await w.dispense(later, 1);
    await w.index();
    await settle();
    const before = (await replicaOf(base)).hits;
    assert.equal((await check(base, later, 1)).verdict, "dispensed", "the dispense reached the replica");
    assert.ok((await replicaOf(base)).hits > before);
  });

  it("runsSeveralWorkersOnOnePort_whichAgreeOnAPacksClaim", async () => {
    const pair = await startService(w.databaseUrl, w.keysDir, { VERIFY_WORKERS: "2" });
    try {
      // Each request on a connection of its own: node:cluster hands connections to the workers in turn.
      const fresh = (p: string) =>
        new Promise<{ pid: number }>((resolve, reject) =>
          get(`${pair.url}${p}`, { agent: false }, (res) => {
            let text = "";
            res.on("data", (c: Buffer) => (text += c.toString()));
            res.on("end", () => resolve(JSON.parse(text) as { pid: number }));
          }).on("error", reject),
        );
      const pids = new Set<number>();
      // (the second may still be starting when the first answers)
      for (let i = 0; i < 100 && pids.size < 2; i++) {
        pids.add((await fresh("/health")).pid);
        if (pids.size < 2) await sleep(50);
      }
      assert.equal(pids.size, 2, "two worker processes answer on the port");
      assert.ok(!pids.has(pair.child.pid!), "the workers, not the process that started them");
      assert.equal((await check(pair.url, g, 5)).verdict, "genuine");
      // Both workers past two rounds of two polls (sampled on fresh connections until each has answered).
      for (let round = 0; round < 2; round++) {
        const polls = async () => {
          const seen = new Map<number, number>();
          while (seen.size < 2) {
            const h = (await fresh("/health")) as { pid: number; replica?: { polls: number } };
            seen.set(h.pid, h.replica!.polls);
          }
          return seen;
        };
        const from = await polls();
        while ([...(await polls())].some(([pid, n]) => n < from.get(pid)! + 2)) await sleep(20);
      }
      const verdicts = await Promise.all(Array.from({ length: 6 }, () => check(pair.url, g, 5)));
      assert.deepEqual(new Set(verdicts.map((v) => v.verdict)), new Set(["already_verified"]));
    } finally {
      pair.child.kill("SIGTERM");
    }
  });

  it("keepsWithinItsPackBudget_answeringTheRestFromTheDatabase", async () => {
    // Room for 10 packs: the 8-pack batch and the 3-pack one cannot both stay.
    const small = await startService(w.databaseUrl, w.keysDir, { VERIFY_REPLICA_PACKS: "10" });
    const none = await startService(w.databaseUrl, w.keysDir, { VERIFY_REPLICA_PACKS: "0" });
    try {
      const third = await w.batch(3);
      await w.index();
      for (const url of [small.url, none.url]) {
        assert.equal((await check(url, g, 0)).verdict, "already_verified");
        await settle(url);
        assert.equal((await check(url, third, 0)).verdict, url === small.url ? "genuine" : "already_verified");
        await settle(url);
        assert.equal((await check(url, g, 0)).verdict, "already_verified");
      }
      const held = await replicaOf(small.url);
      assert.ok(held.batches <= 1, `at most one batch held (${held.batches})`);
      assert.ok((await fetch(`${small.url}/health`).then((r) => r.json())).replica.evictions >= 1, "one was evicted");
      const zero = await replicaOf(none.url);
      assert.equal(zero.batches, 0);
      assert.equal(zero.hits, 0, "with no budget every check reads the database");
    } finally {
      small.child.kill("SIGTERM");
      none.child.kill("SIGTERM");
    }
  });

  it("aBodyThatNeverArrives_isAnswered408InJson_notHeldForMinutes", async () => {
    const slow = await startService(w.databaseUrl, w.keysDir, { VERIFY_REQUEST_TIMEOUT_MS: "1500" });
    try {
      const t = Date.now();
      // Content-Length promises a body that never comes.
      const answer = await rawHttp(
        slow.url,
        "POST /api/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40",
        "",
        10_000,
      );
      assert.equal(answer.status, 408);
      assert.equal((JSON.parse(answer.body) as { error: { code: string } }).error.code, "RequestTimeout");
      assert.ok(Date.now() - t < 5_000, `answered after ${Date.now() - t} ms`);
    } finally {
      slow.child.kill("SIGTERM");
    }
  });

  it("rateLimitsEachClient_whateverAddressItClaims", async () => {
    const own = await startService(w.databaseUrl, w.keysDir); // a bucket of its own for this client
    try {
      const ask = (headers: Record<string, string> = {}) =>
        fetch(`${own.url}/api/verify`, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body: JSON.stringify({ gtin: g.gtin, lot: g.lot, serial: "NOSUCHSERIAL", pin: g.pin(0) }),
        });
      for (let i = 0; i < 20; i++) assert.equal((await ask()).status, 200, `check ${i + 1} of 20 is let through`);
      const refused = await ask();
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get("retry-after")) >= 1);
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, "TooManyChecks");
      // Without TRUST_PROXY the connection's address counts: claiming another one changes nothing.
      assert.equal((await ask({ "x-forwarded-for": "203.0.113.9" })).status, 429);
    } finally {
      own.child.kill("SIGTERM");
    }
  });

  it("judgesTheExpiryTheScannedCodeCarried_againstTheLedgers", async () => {
    const h = await w.batch(2);
    await w.index();
    const { expiry } = await w.db.packSet.findUniqueOrThrow({ where: { batchId: h.batchId } });
    const printed = `${Number(expiry.slice(0, 2)) + 2}${expiry.slice(2)}`;
    const body = { gtin: h.gtin, lot: h.lot, serial: h.serial(0), pin: h.pin(0) };
    const relabelled = (await (await post({ ...body, expiry: printed })).json()) as Record<string, unknown>;
    assert.equal(relabelled.verdict, "code_mismatch");
    assert.deepEqual(relabelled.mismatch, { field: "expiry", printed });
    assert.equal(((await (await post({ ...body, expiry })).json()) as { verdict: string }).verdict, "genuine");
  });

  it("recordsTheRegionOfTheAddressItTrusts_neverOfTheLanguage", async () => {
    const h = await w.batch(2);
    await w.index();
    const proxied = await startService(w.databaseUrl, w.keysDir, { TRUST_PROXY: "1", TRUST_PROXY_HEADER: "x-real-ip" });
    try {
      const ask = (url: string, i: number, headers: Record<string, string>) =>
        fetch(`${url}/api/verify`, {
          method: "POST",
          headers: { "content-type": "application/json", "accept-language": "en-US", ...headers },
          body: JSON.stringify({ gtin: h.gtin, lot: h.lot, serial: h.serial(i), pin: h.pin(i) }),
        });
      // Behind the configured proxy, the address it reports: a Chinese resolver's, whatever the language says.
      assert.equal((await ask(proxied.url, 0, { "x-real-ip": "114.114.114.114" })).status, 200);
      // Without TRUST_PROXY the connection's own (loopback) address counts: a claimed one is not believed.
      assert.equal((await ask(base, 1, { "x-forwarded-for": "194.150.168.168" })).status, 200);
      await settle(base, proxied.url);
      const regionOf = async (i: number) =>
        (await w.db.consumerScan.findFirstOrThrow({ where: { batchId: h.batchId, serial: h.serial(i) } })).region;
      assert.equal(await regionOf(0), "CN");
      assert.equal(await regionOf(1), null, "loopback is unknown, and en-US is no region");
    } finally {
      proxied.child.kill("SIGTERM");
    }
  });

  it("refusesBadRequestsWithAJsonError_never5xx", async () => {
    const cases: [Promise<Response>, number, string][] = [
      [post({ gtin: g.gtin }), 400, "InvalidRequest"],
      [post("{not json"), 400, "InvalidRequest"],
      [
        post(JSON.stringify({ gtin: g.gtin, lot: g.lot, serial: "x", pin: "1" }), { "content-type": "text/plain" }),
        415,
        "UnsupportedMediaType",
      ],
      [post("x".repeat(20_000)), 413, "BodyTooLarge"],
      [post({ gtin: "123", lot: g.lot, serial: g.serial(0), pin: g.pin(0) }), 400, "InvalidGtin"],
      [post({ gtin: g.gtin, lot: "é", serial: g.serial(0), pin: g.pin(0) }), 400, "InvalidLot"],
      [post({ gtin: g.gtin, lot: g.lot, serial: g.serial(0), pin: "12" }), 400, "PinTypo"],
      [
        post({ gtin: g.gtin, lot: g.lot, serial: g.serial(0), pin: g.pin(0), expiry: "2028-11-23" }),
        400,
        "InvalidRequest",
      ],
      [fetch(`${base}/api/packs/${g.gtin}/${g.lot}/%E0%A4%A`), 400, "InvalidPath"],
      [fetch(`${base}/nothing-here`), 404, "NotFound"],
    ];
    for (const [response, status, code] of cases) {
      const r = await response;
      assert.equal(r.status, status, `${code}: status`);
      assert.equal((await r.json()).error.code, code);
    }
    const unknown = await fetch(`${base}/api/packs/${g.gtin}/${g.lot}/NOSUCHSERIAL`);
    assert.equal(unknown.status, 404);
    assert.equal((await unknown.json()).known, false);
  });

  it("answersRequestLinesNoRouteCanServe_itselfWithAJsonError", async () => {
    const host = `Host: ${new URL(base).host}`;
    const cases: [head: string, status: number, code: string | null][] = [
      [`TRACE / HTTP/1.1\r\n${host}`, 405, "MethodNotAllowed"],
      [`TRACE /api/verify HTTP/1.1\r\n${host}`, 405, "MethodNotAllowed"],
      [`PROPFIND /api/verify HTTP/1.1\r\n${host}`, 405, "MethodNotAllowed"],
      [`BREW /pot HTTP/1.1\r\n${host}`, 405, "MethodNotAllowed"],
      [`CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443`, 405, "MethodNotAllowed"],
      [`GET * HTTP/1.1\r\n${host}`, 400, "MalformedTarget"],
      [`OPTIONS * HTTP/1.1\r\n${host}`, 204, null],
      [`GET http://evil.example/api/packs/1/2/3 HTTP/1.1\r\n${host}`, 400, "MalformedTarget"],
      [`GET //evil.example/x HTTP/1.1\r\n${host}`, 400, "MalformedTarget"],
      [`POST /API/verify HTTP/1.1\r\n${host}\r\nContent-Length: 0`, 404, "NotFound"],
      [`GET /api/packs/${g.gtin}/${g.lot}/NOSUCH HTTP/2.0\r\n${host}`, 400, "UnsupportedHttpVersion"],
      [`GET /api/packs/${g.gtin}/${g.lot}/NOSUCH HTTP/1.1`, 400, "MissingHost"],
      [`GET / HTTP/1.1\r\n${host}\r\nX-Bad Header: 1`, 400, "MalformedRequest"],
      [`GET / HTTP/1.1\r\n${host}\r\nX-Big: ${"a".repeat(20_000)}`, 431, "HeadersTooLarge"],
      [
        `POST /api/verify HTTP/1.1\r\n${host}\r\nContent-Length: 2\r\nTransfer-Encoding: chunked`,
        400,
        "MalformedRequest",
      ],
      [`POST /api/verify HTTP/1.1\r\n${host}\r\nContent-Length: abc`, 400, "MalformedRequest"],
      [`POST /api/verify HTTP/1.1\r\n${host}\r\nExpect: teapot\r\nContent-Length: 0`, 417, "ExpectationFailed"],
    ];
    for (const [head, status, code] of cases) {
      const answer = await rawHttp(base, head);
      const line = head.split("\r\n")[0]!.slice(0, 60);
      assert.equal(answer.status, status, `${line}: ${answer.body}`);
      if (status === 405) assert.equal(answer.headers.allow, "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT", line);
      if (status === 204) assert.match(answer.headers.allow ?? "", /GET/, line);
      if (code === null) continue;
      assert.match(answer.headers["content-type"] ?? "", /^application\/json/, line);
      const body = JSON.parse(answer.body) as { error: { code: string; message: string } };
      assert.equal(body.error.code, code, line);
      assert.ok(body.error.message.endsWith("."), `${line}: a sentence`);
    }
    // The front still answers normally afterwards.
    assert.equal((await fetch(`${base}/api/packs/${g.gtin}/${g.lot}/NOSUCH`)).status, 404);
  });

  it("survivesADatabaseRestart_failingClearlyWhileItIsDown", async () => {
    // Its own PostgreSQL server, so that the test can stop and start it under the service.
    const pg = await startTestPostgres();
    await migrate(pg.url);
    const db = createDb(pg.url);
    await db.$executeRawUnsafe(
      `INSERT INTO "Pack" ("batchId", "leafIndex", serial, commitment) VALUES ('0x00', 0, 'S', '0x00')`,
    );
    await db.$disconnect();
    const { url: service, child } = await startService(pg.url, w.keysDir);
    const url = `${service}/api/packs/${g.gtin}/${g.lot}/${g.serial(0)}`;
    try {
      assert.equal((await fetch(url)).status, 404, "answers while the database is up");
      await pg.halt();
      const down = await fetch(url);
      assert.equal(down.status, 503);
      assert.equal((await down.json()).error.code, "ServiceUnavailable");
      await pg.restart();
      let status = 0;
      for (let i = 0; i < 50 && status !== 404; i++) {
        status = (await fetch(url)).status;
        if (status !== 404) await sleep(200);
      }
      assert.equal(status, 404, "answers again once the database is back, without a restart of the service");
    } finally {
      child.kill("SIGTERM");
      await pg.stop();
    }
  });
});
