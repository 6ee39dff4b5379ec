/**
 * Cases and pallets through the indexer: the LogisticUnits contract's events become LogisticUnit rows (with
 * their packs) and audit-trail events with the CBV steps packing and unpacking, and an opened pallet's cases
 * are free units of whoever opened it, as the contract says.
 */
import assert from "node:assert/strict";
import { after, describe } from "node:test";
import { buildSscc, unitContentsRoot } from "@tracemed/codes";
import { toHex } from "viem";
import { accountOf, assertMatchesChain, stopSharedPostgres, worldTestOn } from "./testing";

after(stopSharedPostgres);

describe("cases and pallets on embedded PGlite", () => {
  const test = worldTestOn("embedded PGlite");

  test("packShipReceiveAndOpen_areRowsThatMatchTheChain", { timeout: 120_000 }, async (w) => {
    await w.lap(); // a batch of 4 packs, of which the maker still holds 2
    const batchId = w.batches.at(-1)!;
    const caseSscc = buildSscc(w.orgs.maker.gln, 1);
    const palletSscc = buildSscc(w.orgs.maker.gln, 2);
    const maker = w.units(w.cast.maker);
    await w.wait(maker.write.pack([BigInt(caseSscc), [{ batchId, indices: [2, 3] }], []]));
    await w.wait(maker.write.pack([BigInt(palletSscc), [], [BigInt(caseSscc)]]));
    await w.sync();

    const caseRow = await w.db.logisticUnit.findUnique({ where: { sscc: caseSscc }, include: { contents: true } });
    assert.deepEqual(
      [caseRow?.organisation, caseRow?.holder, caseRow?.packs, caseRow?.status, caseRow?.parentSscc],
      [accountOf("maker"), accountOf("maker"), 2, "packed", palletSscc],
    );
    assert.equal(caseRow?.contentsRoot, unitContentsRoot([2, 3].map((index) => ({ batchId, index }))));
    assert.deepEqual(caseRow?.contents.map((p) => [p.batchId, p.packIndex]).sort(), [
      [batchId, 2],
      [batchId, 3],
    ]);
    const packed = await w.db.custodyEvent.findMany({ where: { eventName: "UnitPacked" } });
    assert.deepEqual(
      packed.map((e) => [e.bizStep, e.actor, e.by]),
      [
        ["packing", accountOf("maker"), accountOf("maker")],
        ["packing", accountOf("maker"), accountOf("maker")],
      ],
    );

    // The pallet travels as one ship with ref = its SSCC; the distributor receives it and opens it.
    const ref = toHex(BigInt(palletSscc), { size: 32 });
    await w.wait(w.actAs("maker").write.ship([batchId, w.accounts.distributor!, 2n, ref]));
    await w.wait(w.actAs("distributor").write.confirmReceipt([batchId, w.accounts.maker!, 2n, ref, 2n]));
    const receipt = { batchId, from: w.accounts.maker!, quantity: 2n };
    await w.wait(w.units(w.cast.distributor).write.unpack([BigInt(palletSscc), receipt]));
    await w.sync();

    const pallet = await w.db.logisticUnit.findUnique({ where: { sscc: palletSscc } });
    assert.deepEqual([pallet?.status, pallet?.holder], ["opened", accountOf("distributor")]);
    assert.ok(pallet?.openedAt && pallet.openedBy === accountOf("distributor"));
    const freed = await w.db.logisticUnit.findUnique({ where: { sscc: caseSscc } });
    assert.deepEqual([freed?.parentSscc, freed?.holder, freed?.status], [null, accountOf("distributor"), "packed"]);
    const unpacked = await w.db.custodyEvent.findFirst({ where: { eventName: "UnitUnpacked" } });
    assert.deepEqual([unpacked?.bizStep, unpacked?.actor], ["unpacking", accountOf("distributor")]);
    // Indexing again changes nothing.
    await w.sync();
    assert.equal(await w.db.logisticUnit.count(), 2);
    assert.equal(await w.db.logisticUnitPack.count(), 2);
    await assertMatchesChain(w);
  });

  test("aReorganisation_takesAnOpeningAndAPackingAway", { timeout: 120_000 }, async (w) => {
    await w.lap();
    const batchId = w.batches.at(-1)!;
    const [caseSscc, palletSscc, orphanSscc] = [21, 22, 23].map((n) => buildSscc(w.orgs.maker.gln, n));
    const maker = w.units(w.cast.maker);
    await w.wait(maker.write.pack([BigInt(caseSscc!), [{ batchId, indices: [2] }], []]));
    await w.wait(maker.write.pack([BigInt(palletSscc!), [], [BigInt(caseSscc!)]]));
    await w.sync();
    const fork = await w.rpc<string>("evm_snapshot");
    // On the branch that will be orphaned: the maker opens the pallet and packs another case.
    const none = { batchId, from: w.accounts.maker!, quantity: 0n };
    await w.wait(maker.write.unpack([BigInt(palletSscc!), none]));
    await w.wait(maker.write.pack([BigInt(orphanSscc!), [{ batchId, indices: [3] }], []]));
    await w.sync();
    assert.equal((await w.db.logisticUnit.findUnique({ where: { sscc: palletSscc! } }))?.status, "opened");
    assert.equal((await w.db.logisticUnit.findUnique({ where: { sscc: caseSscc! } }))?.parentSscc, null);
    await w.rpc("evm_revert", [fork]);
    await w.mine(3);
    await w.sync();
    const pallet = await w.db.logisticUnit.findUnique({ where: { sscc: palletSscc! } });
    assert.deepEqual([pallet?.status, pallet?.openedAt], ["packed", null], "the opening is gone with its block");
    assert.equal((await w.db.logisticUnit.findUnique({ where: { sscc: caseSscc! } }))?.parentSscc, palletSscc);
    assert.equal(await w.db.logisticUnit.findUnique({ where: { sscc: orphanSscc! } }), null);
    assert.equal(await w.db.logisticUnitPack.count({ where: { sscc: orphanSscc! } }), 0);
    await assertMatchesChain(w);
  });
});
