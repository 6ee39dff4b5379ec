import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import type { Pool } from "@tracemed/db";
import type { BatchFacts } from "./packInfo";
import { PackCache } from "./packCache";

/** A database of one batch whose status the test sets; each read sees the status when it starts. */
function fakeDatabase() {
  const db = { status: "active", reads: 0, hold: null as Promise<void> | null };
  const facts = (status: string): BatchFacts =>
    ({
      status,
      statusReason: status === "active" ? null : "Sterility failure",
      statusChangedAt: null,
      expiresAt: new Date("2029-12-31T23:59:59Z"),
      expiry: "291231",
      manufacturerAccount: "0x11",
      manufacturerName: "Bench Pharma",
      manufacturerCountry: "CN",
    }) as unknown as BatchFacts;
  const pool = {
    connect: async () => ({
      query: async () => {
        db.reads++;
        const seen = facts(db.status);
        if (db.hold) await db.hold;
        return { rows: [seen] };
      },
      release: () => undefined,
    }),
  } as unknown as Pool;
  return { db, pool };
}

describe("a batch's facts in the pack cache", () => {
  const t0 = 1_000_000;

  it("aRecallReachesTheNextAnswerOnceTheTtlHasPassed_orAtOnceWhenForgotten", async () => {
    const { db, pool } = fakeDatabase();
    const cache = new PackCache(pool, { batchTtlMs: 1_000 });
    assert.equal((await cache.batch("b", t0))?.status, "active");
    db.status = "recalled";
    assert.equal((await cache.batch("b", t0 + 100))?.status, "active", "within the TTL, unread");
    assert.equal((await cache.batch("b", t0 + 1_000))?.status, "recalled");
    db.status = "active"; // (a release, say)
    cache.forget("b");
    assert.equal((await cache.batch("b", t0 + 1_050))?.status, "active", "forgotten: read again at once");
  });

  it("aBatchInUseIsReadAhead_soThatNoAnswerWaits", async () => {
    const { db, pool } = fakeDatabase();
    const cache = new PackCache(pool, { batchTtlMs: 1_000 });
    await cache.batch("b", t0);
    db.status = "recalled";
    let release = () => {};
    db.hold = new Promise((r) => (release = r));
    // Past half the TTL: the answer is the kept facts, at once, while they are read again.
    assert.equal((await cache.batch("b", t0 + 600))?.status, "active");
    assert.equal(db.reads, 2);
    assert.equal((await cache.batch("b", t0 + 700))?.status, "active", "one read ahead at a time");
    assert.equal(db.reads, 2);
    release();
    db.hold = null;
    await new Promise((r) => setImmediate(r));
    // Past the first read's TTL: the facts read ahead (at t0 + 600) answer, with no read waited for (the
    // database now holds every read: an answer that waited for one would lose the race).
    db.hold = new Promise(() => {});
    const answer = await Promise.race([cache.batch("b", t0 + 1_100), sleep(500).then(() => "waited")]);
    assert.notEqual(answer, "waited");
    assert.equal((answer as BatchFacts | undefined)?.status, "recalled");
  });

  it("aReadAheadThatAForgetOvertook_isDropped", async () => {
    const { db, pool } = fakeDatabase();
    const cache = new PackCache(pool, { batchTtlMs: 1_000 });
    await cache.batch("b", t0);
    let release = () => {};
    db.hold = new Promise((r) => (release = r));
    await cache.batch("b", t0 + 600); // a read ahead starts, seeing "active"
    db.hold = null;
    db.status = "recalled";
    cache.forget("b"); // the poll saw the recall
    assert.equal((await cache.batch("b", t0 + 650))?.status, "recalled");
    release(); // the read ahead ends, with what it saw before the recall
    await new Promise((r) => setImmediate(r));
    assert.equal((await cache.batch("b", t0 + 700))?.status, "recalled", "the older read is not taken");
  });
});
