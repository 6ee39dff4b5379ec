import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { stopSharedPostgres, useCodedWorld, type BackendName } from "@tracemed/indexer/testing";
import { pinFromDataDigits } from "@tracemed/codes";
import { createPool, type Pool } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";
import { PackCache } from "./packCache";
import { readPackKey } from "@tracemed/provenance/packKey";
import { pinKeysFromDirectory } from "./keyStore";
import { verifyPack, type VerifyDeps } from "./verifyPack";

after(stopSharedPostgres);

/** A PIN with one digit changed and its check digit recomputed: well-formed, but wrong. */
function wrongPin(pin: string): string {
  const data = pin.slice(0, 19);
  return pinFromDataDigits(`${data.slice(0, 5)}${(Number(data[5]) + 1) % 10}${data.slice(6)}`);
}

// Every rule holds for the one-query lookup (the Next.js route) and for the lean service's PackCache.
const CASES: [BackendName, "one query" | "PackCache"][] = [
  ["PostgreSQL 15", "one query"],
  ["PostgreSQL 15", "PackCache"],
  ["embedded PGlite", "one query"],
  ["embedded PGlite", "PackCache"],
];
for (const [backend, reads] of CASES) {
  describe(`consumer verification on ${backend}, reads by ${reads}`, () => {
    let pool: Pool | undefined;
    // Registered before the world's hooks: node:test runs after hooks in order, and the pool goes first.
    after(async () => pool?.end());
    const w = useCodedWorld(backend);
    let deps: VerifyDeps;
    before(() => {
      deps = { db: w.db, pinKeys: pinKeysFromDirectory(w.keysDir), wrongPinDelayMs: 300 };
      if (reads === "PackCache") {
        pool = createPool(w.databaseUrl, { max: 4 });
        const cache = new PackCache(pool);
        deps.lookup = cache.lookup;
        deps.claim = cache.claim;
      }
    });

    const ask = (
      g: { gtin: string; lot: string; serial: (i: number) => string },
      i: number,
      pin: string,
      region = "CN",
    ) => verifyPack(deps, { gtin: g.gtin, lot: g.lot, serial: g.serial(i), pin, region, clientHash: "test" });

    it("genuine_firstCheckClaims_thenAlreadyVerifiedSaysWhenWhereAndHowOften", async () => {
      const g = await w.batch(8);
      await w.index();
      const first = await ask(g, 0, g.pin(0), "CN");
      assert.equal(first.verdict, "genuine");
      assert.equal(first.claimedNow, true);
      assert.equal(first.product?.name, "Amoxicillin");
      assert.equal(first.manufacturer?.name, "Huaxin Pharmaceutical");
      const second = await ask(g, 0, g.pin(0), "DE");
      assert.equal(second.verdict, "already_verified");
      assert.equal(second.genuine, true);
      assert.equal(second.firstVerification?.region, "CN");
      assert.equal(second.checksSince, 1, "one check since the first verification: this one");
      const third = await ask(g, 0, g.pin(0).replace(/(\d{4})/g, "$1 "), "DE");
      assert.equal(third.verdict, "already_verified", "a PIN typed with spaces is the same PIN");
      assert.equal(third.checksSince, 2);
    });

    it("aCheckRecordedInTheSameMillisecondAsItsClaimCounts", async () => {
      // Timestamps are kept to the millisecond: a scan written right after its claim can carry the same time.
      const g = await w.batch(4);
      await w.index();
      assert.equal((await ask(g, 1, g.pin(1))).verdict, "genuine");
      const leafIndex = (await w.db.pack.findFirstOrThrow({ where: { batchId: g.batchId, serial: g.serial(1) } }))
        .leafIndex;
      const claim = await w.db.claimRequest.findFirstOrThrow({ where: { batchId: g.batchId, leafIndex } });
      const moved = await w.db.consumerScan.updateMany({
        where: { batchId: g.batchId, serial: g.serial(1) },
        data: { createdAt: claim.requestedAt },
      });
      assert.equal(moved.count, 1);
      assert.equal((await ask(g, 1, g.pin(1))).checksSince, 1, "this one, after the first check");
    });

    it("wrongPin_getsTheSameAnswerAtTheSameTime_whateverThePacksState", async () => {
      const g = await w.batch(8, { toPharmacy: 4n, dispensed: [2] });
      const r = await w.batch(4, { recalled: "Contaminated API lot" });
      await w.index();
      await ask(g, 1, g.pin(1)); // claimed
      const cases = [
        () => ask(g, 0, wrongPin(g.pin(0))), // fresh
        () => ask(g, 1, wrongPin(g.pin(1))), // already claimed
        () => ask(g, 2, wrongPin(g.pin(2))), // dispensed
        () => ask(r, 0, wrongPin(r.pin(0))), // recalled
      ];
      const answers: string[] = [];
      const times: number[] = [];
      for (const c of cases) {
        const t = performance.now();
        answers.push(JSON.stringify(await c()));
        times.push(performance.now() - t);
      }
      assert.deepEqual(
        new Set(answers),
        new Set([JSON.stringify({ verdict: "pin_mismatch", genuine: false, attemptsLeft: 4 })]),
        "each pack's first wrong PIN, whatever its state: four more before it locks",
      );
      for (const t of times)
        assert.ok(t >= 295 && t < 450, `every wrong PIN answers after ~300 ms (took ${t.toFixed(0)} ms)`);
    });

    it("aTypoIsCaughtByTheCheckDigitBeforeAnyCheck", async () => {
      const g = await w.batch(2);
      await w.index();
      const pin = g.pin(0);
      const swapped = pin.slice(0, 3) + pin[4] + pin[3] + pin.slice(5);
      if (swapped === pin) return; // equal neighbours: no swap to make
      await assert.rejects(ask(g, 0, swapped), (e: unknown) => e instanceof DomainError && e.code === "PinTypo");
      assert.equal(
        await w.db.consumerScan.count({ where: { serial: g.serial(0) } }),
        0,
        "nothing was checked or recorded",
      );
    });

    it("everyStatusHasItsVerdict", async () => {
      const d = await w.batch(4, { toPharmacy: 2n, dispensed: [0] });
      const rc = await w.batch(2, { recalled: "Sterility failure" });
      const q = await w.batch(2, { quarantined: "Suspected diversion under investigation" });
      await w.index();
      const dispensed = await ask(d, 0, d.pin(0));
      assert.equal(dispensed.verdict, "dispensed");
      assert.equal(dispensed.dispensed?.by, "Renmin Road Pharmacy");
      const recalled = await ask(rc, 1, rc.pin(1));
      assert.equal(recalled.verdict, "recalled");
      assert.equal(recalled.recall?.reason, "Sterility failure");
      const quarantined = await ask(q, 0, q.pin(0));
      assert.equal(quarantined.verdict, "quarantined");
      assert.equal(quarantined.quarantine?.reason, "Suspected diversion under investigation");
      const later = await verifyPack(
        { ...deps, now: () => new Date(Date.now() + 800 * 86_400_000) },
        { gtin: d.gtin, lot: d.lot, serial: d.serial(3), pin: d.pin(3), region: null, clientHash: null },
      );
      assert.equal(later.verdict, "expired");
      const unknown = await verifyPack(deps, {
        gtin: d.gtin,
        lot: d.lot,
        serial: "NOSUCHSERIAL1",
        pin: d.pin(1),
        region: null,
        clientHash: null,
      });
      assert.equal(unknown.verdict, "unknown");
      const unknownLot = await verifyPack(deps, {
        gtin: d.gtin,
        lot: "NOLOT",
        serial: "NOSUCHSERIAL2",
        pin: d.pin(1),
        region: null,
        clientHash: null,
      });
      assert.equal(unknownLot.verdict, "unknown");
    });

    it("aCodeWhoseExpiryIsNotTheLedgers_isACodeMismatch_thatNeitherClaimsNorCounts_andIsFlagged", async () => {
      const g = await w.batch(4);
      const rc = await w.batch(2, { recalled: "Sterility failure" });
      await w.index();
      const { expiry } = await w.db.packSet.findUniqueOrThrow({ where: { batchId: g.batchId } });
      const other = `${Number(expiry.slice(0, 2)) + 2}${expiry.slice(2)}`; // two years later
      const check = (over: { expiry?: string | null; pin?: string; i?: number }, b = g) =>
        verifyPack(deps, {
          gtin: b.gtin,
          lot: b.lot,
          serial: b.serial(over.i ?? 0),
          pin: over.pin ?? b.pin(over.i ?? 0),
          expiry: over.expiry,
          region: "CN",
          clientHash: "test",
        });
      const relabelled = await check({ expiry: other });
      assert.equal(relabelled.verdict, "code_mismatch");
      assert.equal(relabelled.genuine, true, "the PIN matched: the pack is real, its code was changed");
      assert.deepEqual(relabelled.mismatch, { field: "expiry", printed: other });
      assert.equal(relabelled.pack?.expiry, expiry, "the ledger's expiry is said beside it");
      const flag = await w.db.packFlag.findFirst({ where: { serial: g.serial(0), reason: "code_mismatch" } });
      assert.equal(flag?.count, 1, "flagged for its manufacturer");
      assert.equal(await w.db.consumerScan.count({ where: { serial: g.serial(0), verdict: "code_mismatch" } }), 1);
      const matching = await check({ expiry });
      assert.equal(matching.verdict, "genuine", "the mismatch did not claim the pack: its first real check does");
      assert.equal(matching.mismatch, undefined);
      assert.equal((await check({ expiry: null })).checksSince, 1, "the mismatch was not counted as a check");
      const wrong = await check({ i: 1, expiry: other, pin: wrongPin(g.pin(1)) });
      assert.equal(wrong.verdict, "pin_mismatch", "a wrong PIN is a wrong PIN, whatever the code carried");
      assert.equal(wrong.mismatch, undefined);
      const recalled = await check({ expiry: other }, rc);
      assert.equal(recalled.verdict, "recalled", "a recall is said before anything else");
      assert.deepEqual(recalled.mismatch, { field: "expiry", printed: other });
    });

    it("aCodeWhoseLotIsNotThePacks_isACodeMismatch_flaggedAtTheRealPack_withoutShowingItsLot", async () => {
      const g = await w.batch(2);
      await w.index();
      const r = await verifyPack(deps, {
        gtin: g.gtin,
        lot: "WRONGLOT1",
        serial: g.serial(1),
        pin: g.pin(1),
        region: "CN",
        clientHash: "test",
      });
      assert.deepEqual(r, {
        verdict: "code_mismatch",
        genuine: false,
        mismatch: { field: "lot", printed: "WRONGLOT1" },
      });
      assert.ok(!JSON.stringify(r).includes(g.lot), "the recorded lot is never shown");
      const flag = await w.db.packFlag.findFirst({ where: { batchId: g.batchId, serial: g.serial(1) } });
      assert.equal(flag?.reason, "code_mismatch");
      assert.equal((await ask(g, 1, g.pin(1))).verdict, "genuine", "the real pack is still the consumer's to claim");
    });

    it("repeatedWrongPins_lockThePack_andFlagItForTheManufacturer", async () => {
      const g = await w.batch(2);
      await w.index();
      const left: (number | undefined)[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await verifyPack(
          { ...deps, wrongPinDelayMs: 0 },
          { gtin: g.gtin, lot: g.lot, serial: g.serial(0), pin: wrongPin(g.pin(0)), region: null, clientHash: null },
        );
        assert.equal(r.verdict, "pin_mismatch");
        left.push(r.attemptsLeft);
      }
      assert.deepEqual(left, [4, 3, 2, 1, 0], "each wrong PIN says how many are left before the lock");
      await assert.rejects(ask(g, 0, g.pin(0)), (e: unknown) => e instanceof DomainError && e.code === "PackLocked");
      const flag = await w.db.packFlag.findFirst({ where: { serial: g.serial(0), reason: "wrong_pins" } });
      assert.equal(flag?.count, 3, "flagged from the third wrong PIN on");
      const locked = await w.db.packFlag.findFirst({ where: { serial: g.serial(0), reason: "locked" } });
      assert.equal(locked?.count, 1, "the lock is flagged for its manufacturer once");
      assert.equal((await ask(g, 1, g.pin(1))).verdict, "genuine", "other packs are not affected");
    });

    it("wrongPinsSentAtOnce_thatEachLockThePack_areOneLock", async () => {
      const g = await w.batch(1);
      await w.index();
      const wrong = () =>
        verifyPack(
          { ...deps, wrongPinDelayMs: 0 },
          { gtin: g.gtin, lot: g.lot, serial: g.serial(0), pin: wrongPin(g.pin(0)), region: null, clientHash: null },
        );
      for (let i = 0; i < 4; i++) await wrong();
      // Each of these may read four wrong PINs before it, and so be the fifth: the one that locks the pack.
      const answers = await Promise.allSettled(Array.from({ length: 3 }, wrong));
      for (const a of answers) {
        if (a.status === "fulfilled") assert.equal(a.value.attemptsLeft, 0);
        else assert.ok(a.reason instanceof DomainError && a.reason.code === "PackLocked");
      }
      const locked = await w.db.packFlag.findFirst({ where: { serial: g.serial(0), reason: "locked" } });
      assert.equal(locked?.count, 1, "the manufacturer reads one lock, not three");
    });

    it("simultaneousCorrectChecks_exactlyOneClaims", async () => {
      const g = await w.batch(2);
      await w.index();
      const results = await Promise.all(Array.from({ length: 10 }, () => ask(g, 0, g.pin(0))));
      assert.equal(results.filter((r) => r.verdict === "genuine").length, 1);
      assert.equal(results.filter((r) => r.verdict === "already_verified").length, 9);
      assert.equal(await w.db.claimRequest.count({ where: { batchId: g.batchId } }), 1);
    });
  });
}

describe("PackCache", () => {
  let pool: Pool;
  // Registered before the world's hooks: node:test runs after hooks in order, and the pool goes first.
  after(async () => pool?.end());
  const w = useCodedWorld("PostgreSQL 15");
  before(() => {
    pool = createPool(w.databaseUrl, { max: 4 });
  });

  it("aRecallReachesLookupsAndVerdictsWithinTheBatchTtl", async () => {
    const cache = new PackCache(pool, { batchTtlMs: 1_000 });
    const deps: VerifyDeps = { db: w.db, pinKeys: pinKeysFromDirectory(w.keysDir), lookup: cache.lookup };
    const g = await w.batch(4);
    await w.index();
    const key = readPackKey({ gtin: g.gtin, lot: g.lot, serial: g.serial(0) });
    assert.equal((await cache.info(key)).status, "active");
    await w.recall(g, "Particles in solution");
    await w.index();
    const recalledAt = Date.now();
    for (;;) {
      const [info, verdict] = await Promise.all([
        cache.info(key),
        verifyPack(deps, {
          gtin: g.gtin,
          lot: g.lot,
          serial: g.serial(1),
          pin: g.pin(1),
          region: null,
          clientHash: null,
        }),
      ]);
      if (info.status === "recalled" && verdict.verdict === "recalled") {
        assert.equal(verdict.recall?.reason, "Particles in solution");
        break;
      }
      assert.ok(Date.now() - recalledAt < 1_100, "a recall is seen within a second of being indexed");
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  it("keepsPackRecordsButNeverAnswersUnknownFromTheCache", async () => {
    const cache = new PackCache(pool);
    const g = await w.batch(2);
    await w.index();
    const key = readPackKey({ gtin: g.gtin, lot: g.lot, serial: g.serial(0) });
    assert.equal((await cache.info(key)).known, true);
    assert.equal((await cache.info(key)).known, true);
    assert.deepEqual(
      { hits: cache.stats().packHits, misses: cache.stats().packMisses },
      { hits: 1, misses: 1 },
      "the second lookup of a pack needs no query for its record",
    );
    const absent = readPackKey({ gtin: g.gtin, lot: g.lot, serial: "LATER1" });
    assert.equal((await cache.info(absent)).known, false);
    await w.db.pack.create({ data: { batchId: g.batchId, leafIndex: 99, serial: "LATER1", commitment: "0x00" } });
    assert.equal((await cache.info(absent)).known, true, "a pack written later is found at once");
  });
});
