/**
 * CustodyLedger: custody hops (receipts, refusals, contested cancellations), dispensing and consumer claims.
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
  makePacks,
  nextRef,
  registerBatch,
  type World,
} from "./helpers/ledger.js";

const HOUR = 3600;
/** ICustodyLedger.ShipmentStatus. */
const ShipmentStatus = { None: 0, InTransit: 1, Received: 2, Voided: 3, Refused: 4, CancelRequested: 5 } as const;

let w: World;
before(async () => {
  w = await deployWorld();
});

describe("custody hops", () => {
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

  it("cancelShipment_isARequestThatCompletesOnlyAfter48HoursUncontested", async () => {
    const b = await registerBatch(w, w.maker, 10);
    const ref = nextRef();
    const maker = { account: w.maker.account };
    await w.ledger.write.ship([b.batchId, addr(w.distributor), 4n, ref], maker);
    const id = await w.ledger.read.shipmentIdOf([b.batchId, addr(w.maker), addr(w.distributor), 4n, ref]);
    await expectRevert(
      w.ledger.write.completeCancellation([b.batchId, addr(w.distributor), 4n, ref], maker),
      "CustodyCancelNotRequested",
      [id, ShipmentStatus.InTransit],
    );
    const hash = await w.ledger.write.cancelShipment([b.batchId, addr(w.distributor), 4n, ref], maker);
    const receipt = await w.client.waitForTransactionReceipt({ hash });
    const [requested] = parseEventLogs({ abi: w.ledger.abi, logs: receipt.logs, eventName: "ShipmentCancelRequested" });
    assert.deepEqual(requested!.args, { shipmentId: id, batchId: b.batchId, from: addr(w.maker), by: addr(w.maker) });
    const requestedAt = (await w.client.getBlock({ blockNumber: receipt.blockNumber })).timestamp;
    // Nothing moves on a request: the goods are still on the road.
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.maker)])).held, 6n);
    assert.equal(await w.ledger.read.shipmentStatus([id]), ShipmentStatus.CancelRequested);
    await expectRevert(
      w.ledger.write.cancelShipment([b.batchId, addr(w.distributor), 4n, ref], maker),
      "CustodyShipmentNotInTransit",
      [id, ShipmentStatus.CancelRequested],
    );
    await expectRevert(
      w.ledger.write.completeCancellation([b.batchId, addr(w.distributor), 4n, ref], maker),
      "CustodyCancelNoticeRunning",
      [id, requestedAt + 48n * 3600n],
    );
    await w.networkHelpers.time.increaseTo(requestedAt + 48n * 3600n);
    await w.ledger.write.completeCancellation([b.batchId, addr(w.distributor), 4n, ref], maker);
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.maker)])).held, 10n);
    assert.equal(await w.ledger.read.shipmentStatus([id]), ShipmentStatus.Voided);
    await expectRevert(
      w.ledger.write.confirmReceipt([b.batchId, addr(w.maker), 4n, ref, 4n], { account: w.distributor.account }),
      "CustodyShipmentNotInTransit",
      [id, ShipmentStatus.Voided],
    );
    // Only the sender can cancel: the same parameters from anyone else name no shipment.
    const ref2 = nextRef();
    await w.ledger.write.ship([b.batchId, addr(w.distributor), 1n, ref2], maker);
    const wrongId = await w.ledger.read.shipmentIdOf([b.batchId, addr(w.distributor2), addr(w.distributor), 1n, ref2]);
    await expectRevert(
      w.ledger.write.cancelShipment([b.batchId, addr(w.distributor), 1n, ref2], { account: w.distributor2.account }),
      "CustodyShipmentNotInTransit",
      [wrongId, ShipmentStatus.None],
    );
  });

  it("cancelShipment_contestedByTheRecipientsReceipt_theSenderCanNoLongerComplete", async () => {
    const b = await registerBatch(w, w.maker, 10);
    const ref = nextRef();
    const maker = { account: w.maker.account };
    await w.ledger.write.ship([b.batchId, addr(w.distributor), 4n, ref], maker);
    // The goods were delivered; the sender asks to cancel anyway.
    await w.ledger.write.cancelShipment([b.batchId, addr(w.distributor), 4n, ref], maker);
    await w.networkHelpers.time.increase(47 * HOUR);
    await w.ledger.write.confirmReceipt([b.batchId, addr(w.maker), 4n, ref, 4n], { account: w.distributor.account });
    await w.networkHelpers.time.increase(2 * HOUR);
    const id = await w.ledger.read.shipmentIdOf([b.batchId, addr(w.maker), addr(w.distributor), 4n, ref]);
    await expectRevert(
      w.ledger.write.completeCancellation([b.batchId, addr(w.distributor), 4n, ref], maker),
      "CustodyCancelNotRequested",
      [id, ShipmentStatus.Received],
    );
    // The books agree with where the goods are.
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.maker)])).held, 6n);
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.distributor)])).held, 4n);
  });

  it("refuseShipment_unsolicitedGoodsGoBackToTheSenderAndNothingIsBookedToTheRecipient", async () => {
    const b = await registerBatch(w, w.maker, 30);
    const maker = { account: w.maker.account };
    const pharmacy = { account: w.pharmacy2.account };
    // 25 one-pack shipments the pharmacy never ordered.
    const refs: Hex[] = [];
    for (let i = 0; i < 25; i++) {
      const ref = nextRef();
      refs.push(ref);
      await w.ledger.write.ship([b.batchId, addr(w.pharmacy2), 1n, ref], maker);
    }
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.maker)])).held, 5n);
    for (const ref of refs) await w.ledger.write.refuseShipment([b.batchId, addr(w.maker), 1n, ref], pharmacy);
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.maker)])).held, 30n);
    assert.deepEqual(await w.ledger.read.holding([b.batchId, addr(w.pharmacy2)]), {
      held: 0n,
      dispensed: 0n,
      writtenOff: 0n,
    });
    const id = await w.ledger.read.shipmentIdOf([b.batchId, addr(w.maker), addr(w.pharmacy2), 1n, refs[0]!]);
    assert.equal(await w.ledger.read.shipmentStatus([id]), ShipmentStatus.Refused);
    await expectRevert(
      w.ledger.write.confirmReceipt([b.batchId, addr(w.maker), 1n, refs[0]!, 1n], pharmacy),
      "CustodyShipmentNotInTransit",
      [id, ShipmentStatus.Refused],
    );
    // A refusal accepts a requested cancellation at once, and is allowed whatever the batch's status.
    const ref = nextRef();
    await w.ledger.write.ship([b.batchId, addr(w.pharmacy2), 2n, ref], maker);
    await w.ledger.write.cancelShipment([b.batchId, addr(w.pharmacy2), 2n, ref], maker);
    await w.ledger.write.recall([b.batchId, "Sterility failure"], maker);
    const hash = await w.ledger.write.refuseShipment([b.batchId, addr(w.maker), 2n, ref], pharmacy);
    const [refused] = parseEventLogs({
      abi: w.ledger.abi,
      logs: (await w.client.waitForTransactionReceipt({ hash })).logs,
      eventName: "ShipmentRefused",
    });
    const id2 = await w.ledger.read.shipmentIdOf([b.batchId, addr(w.maker), addr(w.pharmacy2), 2n, ref]);
    assert.deepEqual(refused!.args, {
      shipmentId: id2,
      batchId: b.batchId,
      to: addr(w.pharmacy2),
      from: addr(w.maker),
      by: addr(w.pharmacy2),
    });
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.maker)])).held, 30n);
  });

  it("ship_ofExpiredStockOnlyBackToItsManufacturer_receiptRefusalAndWriteOffStillAllowed", async () => {
    const b = await registerBatch(w, w.maker, 10, 2n * DAY);
    await give(w, b.batchId, w.maker, w.distributor, 8n);
    const onTheRoad = nextRef();
    const toRefuse = nextRef();
    const distributor = { account: w.distributor.account };
    await w.ledger.write.ship([b.batchId, addr(w.pharmacy), 1n, onTheRoad], distributor);
    await w.ledger.write.ship([b.batchId, addr(w.pharmacy), 1n, toRefuse], distributor);
    await w.networkHelpers.time.increase(3n * DAY);
    await expectRevert(
      w.ledger.write.ship([b.batchId, addr(w.pharmacy2), 1n, nextRef()], distributor),
      "BatchExpired",
      [b.batchId, b.expiresAt],
    );
    await w.ledger.write.ship([b.batchId, addr(w.maker), 2n, nextRef()], distributor);
    const pharmacy = { account: w.pharmacy.account };
    await w.ledger.write.confirmReceipt([b.batchId, addr(w.distributor), 1n, onTheRoad, 1n], pharmacy);
    await w.ledger.write.refuseShipment([b.batchId, addr(w.distributor), 1n, toRefuse], pharmacy);
    await w.ledger.write.writeOff([b.batchId, 1n, "Expired"], pharmacy);
    assert.deepEqual(await w.ledger.read.holding([b.batchId, addr(w.distributor)]), {
      held: 5n,
      dispensed: 0n,
      writtenOff: 0n,
    });
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
    const hour = Math.floor((await w.networkHelpers.time.latest()) / HOUR);
    await expectRevert(
      w.ledger.write.undoDispense([b.batchId, hour, [1n]], { account: w.pharmacy2.account }),
      "PackNotDispensedByCaller",
      [b.batchId, 1n, addr(w.pharmacy2), hour],
    );
    await w.ledger.write.undoDispense([b.batchId, hour, [1n]], { account: w.pharmacy.account });
    assert.equal(await w.ledger.read.isDispensed([b.batchId, 1n]), false);
    const h = await w.ledger.read.holding([b.batchId, addr(w.pharmacy)]);
    assert.deepEqual([h.held, h.dispensed], [5n, 0n]);
    await expectRevert(
      w.ledger.write.undoDispense([b.batchId, hour, [1n]], { account: w.pharmacy.account }),
      "PackNotDispensedByCaller",
      [b.batchId, 1n, addr(w.pharmacy), hour],
    );
    // The undone pack can be dispensed again, by anyone holding stock.
    await w.ledger.write.dispense([b.batchId, ...b.packs.single(1)], { account: w.pharmacy2.account });
    await expectRevert(
      w.ledger.write.undoDispense([b.batchId, hour + 1, [1n]], { account: w.pharmacy2.account }),
      "PackUndoWindowClosed",
      [b.batchId, hour + 1, hour],
    );
  });

  it("undoDispense_exactly240HoursAfterTheHourOfDispensing_notOneSecondMore", async () => {
    const b = await registerBatch(w, w.maker, 16);
    await give(w, b.batchId, w.maker, w.pharmacy, 5n);
    const as = { account: w.pharmacy.account };
    // Both packs dispensed in the first seconds of one hour.
    const hour = Math.floor((await w.networkHelpers.time.latest()) / HOUR) + 1;
    await w.networkHelpers.time.setNextBlockTimestamp(hour * HOUR);
    await w.ledger.write.dispense([b.batchId, ...b.packs.single(3)], as);
    await w.ledger.write.dispense([b.batchId, ...b.packs.single(4)], as);
    await w.networkHelpers.time.setNextBlockTimestamp(hour * HOUR + 240 * HOUR);
    await w.ledger.write.undoDispense([b.batchId, hour, [3n]], as);
    await w.networkHelpers.time.setNextBlockTimestamp(hour * HOUR + 240 * HOUR + 1);
    await expectRevert(w.ledger.write.undoDispense([b.batchId, hour, [4n]], as), "PackUndoWindowClosed", [
      b.batchId,
      hour,
      hour + 240,
    ]);
    assert.equal(await w.ledger.read.isDispensed([b.batchId, 3n]), false);
    assert.equal(await w.ledger.read.isDispensed([b.batchId, 4n]), true);
  });

  it("undoDispense_afterARecall_thePackGoesBackToStockToBeWrittenOff", async () => {
    const b = await registerBatch(w, w.maker, 16);
    await give(w, b.batchId, w.maker, w.pharmacy, 3n);
    const as = { account: w.pharmacy.account };
    await w.ledger.write.dispense([b.batchId, ...b.packs.single(5)], as);
    const hour = Math.floor((await w.networkHelpers.time.latest()) / HOUR);
    await w.ledger.write.recall([b.batchId, "Contamination"], { account: w.maker.account });
    await w.ledger.write.undoDispense([b.batchId, hour, [5n]], as);
    await w.ledger.write.writeOff([b.batchId, 3n, "Destroyed after recall"], as);
    assert.deepEqual(await w.ledger.read.holding([b.batchId, addr(w.pharmacy)]), {
      held: 0n,
      dispensed: 0n,
      writtenOff: 3n,
    });
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

  it("claim_refusesAnIndexBeyondThePackCount_asClaimManyDoes", async () => {
    // A root over 16 leaves registered as an 8-pack batch: leaf 12 has a valid proof, but no pack 12 exists.
    const packs = makePacks(16);
    const later = Number((await w.networkHelpers.time.latest()) + 100_000);
    await w.ledger.write.registerBatch([w.gtinOf(w.maker), "OVERLONG", later, 8, packs.root], {
      account: w.maker.account,
    });
    const batchId = await w.ledger.read.batchIdOf([w.gtinOf(w.maker), "OVERLONG"]);
    const as = { account: w.verifier.account };
    await expectRevert(w.ledger.write.claim([batchId, ...packs.single(12)], as), "PackIndexOutOfRange", [
      batchId,
      12n,
      8,
    ]);
    await expectRevert(w.ledger.write.claimMany([batchId, ...packs.many([12])], as), "PackIndexOutOfRange", [
      batchId,
      12n,
      8,
    ]);
    assert.equal(await w.ledger.read.isClaimed([batchId, 12n]), false);
    await w.ledger.write.claim([batchId, ...packs.single(7)], as);
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
