import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { stopSharedPostgres, useCodedWorld } from "@tracemed/indexer/testing";
import { createPool, type Db, type Pool } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";
import { packProvenance } from "@tracemed/provenance/provenance";
import { packView } from "@tracemed/provenance/readPolicy";
import { PackCache } from "./packCache";
import { packPageSource, type PackPageSource } from "./packPage";
import { VerifyReplica } from "./replica";

after(stopSharedPostgres);

describe("the pack page's data", () => {
  let pool: Pool | undefined;
  let replica: VerifyReplica | undefined;
  // Registered before the world's hooks: node:test runs after hooks in order, and these close first.
  after(async () => {
    await replica?.stop();
    await pool?.end();
  });
  const w = useCodedWorld("PostgreSQL 15");
  let page: PackPageSource;
  /** Provenance snapshots the page source asked of the database. */
  let snapshots = 0;
  before(async () => {
    pool = createPool(w.databaseUrl, { max: 4 });
    replica = new VerifyReplica(pool, new PackCache(pool), { pollMs: 50 });
    await replica.start();
    const counted = new Proxy(w.db, {
      get(target, key) {
        if (key !== "$transaction") return Reflect.get(target, key);
        return (...args: Parameters<Db["$transaction"]>) => {
          snapshots++;
          return (target.$transaction as (...a: unknown[]) => unknown)(...args);
        };
      },
    });
    page = packPageSource({ replica, db: counted });
  });
  /** Waits until the replica has completed a whole poll of the logs begun after this call. */
  async function polled() {
    const from = replica!.stats.polls;
    while (replica!.stats.polls < from + 2) await sleep(10);
  }
  const view = (g: { gtin: string; lot: string; serial: (i: number) => string }, i: number) =>
    page({ gtin: g.gtin, lot: g.lot, serial: g.serial(i) }, { expiry: null });

  it("aKnownPack_showsItsFactsAndItsBatchesJourney_aDispensedOneItsOwnPath", async () => {
    const g = await w.batch(8, { toPharmacy: 4n, dispensed: [2] });
    await w.index();
    const fresh = await page({ gtin: g.gtin, lot: g.lot, serial: g.serial(0) }, { expiry: null });
    assert.equal(fresh.info.known, true);
    assert.equal(fresh.info.status, "active");
    assert.equal(fresh.info.product?.text.en.generic, "Amoxicillin");
    assert.equal(fresh.journey?.exact, false, "not dispensed: the batch's journey");
    assert.deepEqual(
      fresh.journey?.journey.map((s) => [s.from.name, s.to.name, s.status]),
      [
        ["Huaxin Pharmaceutical", "Eastern Distribution", "received"],
        ["Eastern Distribution", "Renmin Road Pharmacy", "received"],
      ],
    );
    assert.equal(fresh.journey?.pack.dispensed, null);
    const dispensed = await page({ gtin: g.gtin, lot: g.lot, serial: g.serial(2) }, { expiry: null });
    assert.equal(dispensed.journey?.exact, true);
    assert.equal(dispensed.journey?.pack.dispensed?.by.name, "Renmin Road Pharmacy");
    assert.equal(dispensed.journey?.journey.length, 2);
  });

  it("anUnknownPack_hasNoJourney_andAMalformedCodeIsRefused", async () => {
    const g = await w.batch(2);
    await w.index();
    const unknown = await page({ gtin: g.gtin, lot: g.lot, serial: "NOSUCHSERIAL" }, { expiry: null });
    assert.equal(unknown.info.known, false);
    assert.equal(unknown.journey, null);
    await assert.rejects(
      page({ gtin: "123", lot: g.lot, serial: g.serial(0) }, { expiry: null }),
      (e: unknown) => e instanceof DomainError && e.code === "InvalidGtin",
    );
  });

  it("aRecallReachesTheNextPageView_andTheReplicaNamesTheBatch", async () => {
    const g = await w.batch(4, { toPharmacy: 2n });
    await w.index();
    assert.equal((await view(g, 0)).info.status, "active");
    await polled(); // the batch is in the replica, and its provenance kept
    assert.equal((await view(g, 1)).journey?.batch.status, "active");
    const told: string[] = [];
    const stop = replica!.onBatchEvents((batches) => told.push(...(batches === "all" ? ["all"] : batches)));
    await w.recall(g, "Sterility failure");
    await w.index();
    await polled();
    stop();
    assert.ok(told.includes(g.batchId), "the poll names the recalled batch");
    const after = await view(g, 1);
    assert.equal(after.info.status, "recalled");
    assert.equal(after.info.statusReason, "Sterility failure");
    assert.equal(after.journey?.batch.status, "recalled");
    assert.equal(after.journey?.batch.statusReason, "Sterility failure");
  });

  it("aNewHopShowsAfterThePoll_andADispenseShowsThePacksPath", async () => {
    const g = await w.batch(4);
    await w.index();
    await view(g, 0);
    await polled();
    assert.deepEqual((await view(g, 0)).journey?.journey, [], "registered, not shipped yet");
    await w.toPharmacy(g, 2n);
    await w.index();
    await polled();
    const shipped = await view(g, 0);
    assert.equal(shipped.journey?.journey.length, 2);
    assert.equal(shipped.journey?.journey[1]?.to.name, "Renmin Road Pharmacy");
    await w.dispense(g, 3);
    await w.index();
    await polled();
    const dispensed = await view(g, 3);
    assert.equal(dispensed.journey?.exact, true);
    assert.equal(dispensed.journey?.pack.dispensed?.by.name, "Renmin Road Pharmacy");
    // The same as the one-off read from the database says.
    const fromDb = packView(await packProvenance(w.db, g.batchId, g.serial(3)), "public");
    assert.deepEqual(dispensed.journey, fromDb);
  });

  it("aPackDispensedBetweenTwoDeliveries_showsThePathOfTheFirst", async () => {
    const g = await w.batch(8, { toPharmacy: 2n, dispensed: [5] });
    await w.rpc("evm_increaseTime", [3 * 86_400]);
    await w.toPharmacy(g, 2n); // a second delivery, days after the dispense
    await w.index();
    await view(g, 5);
    await polled();
    const dispensed = await view(g, 5);
    const fromDb = packView(await packProvenance(w.db, g.batchId, g.serial(5)), "public");
    assert.deepEqual(dispensed.journey, fromDb);
    const batch = (await view(g, 0)).journey!.journey.map((s) => s.shippedOn);
    assert.equal(batch.length, 4);
    assert.deepEqual(
      dispensed.journey?.journey.map((s) => s.shippedOn),
      batch.slice(0, 2),
      "the hops that brought this pack, not the later delivery",
    );
    assert.notDeepEqual(batch.slice(0, 2), batch.slice(2), "the deliveries are days apart");
  });

  it("aThousandViewsOfOneBatch_makeAtMostOneProvenanceQuery", async () => {
    const g = await w.batch(64, { toPharmacy: 8n, dispensed: [1] });
    await w.index();
    await view(g, 0);
    await polled(); // loaded into the replica
    const before = snapshots;
    for (let i = 0; i < 1_000; i++) {
      const v = await view(g, i % 64);
      assert.equal(v.journey?.journey.length, 2);
    }
    assert.ok(snapshots - before <= 1, `${snapshots - before} provenance queries for 1,000 views`);
  });

  it("aChineseNameGivenOffTheLedger_showsOnTheNextViewAfterThePoll", async () => {
    const g = await w.batch(4, { toPharmacy: 2n });
    await w.index();
    await view(g, 0);
    await polled();
    const pharmacy = () => view(g, 0).then((v) => v.journey?.journey[1]?.to);
    assert.equal((await pharmacy())?.name, "Renmin Road Pharmacy");
    const account = (await w.db.organisation.findFirstOrThrow({ where: { name: "Renmin Road Pharmacy" } })).account;
    await w.db.organisationProfile.upsert({
      where: { account },
      create: { account, nameZh: "人民路药房", updatedBy: account },
      update: { nameZh: "人民路药房", updatedBy: account },
    });
    await polled();
    assert.equal((await pharmacy())?.nameZh, "人民路药房");
  });
});
