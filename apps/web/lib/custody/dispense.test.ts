import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { accountOf, stopSharedPostgres, useCodedWorld } from "@tracemed/indexer/testing";
import { buildElementString, type GeneratedBatch } from "@tracemed/codes";
import type { Hex } from "viem";
import { DomainError } from "@tracemed/errors";
import { recentDispenses } from "@tracemed/provenance/custody";
import { ERRORS } from "@/lib/errors";
import { addToQueue, removeFromQueue, settlement, type QueueEntry } from "./dispenseQueue";
import { lookupPack } from "@tracemed/verification/packLookup";
import { dispenseProof, PackTreeCache, treeBytes, type DispenseProof } from "@tracemed/verification/packTrees";
import { readPackCode } from "./readCode";
import { dispenseCall } from "@/components/custody/dispenseCall";

after(stopSharedPostgres);

describe("dispensing with the server's proofs, on a real ledger and database", () => {
  const w = useCodedWorld("embedded PGlite");
  const pharmacy = accountOf("pharmacy");
  let cache: PackTreeCache;
  before(() => {
    cache = new PackTreeCache(w.db);
  });

  const asPharmacy = () => w.contract(w.cast.pharmacy);
  const send = async (p: DispenseProof) => {
    const c = asPharmacy();
    if (p.kind === "single")
      return w.wait(c.write.dispense([p.batchId as Hex, BigInt(p.index), p.commitment as Hex, p.proof as Hex[]]));
    return w.wait(
      c.write.dispenseMany([
        p.batchId as Hex,
        p.indices.map(BigInt),
        p.commitments as Hex[],
        p.proof as Hex[],
        p.proofFlags,
      ]),
    );
  };
  const scan = (g: GeneratedBatch, i: number) =>
    readPackCode(
      `]d2${buildElementString([
        { ai: "01", value: g.gtin },
        { ai: "17", value: g.expiry },
        { ai: "10", value: g.lot },
        { ai: "21", value: g.serial(i) },
      ])}`,
    );
  const look = (g: GeneratedBatch, i: number) =>
    lookupPack(
      { db: w.db, isDispensedOnChain: (b, idx) => asPharmacy().read.isDispensed([b, BigInt(idx)]) },
      pharmacy,
      {
        gtin: g.gtin,
        lot: g.lot,
        serial: g.serial(i),
      },
    );

  it("dispenseMany_acceptsTheServersMultiproof_andOneTransactionDispensesEveryQueuedPack", async () => {
    const g = await w.batch(40);
    await w.toPharmacy(g, 20n);
    await w.index();
    const picked = [17, 3, 9, 0, 33, 12];
    const proof = await dispenseProof(cache, g.batchId, picked);
    assert.equal(proof.kind, "multi");
    const receipt = await send(proof);
    assert.equal(receipt.status, "success");
    for (const i of picked) assert.equal(await asPharmacy().read.isDispensed([g.batchId, BigInt(i)]), true);
    assert.equal(await asPharmacy().read.isDispensed([g.batchId, 1n]), false);
    const held = await asPharmacy().read.holding([g.batchId, w.cast.pharmacy.address]);
    assert.equal(held.held, 14n);
    assert.equal(held.dispensed, 6n);
    // One pack: the plain dispense() with a single proof.
    const one = await dispenseProof(cache, g.batchId, [25]);
    assert.equal(one.kind, "single");
    assert.equal((await send(one)).status, "success");
  });

  it("severalBatches_settleInOneMulticallTransaction", async () => {
    const a = await w.batch(9);
    const b = await w.batch(5);
    await w.toPharmacy(a, 9n);
    await w.toPharmacy(b, 5n);
    await w.index();
    const calls = await Promise.all([dispenseProof(cache, a.batchId, [1, 2, 8]), dispenseProof(cache, b.batchId, [4])]);
    const data = calls.map(dispenseCall);
    const r = await w.wait(asPharmacy().write.multicall([data]));
    assert.equal(r.status, "success");
    assert.equal(await asPharmacy().read.isDispensed([a.batchId, 8n]), true);
    assert.equal(await asPharmacy().read.isDispensed([b.batchId, 4n]), true);
  });

  it("queue_refusesDuplicates_andAlertsBeforeSigning_forDispensedRecalledAndOutOfStockPacks", async () => {
    const g = await w.batch(12, { toPharmacy: 3n, dispensed: [5] });
    const r = await w.batch(4, { toPharmacy: 2n, recalled: "Sterility failure in line 3" });
    await w.index();

    let q: QueueEntry[] = [];
    const add = async (batch: GeneratedBatch, i: number) => {
      const res = addToQueue(q, scan(batch, i), await look(batch, i));
      if (res.ok) q = res.queue;
      return res;
    };
    assert.equal((await add(g, 0)).ok, true);
    const dup = await add(g, 0);
    assert.equal(dup.ok, false, "the same pack scanned twice is refused");
    assert.equal(q.length, 1);

    const dispensed = await add(g, 5);
    assert.ok(dispensed.ok);
    assert.deepEqual(dispensed.entry.alerts, ["already-dispensed"]);
    assert.equal(dispensed.entry.lookup.dispensed?.byName, "Renmin Road Pharmacy");

    const recalled = await add(r, 1);
    assert.ok(recalled.ok);
    assert.deepEqual(recalled.entry.alerts, ["recalled"]);
    assert.equal(recalled.entry.lookup.statusReason, "Sterility failure in line 3");

    // The pharmacy holds 2 of g now (3 received, 1 dispensed): a third good pack is over its stock.
    await add(g, 1);
    await add(g, 2);
    const flags = q.map((e) => [e.code.serial, e.alerts.join(",")]);
    assert.deepEqual(
      flags.map((f) => f[1]),
      ["", "already-dispensed", "recalled", "", "not-in-stock"],
    );
    // Only the dispensable packs settle, grouped by batch.
    assert.deepEqual(settlement(q), [{ batchId: g.batchId.toLowerCase(), indices: [0, 1] }]);
    // Removing a pack frees stock for the next one.
    q = removeFromQueue(q, q[0]!.key);
    assert.deepEqual(settlement(q), [{ batchId: g.batchId.toLowerCase(), indices: [1, 2] }]);

    // What the queue settles, the ledger accepts.
    const [s] = settlement(q);
    assert.equal((await send(await dispenseProof(cache, s!.batchId, s!.indices))).status, "success");
  });

  it("chainSaysDispensed_evenBeforeTheDatabaseKnows", async () => {
    const g = await w.batch(4);
    await w.toPharmacy(g, 4n);
    await w.index();
    await w.dispense(g, 2); // not indexed yet
    const l = await look(g, 2);
    assert.ok(l.dispensed, "the ledger's isDispensed is asked when the database has no dispense");
    const unknown = await lookupPack({ db: w.db }, pharmacy, { gtin: g.gtin, lot: g.lot, serial: "NOSUCHSERIAL" });
    assert.equal(unknown.found, false);
  });

  it("undo_withTheDayFromRecentDispenses_putsPacksBackIntoStock", async () => {
    const g = await w.batch(6);
    await w.toPharmacy(g, 6n);
    await w.index();
    await send(await dispenseProof(cache, g.batchId, [0, 4]));
    await w.index();
    const recent = (await recentDispenses(w.db, pharmacy)).filter((d) => d.batchId === g.batchId.toLowerCase());
    assert.deepEqual(recent.map((d) => d.leafIndex).sort(), [0, 4]);
    const hour = recent[0]!.hour;
    await w.wait(asPharmacy().write.undoDispense([g.batchId, hour, [0n, 4n]]));
    assert.equal(await asPharmacy().read.isDispensed([g.batchId, 0n]), false);
    const held = await asPharmacy().read.holding([g.batchId, w.cast.pharmacy.address]);
    assert.equal(held.held, 6n);
    await w.index();
    assert.equal(
      (await recentDispenses(w.db, pharmacy)).filter((d) => d.batchId === g.batchId.toLowerCase()).length,
      0,
    );
  });

  it("treeCache_sharesOneBuild_evictsByBytes_andRefusesIncompleteRecords", async () => {
    const a = await w.batch(30);
    const b = await w.batch(30);
    const c = await w.batch(5);
    await w.index();
    const small = new PackTreeCache(w.db, { maxBytes: treeBytes(30) + treeBytes(5) });
    const [x, y] = await Promise.all([small.get(a.batchId), small.get(a.batchId)]);
    assert.equal(x, y, "concurrent requests share one build");
    assert.equal(x.tree.root.toLowerCase(), a.root.toLowerCase());
    await small.get(c.batchId);
    assert.equal(small.heldBytes, treeBytes(30) + treeBytes(5));
    await small.get(b.batchId); // a (least recently used) makes room
    assert.ok(small.heldBytes <= small.maxBytes);
    const again = await small.get(a.batchId);
    assert.notEqual(again, x, "an evicted tree is rebuilt");

    await w.db.pack.delete({ where: { batchId_leafIndex: { batchId: b.batchId.toLowerCase(), leafIndex: 7 } } });
    const fresh = new PackTreeCache(w.db);
    await assert.rejects(
      fresh.get(b.batchId),
      (e: unknown) => e instanceof DomainError && e.code === "PackRecordsIncomplete",
    );
    await assert.rejects(
      dispenseProof(fresh, a.batchId, [1, 1]),
      (e: unknown) => e instanceof DomainError && e.code === "DuplicatePack",
    );
    await assert.rejects(
      dispenseProof(fresh, a.batchId, [30]),
      (e: unknown) => e instanceof DomainError && ERRORS[e.code].status === 400,
    );
  });
});
