/**
 * CustodyLedger: custody hops, dispensing and consumer claims.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { parseEventLogs, type Hex } from "viem";
import { ROLE } from "../scripts/lib/hardhatLedger.js";
import {
  addr,
  CUSTODY,
  DAY,
  deployWorld,
  expectRevert,
  give,
  nextRef,
  registerBatch,
  type World,
} from "./helpers/ledger.js";

let w: World;
before(async () => {
  w = await deployWorld();
});

describe("custody hops", () => {
  /** ICustodyLedger.ShipmentStatus. */
  const ShipmentStatus = { None: 0, InTransit: 1, Received: 2, Voided: 3 } as const;

  it("shipAndReceive_recordAShortfallAsWrittenOffAtTheRecipient", async () => {
    const b = await registerBatch(w, w.maker, 100);
    const ref = nextRef();
    await w.ledger.write.ship([b.batchId, addr(w.distributor), 60n, ref], { account: w.maker.account });
    const id = await w.ledger.read.shipmentIdOf([b.batchId, addr(w.maker), addr(w.distributor), 60n, ref]);
    assert.equal(await w.ledger.read.shipmentStatus([id]), ShipmentStatus.InTransit);
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.maker)])).held, 40n);
    const hash = await w.ledger.write.confirmReceipt([b.batchId, addr(w.maker), 60n, ref, 57n], {
      account: w.distributor.account,
    });
    const [event] = parseEventLogs({
      abi: w.ledger.abi,
      logs: (await w.client.waitForTransactionReceipt({ hash })).logs,
      eventName: "ShipmentReceived",
    });
    assert.equal(event?.args.received, 57n);
    assert.equal(event?.args.shortfall, 3n);
    assert.equal(await w.ledger.read.shipmentStatus([id]), ShipmentStatus.Received);
    const h = await w.ledger.read.holding([b.batchId, addr(w.distributor)]);
    assert.deepEqual({ held: h.held, writtenOff: h.writtenOff }, { held: 57n, writtenOff: 3n });
    await expectRevert(
      w.ledger.write.confirmReceipt([b.batchId, addr(w.maker), 60n, ref, 57n], { account: w.distributor.account }),
      "CustodyShipmentNotInTransit",
      [id, ShipmentStatus.Received],
    );
  });

  it("ship_splitsABatchAcrossManyRecipients", async () => {
    const b = await registerBatch(w, w.maker, 50);
    await give(w, b.batchId, w.maker, w.distributor, 30n);
    await give(w, b.batchId, w.distributor, w.pharmacy, 10n);
    await give(w, b.batchId, w.distributor, w.pharmacy2, 15n);
    const held = async (x: typeof w.maker) => (await w.ledger.read.holding([b.batchId, addr(x)])).held;
    assert.deepEqual(
      [await held(w.maker), await held(w.distributor), await held(w.pharmacy), await held(w.pharmacy2)],
      [20n, 5n, 10n, 15n],
    );
  });

  it("cancelShipment_returnsStockAndClosesTheShipment", async () => {
    const b = await registerBatch(w, w.maker, 10);
    const ref = nextRef();
    await w.ledger.write.ship([b.batchId, addr(w.distributor), 4n, ref], { account: w.maker.account });
    await w.ledger.write.cancelShipment([b.batchId, addr(w.distributor), 4n, ref], { account: w.maker.account });
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.maker)])).held, 10n);
    const id = await w.ledger.read.shipmentIdOf([b.batchId, addr(w.maker), addr(w.distributor), 4n, ref]);
    assert.equal(await w.ledger.read.shipmentStatus([id]), ShipmentStatus.Voided);
    await expectRevert(
      w.ledger.write.confirmReceipt([b.batchId, addr(w.maker), 4n, ref, 4n], { account: w.distributor.account }),
      "CustodyShipmentNotInTransit",
      [id, ShipmentStatus.Voided],
    );
    // Only the sender can cancel: the same parameters from anyone else name no shipment.
    const ref2 = nextRef();
    await w.ledger.write.ship([b.batchId, addr(w.distributor), 1n, ref2], { account: w.maker.account });
    const wrongId = await w.ledger.read.shipmentIdOf([b.batchId, addr(w.distributor2), addr(w.distributor), 1n, ref2]);
    await expectRevert(
      w.ledger.write.cancelShipment([b.batchId, addr(w.distributor), 1n, ref2], { account: w.distributor2.account }),
      "CustodyShipmentNotInTransit",
      [wrongId, ShipmentStatus.None],
    );
  });

  it("ship_refusesBadHopsWithTheirReason", async () => {
    const b = await registerBatch(w, w.maker, 10);
    const as = { account: w.maker.account };
    await expectRevert(
      w.ledger.write.ship([b.batchId, addr(w.distributor), 0n, nextRef()], as),
      "CustodyZeroQuantity",
      [],
    );
    await expectRevert(w.ledger.write.ship([b.batchId, addr(w.maker), 1n, nextRef()], as), "CustodySelfShipment", [
      addr(w.maker),
    ]);
    await expectRevert(w.ledger.write.ship([b.batchId, addr(w.stranger), 1n, nextRef()], as), "OrgUnknown", [
      addr(w.stranger),
    ]);
    await expectRevert(w.ledger.write.ship([b.batchId, addr(w.verifier), 1n, nextRef()], as), "OrgMissingRole", [
      addr(w.verifier),
      ROLE.VERIFIER,
      CUSTODY,
    ]);
    await expectRevert(
      w.ledger.write.ship([b.batchId, addr(w.distributor), 11n, nextRef()], as),
      "CustodyInsufficientStock",
      [b.batchId, addr(w.maker), 10n, 11n],
    );
    const ref = nextRef();
    await w.ledger.write.ship([b.batchId, addr(w.distributor), 2n, ref], as);
    const id = await w.ledger.read.shipmentIdOf([b.batchId, addr(w.maker), addr(w.distributor), 2n, ref]);
    await expectRevert(w.ledger.write.ship([b.batchId, addr(w.distributor), 2n, ref], as), "CustodyShipmentExists", [
      id,
    ]);
    await expectRevert(
      w.ledger.write.confirmReceipt([b.batchId, addr(w.maker), 2n, ref, 3n], { account: w.distributor.account }),
      "CustodyReceivedExceedsShipped",
      [id, 2n, 3n],
    );
  });

  it("writeOff_movesStockToWrittenOffAndNeedsAReason", async () => {
    const b = await registerBatch(w, w.maker, 10);
    const as = { account: w.maker.account };
    await expectRevert(w.ledger.write.writeOff([b.batchId, 1n, ""], as), "CustodyInvalidReason", [0n]);
    await expectRevert(w.ledger.write.writeOff([b.batchId, 1n, "damaged\u0000"], as), "CustodyInvalidReasonCharacter", [
      7n,
      0,
    ]);
    await expectRevert(w.ledger.write.writeOff([b.batchId, 0n, "x"], as), "CustodyZeroQuantity", []);
    await expectRevert(w.ledger.write.writeOff([b.batchId, 11n, "x"], as), "CustodyInsufficientStock", [
      b.batchId,
      addr(w.maker),
      10n,
      11n,
    ]);
    await w.ledger.write.writeOff([b.batchId, 2n, "Crushed in warehouse"], as);
    const h = await w.ledger.read.holding([b.batchId, addr(w.maker)]);
    assert.deepEqual([h.held, h.writtenOff], [8n, 2n]);
  });
});

describe("dispensing", () => {
  it("dispense_decommissionsThePackOnceOnly", async () => {
    const b = await registerBatch(w, w.maker, 16);
    await give(w, b.batchId, w.maker, w.pharmacy, 5n);
    await give(w, b.batchId, w.maker, w.pharmacy2, 5n);
    const hash = await w.ledger.write.dispense([b.batchId, ...b.packs.single(3)], { account: w.pharmacy.account });
    const [event] = parseEventLogs({
      abi: w.ledger.abi,
      logs: (await w.client.waitForTransactionReceipt({ hash })).logs,
      eventName: "PacksDispensed",
    });
    assert.deepEqual(event?.args.indices, [3n]);
    assert.equal(await w.ledger.read.isDispensed([b.batchId, 3n]), true);
    assert.equal(await w.ledger.read.isDispensed([b.batchId, 4n]), false);
    const h = await w.ledger.read.holding([b.batchId, addr(w.pharmacy)]);
    assert.deepEqual([h.held, h.dispensed], [4n, 1n]);
    // EU FMD A7: already decommissioned, wherever the second scan happens.
    await expectRevert(
      w.ledger.write.dispense([b.batchId, ...b.packs.single(3)], { account: w.pharmacy2.account }),
      "PackAlreadyDispensed",
      [b.batchId, 3n],
    );
  });

  it("dispense_refusesPacksThatAreNotInTheBatch", async () => {
    const b = await registerBatch(w, w.maker, 16);
    await give(w, b.batchId, w.maker, w.pharmacy, 5n);
    const as = { account: w.pharmacy.account };
    const [index, , proof] = b.packs.single(2);
    await expectRevert(
      w.ledger.write.dispense([b.batchId, index, b.packs.commitments[5]!, proof], as),
      "PackInvalidProof",
      [b.batchId, 2n],
    );
    // A proof for pack 2 does not prove pack 7 (the index is inside the leaf).
    await expectRevert(
      w.ledger.write.dispense([b.batchId, 7n, b.packs.commitments[2]!, proof], as),
      "PackInvalidProof",
      [b.batchId, 7n],
    );
    await expectRevert(
      w.ledger.write.dispense([b.batchId, 16n, b.packs.commitments[2]!, proof], as),
      "PackIndexOutOfRange",
      [b.batchId, 16n, 16],
    );
  });

  it("dispense_needsStockAtThePharmacyAndAnUnexpiredBatch", async () => {
    const b = await registerBatch(w, w.maker, 8, 2n * DAY);
    await expectRevert(
      w.ledger.write.dispense([b.batchId, ...b.packs.single(0)], { account: w.pharmacy2.account }),
      "CustodyInsufficientStock",
      [b.batchId, addr(w.pharmacy2), 0n, 1n],
    );
    await give(w, b.batchId, w.maker, w.pharmacy2, 2n);
    await w.networkHelpers.time.increase(3n * DAY);
    await expectRevert(
      w.ledger.write.dispense([b.batchId, ...b.packs.single(0)], { account: w.pharmacy2.account }),
      "BatchExpired",
      [b.batchId, b.expiresAt],
    );
  });

  it("dispenseMany_settlesAQueueInOneCallWithAMultiproof", async () => {
    const b = await registerBatch(w, w.maker, 300);
    await give(w, b.batchId, w.maker, w.pharmacy, 300n);
    const as = { account: w.pharmacy.account };
    const queue = [5, 17, 18, 250, 299];
    const [indices, commitments, proof, flags] = b.packs.many(queue);
    await w.ledger.write.dispenseMany([b.batchId, indices, commitments, proof, flags], as);
    for (const i of queue) assert.equal(await w.ledger.read.isDispensed([b.batchId, BigInt(i)]), true);
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.pharmacy)])).dispensed, 5n);
    // One pack of the next queue was dispensed before: the whole call is refused and names it.
    const again = b.packs.many([1, 17]);
    await expectRevert(w.ledger.write.dispenseMany([b.batchId, ...again], as), "PackAlreadyDispensed", [
      b.batchId,
      17n,
    ]);
    assert.equal(await w.ledger.read.isDispensed([b.batchId, 1n]), false);
    const [i2, c2, p2, f2] = b.packs.many([1, 2]);
    await expectRevert(
      w.ledger.write.dispenseMany([b.batchId, i2, [c2[1]!, c2[0]!], p2, f2], as),
      "PackInvalidMultiProof",
      [b.batchId],
    );
    await expectRevert(w.ledger.write.dispenseMany([b.batchId, [], [], [], []], as), "PackListMismatch", [0n, 0n]);
    await expectRevert(w.ledger.write.dispenseMany([b.batchId, i2, [c2[0]!], p2, f2], as), "PackListMismatch", [
      2n,
      1n,
    ]);
  });

  it("undoDispense_onlyBySamePharmacyWithinTheWindow", async () => {
    const b = await registerBatch(w, w.maker, 16);
    await give(w, b.batchId, w.maker, w.pharmacy, 5n);
    await give(w, b.batchId, w.maker, w.pharmacy2, 5n);
    await w.ledger.write.dispense([b.batchId, ...b.packs.single(1)], { account: w.pharmacy.account });
    await w.ledger.write.dispense([b.batchId, ...b.packs.single(2)], { account: w.pharmacy.account });
    const day = Number(BigInt(await w.networkHelpers.time.latest()) / DAY);
    await expectRevert(
      w.ledger.write.undoDispense([b.batchId, day, [1n]], { account: w.pharmacy2.account }),
      "PackNotDispensedByCaller",
      [b.batchId, 1n, addr(w.pharmacy2), day],
    );
    await w.ledger.write.undoDispense([b.batchId, day, [1n]], { account: w.pharmacy.account });
    assert.equal(await w.ledger.read.isDispensed([b.batchId, 1n]), false);
    const h = await w.ledger.read.holding([b.batchId, addr(w.pharmacy)]);
    assert.deepEqual([h.held, h.dispensed], [4n, 1n]);
    await expectRevert(
      w.ledger.write.undoDispense([b.batchId, day, [1n]], { account: w.pharmacy.account }),
      "PackNotDispensedByCaller",
      [b.batchId, 1n, addr(w.pharmacy), day],
    );
    // The undone pack can be dispensed again, by anyone holding stock.
    await w.ledger.write.dispense([b.batchId, ...b.packs.single(1)], { account: w.pharmacy2.account });
    await w.networkHelpers.time.increase(11n * DAY);
    const today = Number(BigInt(await w.networkHelpers.time.latest()) / DAY);
    await expectRevert(
      w.ledger.write.undoDispense([b.batchId, day, [2n]], { account: w.pharmacy.account }),
      "PackUndoWindowClosed",
      [b.batchId, day, today],
    );
  });
});

describe("consumer claims", () => {
  it("claim_recordsTheFirstVerificationAndRejectsTheSecondWithoutLosingIt", async () => {
    const b = await registerBatch(w, w.maker, 16);
    const as = { account: w.verifier.account };
    await w.ledger.write.claim([b.batchId, ...b.packs.single(9)], as);
    assert.equal(await w.ledger.read.isClaimed([b.batchId, 9n]), true);
    await expectRevert(w.ledger.write.claim([b.batchId, ...b.packs.single(9)], as), "PackAlreadyClaimed", [
      b.batchId,
      9n,
    ]);
    assert.equal(await w.ledger.read.isClaimed([b.batchId, 9n]), true);
    const [indices, commitments, proof, flags] = b.packs.many([3, 9]);
    await expectRevert(
      w.ledger.write.claimMany([b.batchId, indices, commitments, proof, flags], as),
      "PackAlreadyClaimed",
      [b.batchId, 9n],
    );
    assert.equal(await w.ledger.read.isClaimed([b.batchId, 3n]), false);
    assert.equal(await w.ledger.read.isClaimed([b.batchId, 9n]), true);
  });

  it("claimMany_acrossBatchesInOneTransactionThroughMulticall", async () => {
    const a = await registerBatch(w, w.maker, 8);
    const c = await registerBatch(w, w.maker2, 8);
    await w.ledger.write.recall([c.batchId, "Claims still count on recalled batches"], { account: w.maker2.account });
    const { encodeFunctionData } = await import("viem");
    const calls = [
      encodeFunctionData({
        abi: w.ledger.abi,
        functionName: "claimMany",
        args: [a.batchId, ...a.packs.many([0, 1, 2])],
      }),
      encodeFunctionData({ abi: w.ledger.abi, functionName: "claim", args: [c.batchId, ...c.packs.single(7)] }),
    ];
    await w.ledger.write.multicall([calls], { account: w.verifier.account });
    for (const i of [0n, 1n, 2n]) assert.equal(await w.ledger.read.isClaimed([a.batchId, i]), true);
    assert.equal(await w.ledger.read.isClaimed([c.batchId, 7n]), true);
    const unknown: Hex = `0x${"cd".repeat(32)}`;
    await expectRevert(
      w.ledger.write.claim([unknown, ...a.packs.single(0)], { account: w.verifier.account }),
      "BatchUnknown",
      [unknown],
    );
  });
});

describe("error coverage", () => {
  it("everyCustomErrorIsReachedWithItsArgumentsChecked", async () => {
    // Its own errors, and the registry's BatchExpired, which only dispensing raises.
    w.expectEveryErrorReached(/^(Custody|Pack|BatchExpired$)/);
  });
});
