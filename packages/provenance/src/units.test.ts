/**
 * The read side of cases and pallets on a real chain and indexer: a pallet of a case and loose packs read back
 * with its contents by batch (deep), its packs with their serials, the units an organisation holds, and the
 * case and pallet a pack is in.
 */
import assert from "node:assert/strict";
import { after, describe } from "node:test";
import { buildSscc, ssccToRef, verifyUnitContents } from "@tracemed/codes";
import { accountOf, stopSharedPostgres, worldTestOn } from "@tracemed/indexer/testing";
import { unitInclusionProof, unitPacks, unitReceipt, unitsHeldBy, unitsOfPack, unitView } from "./units";

after(stopSharedPostgres);

describe("cases and pallets read back", () => {
  const test = worldTestOn("embedded PGlite");

  test("unitView_showsAPalletsCaseAndItsContentsByBatchDeep", { timeout: 120_000 }, async (w) => {
    await w.lap(); // L1: the maker still holds 2 of its 4 packs
    await w.lap(); // L2: likewise
    const [l1, l2] = w.batches as [`0x${string}`, `0x${string}`];
    const caseSscc = buildSscc(w.orgs.maker.gln, 11);
    const palletSscc = buildSscc(w.orgs.maker.gln, 12);
    const maker = w.units(w.cast.maker);
    await w.wait(maker.write.pack([BigInt(caseSscc), [{ batchId: l1, indices: [2, 3] }], []]));
    await w.wait(maker.write.pack([BigInt(palletSscc), [{ batchId: l2, indices: [3] }], [BigInt(caseSscc)]]));
    await w.sync();

    const pallet = await unitView(w.db, palletSscc);
    assert.ok(pallet);
    assert.deepEqual(
      [pallet.organisationName, pallet.holder, pallet.status, pallet.packs, pallet.parentSscc],
      ["Huaxin Pharmaceutical", accountOf("maker"), "packed", 3, null],
    );
    assert.deepEqual(
      pallet.children.map((c) => [c.sscc, c.packs, c.parentSscc]),
      [[caseSscc, 2, palletSscc]],
    );
    assert.deepEqual(
      pallet.contents.map((c) => [c.batchId, c.lot, c.quantity]).sort(),
      [
        [l1, "L1", 2],
        [l2, "L2", 1],
      ].sort(),
    );
    assert.equal(await unitView(w.db, buildSscc(w.orgs.maker.gln, 99)), null);

    // The lap's fixture has pack rows for leaves 0 and 1 only: the others have no serial here.
    await w.db.pack.create({ data: { batchId: l1, leafIndex: 2, serial: "L1-S2", commitment: "0x00" } });
    const packs = await unitPacks(w.db, palletSscc);
    assert.deepEqual(
      packs.map((p) => [p.batchId, p.index, p.serial]).sort(),
      [
        [l1, 2, "L1-S2"],
        [l1, 3, null],
        [l2, 3, null],
      ].sort(),
    );

    assert.deepEqual(
      (await unitsHeldBy(w.db, w.accounts.maker!, { status: "packed" })).map((u) => u.sscc).sort(),
      [caseSscc, palletSscc].sort(),
    );
    assert.deepEqual(await unitsHeldBy(w.db, w.accounts.distributor!), []);
    assert.deepEqual(
      (await unitsOfPack(w.db, l1, 3)).map((u) => u.sscc),
      [caseSscc, palletSscc],
    );
    assert.deepEqual(await unitsOfPack(w.db, l1, 0), []);

    // A partner checks that pack 3 of L1 is on the pallet: in the case, and the case on the pallet, against the roots
    // the chain holds.
    const steps = await unitInclusionProof(w.db, palletSscc, { batchId: l1, index: 3 });
    assert.deepEqual(
      steps?.map((s) => s.sscc),
      [caseSscc, palletSscc],
    );
    for (const step of steps!) {
      const onChain = await maker.read.unit([BigInt(step.sscc)]);
      assert.equal(step.root, onChain.contentsRoot);
      assert.ok(verifyUnitContents(step.root, step.entry, step.proof), `step ${step.sscc}`);
    }
    assert.equal(await unitInclusionProof(w.db, palletSscc, { batchId: l1, index: 0 }), null);

    // Shipped and received as one unit: the distributor's receipts open it on chain.
    for (const [batchId, quantity] of [
      [l1, 2n],
      [l2, 1n],
    ] as const) {
      await w.wait(w.actAs("maker").write.ship([batchId, w.accounts.distributor!, quantity, ssccToRef(palletSscc)]));
      await w.wait(
        w
          .actAs("distributor")
          .write.confirmReceipt([batchId, w.accounts.maker!, quantity, ssccToRef(palletSscc), quantity]),
      );
    }
    await w.sync();
    // The newest receipt from the holder (the maker): the second batch's, confirmed last.
    const receipt = await unitReceipt(w.db, palletSscc, w.accounts.distributor!, accountOf("maker"));
    assert.deepEqual(receipt && [receipt.batchId, receipt.from, receipt.quantity], [l2, accountOf("maker"), 1n]);
    // None from anyone else (the contract takes a receipt from the holder only), none for the pharmacy.
    assert.equal(await unitReceipt(w.db, palletSscc, w.accounts.distributor!, w.accounts.pharmacy!), null);
    assert.equal(await unitReceipt(w.db, palletSscc, w.accounts.pharmacy!, accountOf("maker")), null);
    await w.wait(w.units(w.cast.distributor).write.unpack([BigInt(palletSscc), receipt!]));
    await w.sync();
    assert.equal((await unitView(w.db, palletSscc))?.status, "opened");
  });
});
