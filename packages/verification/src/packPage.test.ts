import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { stopSharedPostgres, useCodedWorld } from "@tracemed/indexer/testing";
import { createPool, type Pool } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";
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
  before(async () => {
    pool = createPool(w.databaseUrl, { max: 4 });
    replica = new VerifyReplica(pool, new PackCache(pool), { pollMs: 50 });
    await replica.start();
    page = packPageSource({ replica, pool, db: w.db });
  });

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
});
