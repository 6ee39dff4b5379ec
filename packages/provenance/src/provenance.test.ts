import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { DomainError, type DomainErrorCode } from "@tracemed/errors";
import { GTIN, useNetwork } from "./testing/fixture";
import { MEMBERS } from "@tracemed/indexer/testing";
import { batchProvenance, inTransit, packProvenance, type BatchProvenance, type CustodyNode } from "./provenance";
import { parseBatchId, readPackKey } from "./packKey";

const n = useNetwork();

/** Asserts that `run` fails with the domain error `code` and a sentence. */
async function rejectsWith(run: () => unknown, code: DomainErrorCode) {
  await assert.rejects(
    async () => run(),
    (e: unknown) => {
      assert.ok(e instanceof DomainError, `expected a DomainError, got ${String(e)}`);
      assert.equal(e.code, code, e.message);
      assert.ok(e.message.length > 10 && e.message.endsWith("."), `a sentence: ${e.message}`);
      return true;
    },
  );
}

const lower = (a: string) => a.toLowerCase();

describe("batchProvenance", () => {
  let p: BatchProvenance;
  before(async () => {
    p = await batchProvenance(n.w.db, n.L1);
  });

  it("describesTheBatch_withManufacturerAndProductMasterData", () => {
    const { maker } = n.w.orgs;
    assert.equal(p.batch.id, n.L1);
    assert.equal(p.batch.gtin, GTIN);
    assert.equal(p.batch.lot, "L1");
    assert.equal(p.batch.packCount, 4);
    assert.equal(p.batch.status, "active");
    assert.equal(p.batch.statusReason, null);
    assert.equal(p.batch.expired, false);
    assert.match(p.batch.expiry, /^[0-9]{6}$/);
    assert.equal(p.batch.expiry, p.batch.expiresAt.slice(2, 10).replaceAll("-", ""));
    assert.deepEqual(p.batch.manufacturer, {
      account: lower(maker.address),
      name: maker.name,
      nameZh: null,
      gln: maker.gln,
      country: "CN",
    });
    assert.deepEqual(p.batch.product, {
      name: "Amoxicillin",
      strength: "500 mg",
      dosageForm: "capsule",
      packSize: "21 capsules",
    });
    assert.match(p.batch.registered.txHash, /^0x[0-9a-f]{64}$/);
    assert.ok(p.indexedThroughBlock !== null && p.indexedThroughBlock >= p.batch.registered.blockNumber);
  });

  it("listsEveryHopInChainOrder_withShortfallsVoidsAndTransactions", async () => {
    const { maker, distributor, pharmacy } = n.w.orgs;
    assert.deepEqual(
      p.hops.map((h) => [h.from.name, h.to.name, h.quantity, h.status, h.received, h.shortfall]),
      [
        [maker.name, distributor.name, 2, "received", 2, 0],
        [distributor.name, pharmacy.name, 2, "received", 1, 1],
        [maker.name, distributor.name, 1, "voided", null, null],
        [maker.name, pharmacy.name, 1, "refused", null, null],
      ],
    );
    for (const h of p.hops) {
      assert.equal(h.from.gln !== null && h.to.gln !== null, true);
      assert.ok(h.closed, "every hop of L1 is closed");
      assert.ok(Date.parse(h.closed.at) >= Date.parse(h.shipped.at));
      // The transaction hashes and blocks are the chain's own.
      for (const ref of [h.shipped, h.closed]) {
        const receipt = await n.w.client.getTransactionReceipt({ hash: ref.txHash as `0x${string}` });
        assert.equal(Number(receipt.blockNumber), ref.blockNumber);
        assert.equal(receipt.status, "success");
      }
    }
    assert.ok(p.hops[0]!.shipped.blockNumber < p.hops[1]!.shipped.blockNumber);
    // The pharmacy's receipt came after the cancelled hop was shipped and voided.
    assert.ok(p.hops[1]!.closed!.blockNumber > p.hops[2]!.closed!.blockNumber);
  });

  it("namesTheMemberWhoSignedEachStep_besideItsOrganisation", () => {
    const { maker, distributor, pharmacy } = n.w.orgs;
    const { makerClerk, pharmacyClerk } = MEMBERS;
    const refused = p.hops.find((h) => h.ref === n.refusedRef)!;
    assert.deepEqual(
      [refused.from.account, refused.shipped.signedBy, refused.to.account, refused.closed?.signedBy],
      [lower(maker.address), lower(makerClerk.address), lower(pharmacy.address), lower(pharmacyClerk.address)],
      "the clerks signed for their organisations",
    );
    // The lap's writes were signed by the organisations' founding admins.
    assert.deepEqual(
      [p.batch.registered.signedBy, p.hops[0]!.shipped.signedBy, p.hops[0]!.closed?.signedBy],
      [lower(maker.address), lower(maker.address), lower(distributor.address)],
    );
    assert.equal(p.hops[0]!.cancelRequested, null);
    assert.ok(p.hops[2]!.cancelRequested, "the voided hop's cancellation was requested first");
  });

  it("buildsTheCustodyTree_splitsUnderTheReceiptTheyCameFrom", () => {
    const { maker, distributor, pharmacy } = n.w.orgs;
    const shape = (node: CustodyNode): unknown => [node.to.name, node.status, node.children.map(shape)];
    assert.equal(p.custodyTree.holder.name, maker.name);
    assert.equal(p.custodyTree.registered, 4);
    assert.deepEqual(p.custodyTree.children.map(shape), [
      [distributor.name, "received", [[pharmacy.name, "received", []]]],
      [distributor.name, "voided", []],
      [pharmacy.name, "refused", []],
    ]);
  });

  it("conservesQuantities_andHoldingsMatchTheLedger", async () => {
    assert.deepEqual(p.totals, {
      registered: 4,
      held: 2,
      inTransit: 0,
      dispensed: 1,
      writtenOff: 1,
      conserved: true,
    });
    for (const h of p.holdings) {
      const onChain = await n.w.read.read.holding([n.L1, h.party.account as `0x${string}`]);
      assert.deepEqual(
        [h.held, h.dispensed, h.writtenOff],
        [Number(onChain.held), Number(onChain.dispensed), Number(onChain.writtenOff)],
        `${h.party.name}'s holding`,
      );
    }
    const pharmacy = p.holdings.find((h) => h.party.name === n.w.orgs.pharmacy.name);
    assert.deepEqual(pharmacy && [pharmacy.held, pharmacy.dispensed, pharmacy.writtenOff], [0, 1, 1]);
  });

  it("showsRecallWithReasonWhoAndWhen", async () => {
    const r = await batchProvenance(n.w.db, n.L2);
    const council = n.w.ledger.council;
    assert.equal(r.batch.status, "recalled");
    assert.equal(r.batch.statusReason, "Contamination found in retained samples");
    assert.deepEqual(
      r.statusEvents.map((e) => [e.kind, e.reason, e.by.account, e.signedBy]),
      [["recalled", "Contamination found in retained samples", lower(council), lower(council)]],
      "the council recalled it: it is both the acting party and the signer",
    );
    assert.match(r.statusEvents[0]!.txHash, /^0x[0-9a-f]{64}$/);
    assert.equal(r.statusEvents[0]!.at, r.batch.statusChangedAt);
  });

  it("showsQuarantineHistory_writeOffs_andStockInTransit", async () => {
    const r = await batchProvenance(n.w.db, n.L3);
    assert.equal(r.batch.status, "quarantined");
    assert.equal(r.batch.statusReason, "Under investigation");
    assert.deepEqual(
      r.statusEvents.map((e) => [e.kind, e.reason]),
      [
        ["quarantined", "Temperature excursion reported"],
        ["released", null],
        ["quarantined", "Under investigation"],
      ],
    );
    assert.deepEqual(
      r.writeOffs.map((x) => [x.party.name, x.quantity, x.reason]),
      [[n.w.orgs.maker.name, 1, "Damaged in the warehouse"]],
    );
    // The maker asked to cancel the last hop: until the distributor receives or refuses it, or the notice
    // runs out, its pack is still in transit.
    const open = r.hops.filter((h) => inTransit(h.status));
    assert.equal(open.length, 1);
    assert.equal(open[0]!.ref, n.inTransitRef);
    assert.equal(open[0]!.status, "cancel_requested");
    assert.equal(open[0]!.cancelRequested?.signedBy, lower(MEMBERS.makerClerk.address));
    assert.equal(open[0]!.closed, null);
    assert.deepEqual(r.totals, { registered: 4, held: 0, inTransit: 1, dispensed: 1, writtenOff: 2, conserved: true });
    const maker = r.holdings.find((h) => h.party.name === n.w.orgs.maker.name)!;
    assert.deepEqual([maker.held, maker.inTransitOut, maker.writtenOff], [0, 1, 1]);
    // The in-transit hop hangs under the manufacturer's own stock (it has received nothing).
    assert.equal(r.custodyTree.children.filter((c) => inTransit(c.status)).length, 1);
  });

  it("refusesUnknownAndMalformedBatchIds_with4xx", async () => {
    await rejectsWith(() => batchProvenance(n.w.db, `0x${"ab".repeat(32)}`), "BatchNotFound");
    for (const bad of [
      "",
      "0x",
      "L1",
      `0x${"g".repeat(64)}`,
      `0x${"a".repeat(63)}`,
      `${"a".repeat(64)}`,
      "0x' OR 1=1",
    ]) {
      await rejectsWith(() => batchProvenance(n.w.db, bad), "InvalidBatchId");
    }
    // Upper-case hex is the same id.
    const upper = `0x${n.L1.slice(2).toUpperCase()}`;
    assert.equal(parseBatchId(upper), n.L1);
    assert.equal((await batchProvenance(n.w.db, upper)).batch.lot, "L1");
  });
});

describe("packProvenance", () => {
  it("dispensedPack_hasItsDispenseEvent_andThePathToThePharmacy", async () => {
    const { maker, distributor, pharmacy } = n.w.orgs;
    const p = await packProvenance(n.w.db, n.L1, "L1-S0");
    assert.equal(p.pack.serial, "L1-S0");
    assert.equal(p.pack.leafIndex, 0);
    assert.equal(p.pack.claimed, null);
    assert.ok(p.pack.dispensed);
    assert.equal(p.pack.dispensed.by.name, pharmacy.name);
    assert.equal(p.pack.dispensed.by.gln, pharmacy.gln);
    const receipt = await n.w.client.getTransactionReceipt({ hash: p.pack.dispensed.txHash as `0x${string}` });
    assert.equal(Number(receipt.blockNumber), p.pack.dispensed.blockNumber);
    assert.deepEqual(
      p.events.map((e) => [e.kind, e.by.name]),
      [["dispensed", pharmacy.name]],
    );
    assert.deepEqual(
      p.pathToDispenser?.map((h) => [h.from.name, h.to.name]),
      [
        [maker.name, distributor.name],
        [distributor.name, pharmacy.name],
      ],
    );
    assert.equal(p.batch.batch.lot, "L1");
  });

  it("claimedPack_hasItsFirstConsumerVerification_andNoDispense", async () => {
    const p = await packProvenance(n.w.db, n.L1, "L1-S1");
    assert.ok(p.pack.claimed);
    assert.equal(p.pack.dispensed, null);
    assert.equal(p.pathToDispenser, null);
    assert.deepEqual(
      p.events.map((e) => [e.kind, e.by.name]),
      [["claimed", n.w.orgs.verifier.name]],
    );
    const row = await n.w.db.pack.findUnique({ where: { batchId_serial: { batchId: n.L1, serial: "L1-S1" } } });
    assert.equal(p.pack.claimed.txHash, row?.claimTx);
  });

  it("untouchedPack_hasNoEvents", async () => {
    const p = await packProvenance(n.w.db, n.L1, "L1-S2");
    assert.deepEqual([p.pack.claimed, p.pack.dispensed, p.events, p.pathToDispenser], [null, null, [], null]);
  });

  it("unknownPackOrBatch_is404_withASentence", async () => {
    await rejectsWith(() => packProvenance(n.w.db, n.L1, "NOPE"), "PackNotFound");
    // A serial of another lot is not a pack of this one.
    await rejectsWith(() => packProvenance(n.w.db, n.L1, "L2-S0"), "PackNotFound");
    await rejectsWith(() => packProvenance(n.w.db, `0x${"cd".repeat(32)}`, "L1-S0"), "BatchNotFound");
  });

  it("parsesPackKeysFromUrls_andRefusesBadOnesWith400", async () => {
    assert.deepEqual(readPackKey({ gtin: GTIN, lot: "L1", serial: "L1-S0" }), {
      gtin: GTIN,
      lot: "L1",
      serial: "L1-S0",
      batchId: n.L1,
    });
    // GTIN-13 is padded to GTIN-14: the same batch.
    assert.equal(readPackKey({ gtin: GTIN.slice(1), lot: "L1", serial: "x" }).batchId, n.L1);
    const cases: [Record<string, string>, DomainErrorCode, RegExp][] = [
      [{ gtin: "09521234543214" }, "InvalidGtin", /check digit is 4, expected 3/],
      [{ gtin: "0952123454321" }, "InvalidGtin", /check digit/],
      [{ gtin: "12345" }, "InvalidGtin", /digits/],
      [{ gtin: "0952123454321X" }, "InvalidGtin", /not a digit/],
      [{ lot: "L".repeat(21) }, "InvalidLot", /21 characters/],
      [{ lot: "" }, "InvalidLot", /0 characters/],
      [{ lot: "A B" }, "InvalidLot", /not a GS1 character/],
      [{ serial: "S".repeat(21) }, "InvalidSerial", /21 characters/],
      [{ serial: "é" }, "InvalidSerial", /not a GS1 character/],
    ];
    for (const [change, code, message] of cases) {
      await rejectsWith(() => readPackKey({ gtin: GTIN, lot: "L1", serial: "S", ...change }), code);
      assert.throws(() => readPackKey({ gtin: GTIN, lot: "L1", serial: "S", ...change }), message);
    }
  });
});
