import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { accountOf, ORGS, stopSharedPostgres, useCodedWorld } from "@tracemed/indexer/testing";
import { newSscc, ssccToRef } from "@tracemed/codes/browser";
import { ROLE } from "@tracemed/chain";
import type { Hex } from "viem";
import {
  packForPacking,
  sealedUnitsAt,
  unitAtDesk,
  unitLabelParties,
  unitLocation,
} from "@tracemed/provenance/unitDesk";
import { addToList, packCall } from "./packList";

after(stopSharedPostgres);

describe("cases and pallets at the desks, on a real ledger, units contract and database", () => {
  const w = useCodedWorld("embedded PGlite");
  const maker = { account: accountOf("maker"), roles: ROLE.MANUFACTURER };
  const distributor = { account: accountOf("distributor"), roles: ROLE.DISTRIBUTOR };
  const pharmacy = { account: accountOf("pharmacy"), roles: ROLE.PHARMACY };
  const regulator = { account: accountOf("regulator"), roles: ROLE.REGULATOR };

  it("aPalletPackedShippedReceivedAndOpened_isWhereItsShipmentsSay_andItsReceiptOpensItOnChain", async () => {
    const g = await w.batch(20);
    await w.index();
    const key = (i: number) => ({ gtin: g.gtin, lot: g.lot, serial: g.serial(i), batchId: g.batchId });

    // The packing list, fed by the server's facts, builds the pack() calls.
    const packCase = async (indices: number[]) => {
      let list: Parameters<typeof packCall>[0] = [];
      for (const i of indices) {
        const r = addToList(list, await packForPacking(w.db, maker.account, key(i)));
        assert.ok(r.ok, `pack ${i} goes in`);
        list = r.list;
      }
      const sscc = newSscc(ORGS.maker.gln);
      const { groups, children } = packCall(list);
      await w.wait(w.units(w.cast.maker).write.pack([BigInt(sscc), groups, children]));
      await w.index();
      return sscc;
    };
    const caseA = await packCase([0, 1, 2, 3, 4]);
    const caseB = await packCase([5, 6, 7, 8, 9]);
    const pallet = newSscc(ORGS.maker.gln);
    await w.wait(w.units(w.cast.maker).write.pack([BigInt(pallet), [], [BigInt(caseA), BigInt(caseB)]]));
    await w.index();

    const sealed = await packForPacking(w.db, maker.account, key(0));
    assert.equal(sealed.inUnit, caseA, "a pack in a sealed case says which");
    const loose = await packForPacking(w.db, maker.account, key(15));
    assert.deepEqual({ inUnit: loose.inUnit, loose: loose.loose }, { inUnit: null, loose: 10 }, "20 held, 10 sealed");
    assert.deepEqual(addToList([], sealed), { ok: false, reason: "in-unit", sscc: caseA });
    assert.deepEqual(
      (await sealedUnitsAt(w.db, maker.account)).map((u) => u.sscc),
      [pallet],
      "the cases are on the pallet",
    );
    assert.equal(await unitAtDesk(w.db, distributor, pallet), null, "none of the distributor's business yet");
    assert.equal((await unitAtDesk(w.db, regulator, pallet))?.unit.packs, 10, "the regulator sees every unit");

    // Shipped: one ship() per batch with ref = the pallet's SSCC.
    await w.wait(w.contract(w.cast.maker).write.ship([g.batchId, w.cast.distributor.address, 10n, ssccToRef(pallet)]));
    await w.index();
    const onTheWay = await unitAtDesk(w.db, distributor, pallet);
    assert.deepEqual(onTheWay?.location, { inTransit: { from: maker.account, to: distributor.account } });
    assert.deepEqual({ here: onTheWay?.here, receipt: onTheWay?.receipt }, { here: false, receipt: null });
    assert.deepEqual(await sealedUnitsAt(w.db, maker.account), [], "gone from the maker's site");
    assert.equal((await packForPacking(w.db, maker.account, key(15))).loose, 10);

    await w.wait(
      w
        .contract(w.cast.distributor)
        .write.confirmReceipt([g.batchId, w.cast.maker.address, 10n, ssccToRef(pallet), 10n]),
    );
    await w.index();
    const arrived = await unitAtDesk(w.db, distributor, pallet);
    assert.deepEqual(
      { here: arrived?.here, heldByYou: arrived?.heldByYou, receipt: arrived?.receipt },
      { here: true, heldByYou: false, receipt: { batchId: g.batchId, from: maker.account, quantity: 10 } },
    );
    const caseOnPallet = await unitAtDesk(w.db, distributor, caseA);
    assert.equal(caseOnPallet?.here, true, "a case goes where its pallet goes");
    assert.equal(caseOnPallet?.parent?.sscc, pallet);

    // The receipt the server gives is the proof the contract takes.
    const receipt = arrived!.receipt!;
    await w.wait(
      w
        .units(w.cast.distributor)
        .write.unpack([
          BigInt(pallet),
          { batchId: receipt.batchId as Hex, from: receipt.from as Hex, quantity: BigInt(receipt.quantity) },
        ]),
    );
    await w.index();
    assert.deepEqual((await sealedUnitsAt(w.db, distributor.account)).map((u) => u.sscc).sort(), [caseA, caseB].sort());
    const opened = await unitAtDesk(w.db, distributor, caseA);
    assert.deepEqual({ heldByYou: opened?.heldByYou, parent: opened?.parent }, { heldByYou: true, parent: null });

    // One case on to the pharmacy, received there.
    await w.wait(w.contract(w.cast.distributor).write.ship([g.batchId, w.cast.pharmacy.address, 5n, ssccToRef(caseA)]));
    await w.wait(
      w
        .contract(w.cast.pharmacy)
        .write.confirmReceipt([g.batchId, w.cast.distributor.address, 5n, ssccToRef(caseA), 5n]),
    );
    await w.index();
    assert.deepEqual(await unitLocation(w.db, { sscc: caseA, holder: distributor.account, parentSscc: null }), {
      at: pharmacy.account,
    });
    assert.equal(await unitAtDesk(w.db, pharmacy, caseB), null, "the other case is not the pharmacy's business");
    const atPharmacy = (await unitAtDesk(w.db, pharmacy, caseA))!;
    assert.deepEqual(unitLabelParties(atPharmacy), { from: distributor.account, to: pharmacy.account });
    const atMaker = (await unitAtDesk(w.db, maker, caseB))!;
    assert.deepEqual(unitLabelParties(atMaker), { from: maker.account, to: null }, "never shipped on its own");
  });
});
