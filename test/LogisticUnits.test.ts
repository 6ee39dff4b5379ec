/**
 * LogisticUnits: cases and pallets packed, shipped through the ledger with ref = SSCC, received, opened and
 * taken over, with every refusal and the contents root checked against packages/codes' off-chain computation.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { encodeFunctionData, parseEventLogs, toHex, type Hex } from "viem";
import { processProof } from "@openzeppelin/merkle-tree/dist/core.js";
import {
  buildSscc,
  gs1CheckDigit,
  unitContentsProof,
  unitContentsRoot,
  unitLeaf,
  type UnitEntry,
} from "@tracemed/codes";
import {
  addr,
  deployWorld,
  expectRevert,
  gln,
  give,
  PERMIT,
  PREFIX,
  registerBatch,
  type Wallet,
  type World,
} from "./helpers/ledger.js";

const Status = { None: 0, Packed: 1, Opened: 2 } as const;
const ShipmentStatus = { None: 0, InTransit: 1, Received: 2 } as const;
const NO_RECEIPT = {
  batchId: `0x${"00".repeat(32)}` as Hex,
  from: "0x0000000000000000000000000000000000000000",
  quantity: 0n,
} as const;

let w: World;
/** GLN of the cast's n-th organisation (the regulator is 1, the maker 2, the distributor 4, the pharmacy 6). */
const GLN = { maker: 2, distributor: 4, pharmacy: 6 } as const;
let serial = 0;
/** A fresh SSCC under `who`'s GLN, as packages/codes' newSscc builds it. */
const ssccOf = (who: keyof typeof GLN): bigint => BigInt(buildSscc(String(gln(GLN[who])), ++serial));
/** A fresh SSCC under a company prefix (digits after the extension digit), the rest a serial. */
const ssccUnder = (prefix: string): bigint => {
  const body = `0${prefix}${String(++serial).padStart(16 - prefix.length, "0")}`;
  return BigInt(body + String(gs1CheckDigit(body)));
};
const ref = (sscc: bigint): Hex => toHex(sscc, { size: 32 });
const as = (x: Wallet) => ({ account: x.account });

before(async () => {
  w = await deployWorld();
});

/** Packs a case of `indices` of one batch for `by`; returns its SSCC and entries. */
async function packCase(
  by: Wallet,
  batchId: Hex,
  indices: number[],
  sscc = ssccOf(by === w.maker ? "maker" : "distributor"),
) {
  await w.units.write.pack([sscc, [{ batchId, indices }], []], as(by));
  const entries: UnitEntry[] = indices.map((index) => ({ batchId, index }));
  return { sscc, entries };
}

/** Ships every batch inside a unit from `from` to `to` with ref = its SSCC; returns the receipts. */
async function shipUnit(from: Wallet, to: Wallet, sscc: bigint, lines: { batchId: Hex; quantity: bigint }[]) {
  for (const l of lines) await w.ledger.write.ship([l.batchId, addr(to), l.quantity, ref(sscc)], as(from));
  return lines.map((l) => ({ batchId: l.batchId, from: addr(from), quantity: l.quantity }));
}

async function receiveUnit(
  to: Wallet,
  sscc: bigint,
  receipts: { batchId: Hex; from: `0x${string}`; quantity: bigint }[],
) {
  for (const r of receipts)
    await w.ledger.write.confirmReceipt([r.batchId, r.from, r.quantity, ref(sscc), r.quantity], as(to));
}

describe("packing", () => {
  it("pack_commitsTheRootThatPackagesCodesComputes", async () => {
    const a = await registerBatch(w, w.maker, 50);
    const b = await registerBatch(w, w.maker, 50);
    const sscc = ssccOf("maker");
    const groups = [
      { batchId: a.batchId, indices: [0, 3, 7] },
      { batchId: b.batchId, indices: [49] },
    ];
    const hash = await w.units.write.pack([sscc, groups, []], as(w.maker));
    const entries: UnitEntry[] = groups.flatMap((g) => g.indices.map((index) => ({ batchId: g.batchId, index })));
    const root = unitContentsRoot(entries);
    const u = await w.units.read.unit([sscc]);
    assert.deepEqual(
      {
        organisation: u.organisation,
        holder: u.holder,
        root: u.contentsRoot,
        packs: u.packs,
        status: u.status,
        parent: u.parent,
      },
      { organisation: addr(w.maker), holder: addr(w.maker), root, packs: 4, status: Status.Packed, parent: 0n },
    );
    const [event] = parseEventLogs({
      abi: w.units.abi,
      logs: (await w.client.waitForTransactionReceipt({ hash })).logs,
      eventName: "UnitPacked",
    });
    assert.equal(event?.args.sscc, sscc);
    assert.equal(event?.args.contentsRoot, root);
    assert.deepEqual(
      event?.args.groups.map((g) => ({ batchId: g.batchId, indices: [...g.indices] })),
      groups,
    );
    assert.equal(event?.args.by, addr(w.maker));
  });

  it("pack_ofHundredsOfPacksCommitsTheSameRootAsPackagesCodes", async () => {
    const a = await registerBatch(w, w.maker, 400);
    const b = await registerBatch(w, w.maker, 400);
    // Every third pack of one batch and every fifth of the other: 134 + 80 leaves in hash order, not index order.
    const groups = [
      { batchId: a.batchId, indices: Array.from({ length: 134 }, (_, i) => 3 * i) },
      { batchId: b.batchId, indices: Array.from({ length: 80 }, (_, i) => 5 * i) },
    ];
    const sscc = ssccOf("maker");
    await w.units.write.pack([sscc, groups, []], as(w.maker));
    const entries = groups.flatMap((g) => g.indices.map((index) => ({ batchId: g.batchId, index })));
    const u = await w.units.read.unit([sscc]);
    assert.equal(u.contentsRoot, unitContentsRoot(entries));
    assert.equal(u.packs, 214);
  });

  it("proof_ofOnePackVerifiesAgainstTheCommittedRoot", async () => {
    const a = await registerBatch(w, w.maker, 20);
    const indices = [1, 2, 3, 5, 8, 13];
    const { sscc, entries } = await packCase(w.maker, a.batchId, indices);
    const root = (await w.units.read.unit([sscc])).contentsRoot;
    const inside = { batchId: a.batchId, index: 8 };
    assert.equal(processProof(unitLeaf(inside), unitContentsProof(entries, inside)), root);
    // The same proof does not show a pack that is not inside.
    assert.notEqual(processProof(unitLeaf({ batchId: a.batchId, index: 9 }), unitContentsProof(entries, inside)), root);
  });

  it("pallet_holdsItsCasesWhichCannotBePackedTwice", async () => {
    const a = await registerBatch(w, w.maker, 30);
    const c1 = await packCase(w.maker, a.batchId, [0, 1, 2]);
    const c2 = await packCase(w.maker, a.batchId, [3, 4]);
    const pallet = ssccOf("maker");
    await w.units.write.pack([pallet, [], [c1.sscc, c2.sscc]], as(w.maker));
    const root1 = (await w.units.read.unit([c1.sscc])).contentsRoot;
    const root2 = (await w.units.read.unit([c2.sscc])).contentsRoot;
    const p = await w.units.read.unit([pallet]);
    assert.equal(p.packs, 5);
    assert.equal(
      p.contentsRoot,
      unitContentsRoot([
        { sscc: c1.sscc.toString().padStart(18, "0"), contentsRoot: root1 },
        { sscc: c2.sscc.toString().padStart(18, "0"), contentsRoot: root2 },
      ]),
    );
    assert.equal((await w.units.read.unit([c1.sscc])).parent, pallet);
    await expectRevert(w.units.write.pack([ssccOf("maker"), [], [c1.sscc]], as(w.maker)), "UnitHasParent", [
      c1.sscc,
      pallet,
    ]);
    // A case inside a sealed pallet cannot be opened on its own.
    await expectRevert(w.units.write.unpack([c2.sscc, NO_RECEIPT], as(w.maker)), "UnitHasParent", [c2.sscc, pallet]);
  });

  it("multicall_packsTwoCasesAndTheirPalletInOneTransaction", async () => {
    const a = await registerBatch(w, w.maker, 10);
    const [s1, s2, p] = [ssccOf("maker"), ssccOf("maker"), ssccOf("maker")];
    const call = (functionName: "pack", args: readonly [bigint, { batchId: Hex; indices: number[] }[], bigint[]]) =>
      encodeFunctionData({ abi: w.units.abi, functionName, args });
    const hash = await w.units.write.multicall(
      [
        [
          call("pack", [s1, [{ batchId: a.batchId, indices: [0, 1] }], []]),
          call("pack", [s2, [{ batchId: a.batchId, indices: [2] }], []]),
          call("pack", [p, [], [s1, s2]]),
        ],
      ],
      as(w.maker),
    );
    const logs = parseEventLogs({ abi: w.units.abi, logs: (await w.client.waitForTransactionReceipt({ hash })).logs });
    assert.deepEqual(
      logs.map((l) => l.eventName),
      ["UnitPacked", "UnitPacked", "UnitPacked"],
    );
    assert.equal((await w.units.read.unit([p])).packs, 3);
  });

  it("pack_acceptsAnSsccUnderTheOrganisationsCompanyPrefix", async () => {
    const a = await registerBatch(w, w.maker, 5);
    // "5" after the prefix: the digits after the extension digit are not the maker's GLN's first nine.
    const sscc = ssccUnder(`${PREFIX.maker}5`);
    await w.units.write.pack([sscc, [{ batchId: a.batchId, indices: [0] }], []], as(w.maker));
    assert.equal((await w.units.read.unit([sscc])).status, Status.Packed);
  });
});

describe("refusals", () => {
  it("pack_refusesAnotherCompanysSsccAndABadCheckDigit", async () => {
    const a = await registerBatch(w, w.maker, 5);
    await give(w, a.batchId, w.maker, w.distributor, 5n);
    const group = [{ batchId: a.batchId, indices: [0] }];
    // The distributor squats on the maker's company prefix (nine digits that are not its GLN's).
    const squatted = ssccUnder(`${PREFIX.maker}5`);
    await expectRevert(w.units.write.pack([squatted, group, []], as(w.distributor)), "UnitForeignSscc", [
      squatted,
      addr(w.distributor),
    ]);
    const bad = ssccOf("distributor") + 1n; // the check digit no longer fits (or the number rolls over)
    await expectRevert(w.units.write.pack([bad, group, []], as(w.distributor)), "UnitInvalidSscc", [bad]);
    await expectRevert(w.units.write.pack([10n ** 18n + 7n, group, []], as(w.distributor)), "UnitInvalidSscc", [
      10n ** 18n + 7n,
    ]);
  });

  it("pack_refusesAReusedSsccAnEmptyUnitAndTooManyLeaves", async () => {
    const a = await registerBatch(w, w.maker, 3000);
    const { sscc } = await packCase(w.maker, a.batchId, [0]);
    await expectRevert(
      w.units.write.pack([sscc, [{ batchId: a.batchId, indices: [1] }], []], as(w.maker)),
      "UnitExists",
      [sscc],
    );
    await expectRevert(
      w.units.write.pack([ssccOf("maker"), [{ batchId: a.batchId, indices: [] }], []], as(w.maker)),
      "UnitEmpty",
      [],
    );
    const indices = Array.from({ length: 2001 }, (_, i) => i);
    await expectRevert(
      w.units.write.pack([ssccOf("maker"), [{ batchId: a.batchId, indices }], []], as(w.maker)),
      "UnitTooLarge",
      [2001n, 2000n],
    );
  });

  it("pack_refusesPacksOutOfRangeUnorderedRepeatedOrNotHeld", async () => {
    const a = await registerBatch(w, w.maker, 10);
    const s = () => ssccOf("maker");
    await expectRevert(
      w.units.write.pack([s(), [{ batchId: a.batchId, indices: [2, 10] }], []], as(w.maker)),
      "UnitPackOutOfRange",
      [a.batchId, 10n, 10],
    );
    await expectRevert(
      w.units.write.pack([s(), [{ batchId: a.batchId, indices: [4, 4] }], []], as(w.maker)),
      "UnitPacksUnordered",
      [a.batchId, 4n],
    );
    await expectRevert(
      w.units.write.pack(
        [
          s(),
          [
            { batchId: a.batchId, indices: [1] },
            { batchId: a.batchId, indices: [2] },
          ],
          [],
        ],
        as(w.maker),
      ),
      "UnitDuplicateBatch",
      [a.batchId],
    );
    await give(w, a.batchId, w.maker, w.distributor, 2n);
    await expectRevert(
      w.units.write.pack([ssccOf("distributor"), [{ batchId: a.batchId, indices: [0, 1, 2] }], []], as(w.distributor)),
      "UnitStockShort",
      [a.batchId, addr(w.distributor), 2n, 3n],
    );
  });

  it("pack_refusesStrangersMembersWithoutShipAndOrganisationsWithoutACustodyRole", async () => {
    const a = await registerBatch(w, w.maker, 3);
    const group = [{ batchId: a.batchId, indices: [0] }];
    await expectRevert(w.units.write.pack([ssccOf("maker"), group, []], as(w.stranger)), "UnitNotMember", [
      addr(w.stranger),
    ]);
    const [clerk, verifierShipper] = w.spare;
    await w.ledger.write.addMember([addr(clerk!), PERMIT.REGISTER], as(w.maker));
    await expectRevert(w.units.write.pack([ssccOf("maker"), group, []], as(clerk!)), "UnitMissingPermission", [
      addr(clerk!),
      PERMIT.REGISTER,
    ]);
    await w.ledger.write.addMember([addr(verifierShipper!), PERMIT.SHIP], as(w.verifier));
    await expectRevert(w.units.write.pack([ssccOf("maker"), group, []], as(verifierShipper!)), "UnitMissingRole", [
      addr(w.verifier),
      16,
    ]);
  });

  it("pack_refusesASuspendedOrganisation", async () => {
    const a = await registerBatch(w, w.maker, 3);
    await give(w, a.batchId, w.maker, w.pharmacy2, 3n);
    await w.ledger.write.suspend([addr(w.pharmacy2)], w.asCouncil);
    const sscc = BigInt(buildSscc(String(gln(7)), ++serial));
    await expectRevert(
      w.units.write.pack([sscc, [{ batchId: a.batchId, indices: [0] }], []], as(w.pharmacy2)),
      "UnitOrganisationSuspended",
      [addr(w.pharmacy2)],
    );
    await w.ledger.write.reinstate([addr(w.pharmacy2)], w.asCouncil);
  });

  it("unpackAndTakeOver_refuseUnknownOpenedUnheldUnitsAndUnreceivedShipments", async () => {
    const a = await registerBatch(w, w.maker, 6);
    const unknown = ssccOf("maker");
    await expectRevert(w.units.write.unpack([unknown, NO_RECEIPT], as(w.maker)), "UnitUnknown", [unknown]);
    const { sscc } = await packCase(w.maker, a.batchId, [0, 1]);
    await expectRevert(w.units.write.unpack([sscc, NO_RECEIPT], as(w.distributor)), "UnitNotHeld", [
      sscc,
      addr(w.maker),
      addr(w.distributor),
    ]);
    const receipts = await shipUnit(w.maker, w.distributor, sscc, [{ batchId: a.batchId, quantity: 2n }]);
    const id = await w.ledger.read.shipmentIdOf([a.batchId, addr(w.maker), addr(w.distributor), 2n, ref(sscc)]);
    // Shipped but not yet received: no proof.
    await expectRevert(w.units.write.takeOver([sscc, receipts[0]!], as(w.distributor)), "UnitReceiptNotReceived", [
      sscc,
      id,
      ShipmentStatus.InTransit,
    ]);
    await w.units.write.unpack([sscc, NO_RECEIPT], as(w.maker));
    await expectRevert(w.units.write.unpack([sscc, NO_RECEIPT], as(w.maker)), "UnitOpened", [sscc]);
  });
});

describe("custody of units", () => {
  it("pallet_shippedReceivedOpenedAndACaseSentOnToAPharmacy_conservesEveryBatch", async () => {
    const a = await registerBatch(w, w.maker, 40);
    const b = await registerBatch(w, w.maker, 40);
    const c1 = await packCase(w.maker, a.batchId, [0, 1, 2, 3]);
    const c2 = await packCase(w.maker, b.batchId, [0, 1, 2]);
    const pallet = ssccOf("maker");
    await w.units.write.pack([pallet, [{ batchId: a.batchId, indices: [10] }], [c1.sscc, c2.sscc]], as(w.maker));
    const total = async (batchId: Hex) => {
      let sum = 0n;
      for (const x of [w.maker, w.distributor, w.pharmacy])
        sum += (await w.ledger.read.holding([batchId, addr(x)])).held;
      return sum;
    };
    // One ship per batch inside the pallet, ref = its SSCC.
    const receipts = await shipUnit(w.maker, w.distributor, pallet, [
      { batchId: a.batchId, quantity: 5n },
      { batchId: b.batchId, quantity: 3n },
    ]);
    await receiveUnit(w.distributor, pallet, receipts);
    assert.equal(await total(a.batchId), 40n);
    assert.equal(await total(b.batchId), 40n);
    assert.equal((await w.ledger.read.holding([a.batchId, addr(w.distributor)])).held, 5n);

    // The distributor opens the pallet with its receipt: the cases are its own free units.
    await w.units.write.unpack([pallet, receipts[1]!], as(w.distributor));
    const opened = await w.units.read.unit([pallet]);
    assert.deepEqual([opened.status, opened.holder], [Status.Opened, addr(w.distributor)]);
    const case1 = await w.units.read.unit([c1.sscc]);
    assert.deepEqual([case1.status, case1.holder, case1.parent], [Status.Packed, addr(w.distributor), 0n]);

    // It sends case 1 on to the pharmacy, which opens it with its own receipt.
    const onward = await shipUnit(w.distributor, w.pharmacy, c1.sscc, [{ batchId: a.batchId, quantity: 4n }]);
    await receiveUnit(w.pharmacy, c1.sscc, onward);
    await w.units.write.unpack([c1.sscc, onward[0]!], as(w.pharmacy));
    assert.equal((await w.units.read.unit([c1.sscc])).holder, addr(w.pharmacy));
    assert.equal(await total(a.batchId), 40n);
    assert.equal((await w.ledger.read.holding([a.batchId, addr(w.pharmacy)])).held, 4n);

    // Case 2, still sealed, is repacked by the distributor onto a new pallet of its own.
    const repacked = ssccOf("distributor");
    await w.units.write.pack([repacked, [], [c2.sscc]], as(w.distributor));
    assert.equal((await w.units.read.unit([c2.sscc])).parent, repacked);
    assert.equal((await w.units.read.unit([repacked])).packs, 3);
  });

  it("takeOver_makesTheReceiverTheHolderOfASealedUnit", async () => {
    const a = await registerBatch(w, w.maker, 8);
    const { sscc } = await packCase(w.maker, a.batchId, [0, 1, 2]);
    const receipts = await shipUnit(w.maker, w.distributor, sscc, [{ batchId: a.batchId, quantity: 3n }]);
    await receiveUnit(w.distributor, sscc, receipts);
    const hash = await w.units.write.takeOver([sscc, receipts[0]!], as(w.distributor));
    const [event] = parseEventLogs({
      abi: w.units.abi,
      logs: (await w.client.waitForTransactionReceipt({ hash })).logs,
      eventName: "UnitTakenOver",
    });
    assert.deepEqual([event?.args.sscc, event?.args.organisation], [sscc, addr(w.distributor)]);
    const u = await w.units.read.unit([sscc]);
    assert.deepEqual([u.status, u.holder, u.organisation], [Status.Packed, addr(w.distributor), addr(w.maker)]);
    // The sender no longer holds it; the receiver packs it onto a pallet of its own.
    await expectRevert(w.units.write.unpack([sscc, NO_RECEIPT], as(w.maker)), "UnitNotHeld", [
      sscc,
      addr(w.distributor),
      addr(w.maker),
    ]);
    await w.units.write.pack([ssccOf("distributor"), [], [sscc]], as(w.distributor));
  });

  it("receipt_fromAnEarlierHolderCannotTakeTheUnitFromTheOrganisationHoldingItNow", async () => {
    const a = await registerBatch(w, w.maker, 8);
    const { sscc } = await packCase(w.maker, a.batchId, [0, 1, 2]);
    const first = await shipUnit(w.maker, w.distributor, sscc, [{ batchId: a.batchId, quantity: 3n }]);
    await receiveUnit(w.distributor, sscc, first);
    await w.units.write.takeOver([sscc, first[0]!], as(w.distributor));
    const onward = await shipUnit(w.distributor, w.pharmacy, sscc, [{ batchId: a.batchId, quantity: 3n }]);
    await receiveUnit(w.pharmacy, sscc, onward);
    await w.units.write.takeOver([sscc, onward[0]!], as(w.pharmacy));

    // The distributor's receipt from the maker is still a received shipment; the pharmacy holds the case now.
    for (const call of [w.units.write.takeOver, w.units.write.unpack])
      await expectRevert(call([sscc, first[0]!], as(w.distributor)), "UnitReceiptNotFromHolder", [
        sscc,
        addr(w.maker),
        addr(w.pharmacy),
      ]);
    const u = await w.units.read.unit([sscc]);
    assert.deepEqual([u.holder, u.status], [addr(w.pharmacy), Status.Packed]);
    // The pharmacy opens it.
    await w.units.write.unpack([sscc, NO_RECEIPT], as(w.pharmacy));
  });

  it("receipt_makesItsOrganisationTheHolderOnce_aRoundTripLeavesNoWayBack", async () => {
    const a = await registerBatch(w, w.maker, 8);
    const { sscc } = await packCase(w.maker, a.batchId, [0, 1]);
    const out = await shipUnit(w.maker, w.distributor, sscc, [{ batchId: a.batchId, quantity: 2n }]);
    await receiveUnit(w.distributor, sscc, out);
    await w.units.write.takeOver([sscc, out[0]!], as(w.distributor));
    // A return to the maker, which takes the case over again with the return's receipt.
    const back = await shipUnit(w.distributor, w.maker, sscc, [{ batchId: a.batchId, quantity: 2n }]);
    await receiveUnit(w.maker, sscc, back);
    await w.units.write.takeOver([sscc, back[0]!], as(w.maker));

    // The distributor's first receipt names the holder (the maker) again, but it was spent.
    const id = await w.ledger.read.shipmentIdOf([a.batchId, addr(w.maker), addr(w.distributor), 2n, ref(sscc)]);
    await expectRevert(w.units.write.takeOver([sscc, out[0]!], as(w.distributor)), "UnitReceiptSpent", [sscc, id]);
    assert.equal((await w.units.read.unit([sscc])).holder, addr(w.maker));
  });

  it("ledger_isTheUnitsLedger", async () => {
    assert.equal((await w.units.read.ledger()).toLowerCase(), w.deployment.address.toLowerCase());
    w.expectEveryErrorReached(/^Unit/, w.units.abi);
  });
});
