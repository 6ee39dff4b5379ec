import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "@tracemed/db/testing";
import type { GeneratedBatch } from "@tracemed/codes";
import { startTestPostgres } from "@tracemed/db/testing";
import { migrate, createDb } from "@tracemed/db";
import { startCodedWorld, type CodedWorld } from "../../../packages/indexer/src/testing/coded";
import { stopSharedPostgres } from "../../../packages/indexer/src/testing/world";

describe("lean verification service", () => {
  let w: CodedWorld;
  let server: ChildProcess;
  let base: string;
  let g: GeneratedBatch;
  before(async () => {
    w = await startCodedWorld("PostgreSQL 15");
    g = await w.batch(4);
    await w.index();
    const port = await freePort();
    server = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "verify.ts")], {
      env: { ...process.env, DATABASE_URL: w.databaseUrl, PIN_KEYS_DIR: w.keysDir, VERIFY_PORT: String(port) },
      stdio: "ignore",
    });
    base = `http://127.0.0.1:${port}`;
    for (
      let i = 0;
      i < 200 &&
      !(await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      ));
      i++
    )
      await sleep(50);
  });
  after(async () => {
    server?.kill("SIGTERM");
    await w?.stop();
    await stopSharedPostgres();
  });

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
    assert.equal(second.checksSince, 2);
    const info = await fetch(`${base}/api/packs/${g.gtin}/${g.lot}/${g.serial(1)}`);
    assert.equal(info.status, 200);
    assert.equal((await info.json()).product.name, "Amoxicillin");
    await sleep(300);
    assert.equal(
      await w.db.consumerScan.count({ where: { serial: g.serial(0) } }),
      2,
      "both scans reached the database",
    );
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

  it("survivesADatabaseRestart_failingClearlyWhileItIsDown", async () => {
    // Its own PostgreSQL server, so that the test can stop and start it under the service.
    const pg = await startTestPostgres();
    const port = await freePort();
    await migrate(pg.url);
    const db = createDb(pg.url);
    await db.$executeRawUnsafe(
      `INSERT INTO "Pack" ("batchId", "leafIndex", serial, commitment) VALUES ('0x00', 0, 'S', '0x00')`,
    );
    await db.$disconnect();
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "verify.ts")], {
      env: { ...process.env, DATABASE_URL: pg.url, PIN_KEYS_DIR: w.keysDir, VERIFY_PORT: String(port) },
      stdio: "ignore",
    });
    const url = `http://127.0.0.1:${port}/api/packs/${g.gtin}/${g.lot}/${g.serial(0)}`;
    try {
      for (
        let i = 0;
        i < 200 &&
        !(await fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.ok,
          () => false,
        ));
        i++
      )
        await sleep(50);
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
