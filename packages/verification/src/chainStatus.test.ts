import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ANVIL_CHAIN_ID } from "@tracemed/chain/node";
import { createPool, type Pool } from "@tracemed/db";
import { freePort } from "@tracemed/db/testing";
import { PERMIT } from "@tracemed/chain";
import { MEMBERS, stopSharedPostgres, useCodedWorld } from "@tracemed/indexer/testing";
import { createPublicClient, http } from "viem";
import { DomainError } from "@tracemed/errors";
import { verifyProductIdentifier } from "./lvm";
import { batchProvenance, yymmdd } from "@tracemed/provenance/provenance";
import { ChainStatus, confirmProvenance } from "./chainStatus";
import { PackCache } from "./packCache";
import { packInfo } from "./packInfo";
import { pinKeysFromDirectory } from "./keyStore";
import { verifyPack, type VerifyDeps } from "./verifyPack";

after(stopSharedPostgres);

describe("the chain's word on a batch's status while the database is behind it", () => {
  let pool: Pool | undefined;
  const statuses: ChainStatus[] = [];
  after(async () => {
    for (const s of statuses) s.stop();
    await pool?.end();
  });
  const w = useCodedWorld("embedded PGlite");
  const watch = (client = w.client) => {
    const s = new ChainStatus({ client, db: w.db, chainId: ANVIL_CHAIN_ID, ledger: w.ledger });
    statuses.push(s);
    return s;
  };
  let deps: (s: ChainStatus) => VerifyDeps;
  before(() => {
    deps = (s) => ({ db: w.db, pinKeys: pinKeysFromDirectory(w.keysDir), guard: s });
  });
  const ask = (
    d: VerifyDeps,
    g: { gtin: string; lot: string; serial: (i: number) => string },
    i: number,
    pin: string,
  ) => verifyPack(d, { gtin: g.gtin, lot: g.lot, serial: g.serial(i), pin, region: "CN", clientHash: "test" });

  it("indexedUpToTheHead_theDatabasesWordStands_andTheChainIsNotAskedForStatuses", async () => {
    const g = await w.batch(4);
    await w.index();
    const s = watch();
    assert.equal((await ask(deps(s), g, 0, g.pin(0))).verdict, "genuine");
    assert.equal(s.freshness().stale, false);
    assert.equal(s.stats.chainReads, 0);
  });

  it("indexerStopped_aRecallOnChainReachesLookupsAndVerdictsWithin2s_withItsReason", async () => {
    const g = await w.batch(4);
    await w.index();
    const s = watch();
    pool ??= createPool(w.databaseUrl, { max: 2 });
    const cache = new PackCache(pool, { guard: s });
    const key = { gtin: g.gtin, lot: g.lot, serial: g.serial(1) };
    assert.equal((await packInfo(w.db, key, undefined, s)).status, "active");
    await w.recall(g, "Particles found in the vials");
    const t = Date.now();
    // The Next.js path (one query) and the lean service's (PackCache) both come to say it.
    while ((await packInfo(w.db, key, undefined, s)).status !== "recalled") {
      assert.ok(Date.now() - t < 2_000, "the recall reached the lookup within 2 s");
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal((await cache.info({ ...key, batchId: g.batchId })).status, "recalled");
    const verdict = await ask({ ...deps(s), lookup: cache.lookup, claim: cache.claim }, g, 1, g.pin(1));
    assert.equal(verdict.verdict, "recalled");
    assert.equal(verdict.recall?.reason, "Particles found in the vials");
    assert.ok(Date.now() - t < 2_000);
    const [row] = await w.db.batch.findMany({ where: { id: g.batchId }, select: { status: true } });
    assert.equal(row?.status, "active", "the database had not learnt it: the chain's word did it");
    await w.index();
  });

  it("chainUnreachable_statusUnconfirmed_theVerdictSaysSo_neverGenuine_andThePackIsNotClaimed", async () => {
    const g = await w.batch(4);
    await w.index();
    const nowhere = createPublicClient({
      transport: http(`http://127.0.0.1:${await freePort()}`, { retryCount: 0, timeout: 500 }),
    });
    const s = watch(nowhere);
    const result = await ask(deps(s), g, 2, g.pin(2));
    assert.equal(result.verdict, "unconfirmed");
    assert.equal(result.genuine, true, "the PIN matched");
    assert.equal(result.claimedNow, false);
    const claims = await w.db.claimRequest.count({ where: { batchId: g.batchId, leafIndex: 2 } });
    assert.equal(claims, 0, "a later check must not read 'already verified' for this one");
    assert.equal(
      (await packInfo(w.db, { gtin: g.gtin, lot: g.lot, serial: g.serial(2) }, undefined, s)).status,
      "unconfirmed",
    );
    // With the chain back, the same check is the pack's first verification.
    assert.equal((await ask(deps(watch()), g, 2, g.pin(2))).verdict, "genuine");
  });

  it("aRecallTheIndexerQuarantined_theDataIsFreshButTheChainsWordStands_neverGenuine", async () => {
    const g = await w.batch(4);
    await w.index();
    // The database refuses the recall's projection (as it refused U+0000): the indexer quarantines the
    // event, the cursor moves past it, and the database keeps the batch "active" with fresh data.
    await w.db.$executeRawUnsafe(
      `ALTER TABLE "Batch" ADD CONSTRAINT test_refuse_recall CHECK (status <> 'recalled') NOT VALID`,
    );
    try {
      await w.recall(g, "Wrong strength on the label");
      await w.index();
    } finally {
      await w.db.$executeRawUnsafe(`ALTER TABLE "Batch" DROP CONSTRAINT test_refuse_recall`);
    }
    const [row] = await w.db.batch.findMany({ where: { id: g.batchId }, select: { status: true } });
    assert.equal(row?.status, "active", "the recall was quarantined, not projected");
    assert.equal(await w.db.quarantinedEvent.count({ where: { batchId: g.batchId } }), 1);

    const s = watch();
    const key = { gtin: g.gtin, lot: g.lot, serial: g.serial(3) };
    assert.equal((await packInfo(w.db, key, undefined, s)).status, "recalled");
    const verdict = await ask(deps(s), g, 3, g.pin(3));
    assert.deepEqual([verdict.verdict, verdict.recall?.reason], ["recalled", "Wrong strength on the label"]);
    assert.equal(s.freshness().stale, false, "the indexer is up to date: only the quarantine made it ask");
  });

  it("aMemberEventTheIndexerQuarantined_staffStandingIsAskedOfTheChain", async () => {
    await w.index();
    assert.equal(await watch().confirmOrganisation(w.orgs.maker.address), undefined, "fresh: the database answers");
    // The database refuses the member's row: the indexer quarantines MemberAdded and moves on.
    await w.db.$executeRawUnsafe(`ALTER TABLE "Member" ADD CONSTRAINT test_refuse_member CHECK (permissions <> 4)`);
    try {
      await w.wait(w.contract(w.cast.maker).write.addMember([MEMBERS.makerClerk.address, PERMIT.SHIP]));
      await w.index();
    } finally {
      await w.db.$executeRawUnsafe(`ALTER TABLE "Member" DROP CONSTRAINT test_refuse_member`);
    }
    assert.equal(await w.db.quarantinedEvent.count({ where: { eventName: "MemberAdded" } }), 1);
    const s = watch();
    assert.ok(await s.confirmOrganisation(w.orgs.maker.address), "a missed member change: the chain is asked");
    assert.equal(s.freshness().stale, false);
  });

  it("chainUnreachable_aRecallTheDatabaseHolds_isStillRecalled_notUnconfirmed", async () => {
    const g = await w.batch(4, { recalled: "Mislabelled strength" });
    await w.index();
    const nowhere = createPublicClient({
      transport: http(`http://127.0.0.1:${await freePort()}`, { retryCount: 0, timeout: 500 }),
    });
    const s = watch(nowhere);
    const verdict = await ask(deps(s), g, 0, g.pin(0));
    // A recall is final on chain: stale or not, the database's recall is the truth.
    assert.deepEqual([verdict.verdict, verdict.recall?.reason], ["recalled", "Mislabelled strength"]);
  });

  it("batchOnChainButNotYetIndexed_notCalledUnknown_butUnconfirmed", async () => {
    const g = await w.batch(4); // registered on chain; the indexer has not read it
    const s = watch();
    const result = await ask(deps(s), g, 0, g.pin(0));
    assert.deepEqual([result.verdict, result.genuine], ["unconfirmed", false]);
    const info = await packInfo(w.db, { gtin: g.gtin, lot: g.lot, serial: g.serial(0) }, undefined, s);
    assert.deepEqual([info.known, info.status], [false, "unconfirmed"]);
    // A batch the chain does not know either is unknown, stale data or not.
    const nowhere = { gtin: g.gtin, lot: "NOSUCHLOT", serial: (i: number) => g.serial(i) };
    assert.equal((await ask(deps(s), nowhere, 0, g.pin(0))).verdict, "unknown");
    await w.index();
    assert.equal((await ask(deps(s), g, 0, g.pin(0))).verdict, "genuine");
  });

  it("indexerStopped_lvmSaysRecalledWithin2s_andAnUnreachableChainGetsNoVerdict", async () => {
    const g = await w.batch(4);
    await w.index();
    const [batch] = await w.db.batch.findMany({ where: { id: g.batchId }, select: { expiresAt: true } });
    const lvm = (s: ChainStatus) =>
      verifyProductIdentifier(
        w.db,
        { gtin: g.gtin, lot: g.lot, serial: g.serial(3), exp: yymmdd(batch!.expiresAt) },
        { responderGLN: "6901234000016", guard: s },
      );
    const s = watch();
    assert.deepEqual((await lvm(s)).data, { verified: true });
    await w.recall(g, "Wrong label text");
    const t = Date.now();
    // A pharmacy checking a return (GS1 LVM) must not be told the pack is fine to resell.
    while ((await lvm(s)).data.additionalInfo !== "Recalled") {
      assert.ok(Date.now() - t < 2_000, "the recall reached LVM within 2 s");
      await new Promise((r) => setTimeout(r, 50));
    }
    const nowhere = createPublicClient({
      transport: http(`http://127.0.0.1:${await freePort()}`, { retryCount: 0, timeout: 500 }),
    });
    await assert.rejects(
      lvm(watch(nowhere)),
      (e: unknown) => e instanceof DomainError && e.code === "StatusUnconfirmed",
    );
    await w.index();
  });

  it("indexerStopped_theBatchAndPackJourneySayRecalled_andAnUnreachableChainGetsNoStatus", async () => {
    const g = await w.batch(4);
    await w.index();
    const s = watch();
    assert.equal((await confirmProvenance(await batchProvenance(w.db, g.batchId), s)).batch.status, "active");
    await w.recall(g, "Seal defect");
    const t = Date.now();
    let batch = (await confirmProvenance(await batchProvenance(w.db, g.batchId), s)).batch;
    while (batch.status !== "recalled") {
      assert.ok(Date.now() - t < 2_000, "the recall reached the journey within 2 s");
      await new Promise((r) => setTimeout(r, 50));
      batch = (await confirmProvenance(await batchProvenance(w.db, g.batchId), s)).batch;
    }
    assert.equal(batch.statusReason, "Seal defect");
    const nowhere = createPublicClient({
      transport: http(`http://127.0.0.1:${await freePort()}`, { retryCount: 0, timeout: 500 }),
    });
    await assert.rejects(
      confirmProvenance(await batchProvenance(w.db, g.batchId), watch(nowhere)),
      (e: unknown) => e instanceof DomainError && e.code === "StatusUnconfirmed",
    );
    await w.index();
  });
});
