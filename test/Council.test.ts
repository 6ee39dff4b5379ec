/**
 * The regulator council (OpenZeppelin AccessManager, COUNCIL_DELAY on every regulator's operations) and
 * what it protects: the audit's one-key takeover, suspensions, adding and removing regulators, recovering
 * an organisation that lost its admin, key rotation inside organisations, and upgrades that keep state.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { encodeFunctionData, getAddress, parseEventLogs, zeroAddress, type Address, type Hex } from "viem";
import { ADMIN_ROLE, COUNCIL_ROLE, councilLedgerCall } from "@tracemed/chain";
import {
  addr,
  CN,
  COUNCIL_DELAY,
  deployWorld,
  expectRevert,
  give,
  gln,
  nextRef,
  PERMIT,
  PREFIX,
  registerBatch,
  ROLE,
  type Wallet,
  type World,
} from "./helpers/ledger.js";

/** IBatchRegistry.BatchStatus. */
const BatchStatus = { Active: 1, Recalled: 3 } as const;

let w: World;
before(async () => {
  w = await deployWorld();
});

/** Asserts that the regulator's scheduled operation cannot run yet, waits the delay, and executes it. */
async function executeAfterTheDelay(target: Address, data: Hex) {
  const id = await w.council.read.hashOperation([addr(w.regulator), target, data]);
  const execute = () => w.council.write.execute([target, data], { account: w.regulator.account });
  await expectRevert(execute(), "AccessManagerNotReady", [id]);
  await w.networkHelpers.time.increase(COUNCIL_DELAY);
  return execute();
}

const managerCall = (functionName: "grantRole" | "revokeRole", args: readonly unknown[]): Hex =>
  encodeFunctionData({ abi: w.council.abi, functionName, args } as never);

describe("council", () => {
  it("takeover_byOneRegulatorKeyCannotCompleteWithoutTheDelay_andTheOtherRegulatorCancelsEveryStep", async () => {
    const a = w.regulator;
    const b = w.regulator2;
    const batch = await registerBatch(w, w.maker, 8);
    const puppet = w.spare[0]!;
    // The puppet joins at once (a regulator member onboards non-regulators), as a manufacturer.
    await w.ledger.write.onboard([addr(puppet), ROLE.MANUFACTURER, gln(60), CN, "Puppet Pharma"], {
      account: b.account,
    });
    const steps: [Address, Hex][] = [
      [w.council.address, managerCall("revokeRole", [COUNCIL_ROLE, addr(a)])],
      [w.council.address, managerCall("revokeRole", [ADMIN_ROLE, addr(a)])],
      [
        w.ledger.address,
        councilLedgerCall("updateOrganisation", [addr(w.maker), ROLE.DISTRIBUTOR, gln(2), CN, "Acme"]),
      ],
      [w.ledger.address, councilLedgerCall("setCompanyPrefixes", [addr(puppet), [PREFIX.maker]])],
      [w.ledger.address, councilLedgerCall("recall", [batch.batchId, "Counterfeit suspected"])],
    ];
    // B's key alone, straight at the ledger, in one multicall: refused at the first council step.
    await expectRevert(
      w.ledger.write.multicall([steps.filter(([t]) => t === w.ledger.address).map(([, d]) => d)], {
        account: b.account,
      }),
      "LedgerNotCouncil",
      [addr(b)],
    );
    // Through the council, in one AccessManager multicall: every step is only scheduled ...
    const schedule = (target: Address, data: Hex) =>
      encodeFunctionData({ abi: w.council.abi, functionName: "schedule", args: [target, data, 0] });
    await w.council.write.multicall([steps.map(([t, d]) => schedule(t, d))], { account: b.account });
    for (const [target, data] of steps) {
      const id = await w.council.read.hashOperation([addr(b), target, data]);
      assert.notEqual(await w.council.read.getSchedule([id]), 0, "scheduled");
      // ... and cannot be executed before the delay.
      await expectRevert(w.council.write.execute([target, data], { account: b.account }), "AccessManagerNotReady", [
        id,
      ]);
    }
    // A, another regulator, cancels every step during the delay.
    for (const [target, data] of steps) await w.council.write.cancel([addr(b), target, data], { account: a.account });
    await w.networkHelpers.time.increase(COUNCIL_DELAY + 1);
    for (const [target, data] of steps) {
      const id = await w.council.read.hashOperation([addr(b), target, data]);
      await expectRevert(w.council.write.execute([target, data], { account: b.account }), "AccessManagerNotScheduled", [
        id,
      ]);
    }
    // Nothing changed: A still sits on the council; the maker keeps its role, prefix and live batch.
    assert.deepEqual(await w.council.read.hasRole([COUNCIL_ROLE, addr(a)]), [true, COUNCIL_DELAY]);
    assert.deepEqual(await w.council.read.hasRole([ADMIN_ROLE, addr(a)]), [true, COUNCIL_DELAY]);
    assert.equal((await w.ledger.read.organisation([addr(w.maker)])).roles, ROLE.MANUFACTURER);
    assert.equal(await w.ledger.read.companyPrefixHolder([PREFIX.maker]), addr(w.maker));
    assert.equal((await w.ledger.read.batch([batch.batchId])).status, BatchStatus.Active);
    // And A can still suspend B's organisation through the council.
    await w.throughCouncil(a, "suspend", [addr(b)]);
    assert.equal((await w.ledger.read.organisation([addr(b)])).suspended, true);
    await w.throughCouncil(a, "reinstate", [addr(b)]);
  });

  it("suspend_scheduledByARegulatorExecutesOnlyAfterTheDelay", async () => {
    const data = await w.propose(w.regulator, "suspend", [addr(w.pharmacy2)]);
    const id = await w.council.read.hashOperation([addr(w.regulator), w.ledger.address, data]);
    const when = await w.council.read.getSchedule([id]);
    assert.equal(BigInt(when), BigInt(await w.networkHelpers.time.latest()) + BigInt(COUNCIL_DELAY));
    await expectRevert(
      w.ledger.write.suspend([addr(w.pharmacy2)], { account: w.regulator.account }),
      "LedgerNotCouncil",
      [addr(w.regulator)],
    );
    await w.networkHelpers.time.increaseTo(when - 2);
    await expectRevert(
      w.council.write.execute([w.ledger.address, data], { account: w.regulator.account }),
      "AccessManagerNotReady",
      [id],
    );
    assert.equal((await w.ledger.read.organisation([addr(w.pharmacy2)])).suspended, false);
    await w.networkHelpers.time.increaseTo(when);
    const hash = await w.council.write.execute([w.ledger.address, data], { account: w.regulator.account });
    const [log] = parseEventLogs({
      abi: w.ledger.abi,
      eventName: "OrganisationSuspended",
      logs: (await w.client.waitForTransactionReceipt({ hash })).logs,
    });
    assert.deepEqual(log!.args, { account: addr(w.pharmacy2), by: getAddress(w.council.address) });
    assert.equal((await w.ledger.read.organisation([addr(w.pharmacy2)])).suspended, true);
    await w.throughCouncil(w.regulator2, "reinstate", [addr(w.pharmacy2)]);
    assert.equal((await w.ledger.read.organisation([addr(w.pharmacy2)])).suspended, false);
  });

  it("addingAndRemovingARegulator_isItselfDelayed_andAnyRegulatorCanCancelIt", async () => {
    const newcomer = w.spare[1]!;
    // The grant delay set at deployment takes effect after OpenZeppelin's minimum setback (5 days).
    await w.networkHelpers.time.increase(5 * 86_400);
    assert.equal(await w.council.read.getRoleGrantDelay([COUNCIL_ROLE]), COUNCIL_DELAY);
    const grant = managerCall("grantRole", [COUNCIL_ROLE, addr(newcomer), COUNCIL_DELAY]);
    const id = await w.council.read.hashOperation([addr(w.regulator), w.council.address, grant]);
    // No regulator grants a role at once.
    await expectRevert(
      w.council.write.grantRole([COUNCIL_ROLE, addr(newcomer), COUNCIL_DELAY], { account: w.regulator.account }),
      "AccessManagerNotScheduled",
      [id],
    );
    await w.council.write.schedule([w.council.address, grant, 0], { account: w.regulator.account });
    await executeAfterTheDelay(w.council.address, grant);
    // A newly granted regulator waits the grant delay too before it can even propose.
    assert.deepEqual(await w.council.read.hasRole([COUNCIL_ROLE, addr(newcomer)]), [false, COUNCIL_DELAY]);
    await w.networkHelpers.time.increase(COUNCIL_DELAY);
    assert.deepEqual(await w.council.read.hasRole([COUNCIL_ROLE, addr(newcomer)]), [true, COUNCIL_DELAY]);
    // Removing a regulator: scheduled by one, cancelled by another during the delay.
    const revoke = managerCall("revokeRole", [COUNCIL_ROLE, addr(newcomer)]);
    await w.council.write.schedule([w.council.address, revoke, 0], { account: w.regulator.account });
    await w.council.write.cancel([addr(w.regulator), w.council.address, revoke], { account: w.regulator2.account });
    await w.networkHelpers.time.increase(COUNCIL_DELAY);
    const revokeId = await w.council.read.hashOperation([addr(w.regulator), w.council.address, revoke]);
    await expectRevert(
      w.council.write.execute([w.council.address, revoke], { account: w.regulator.account }),
      "AccessManagerNotScheduled",
      [revokeId],
    );
    // Uncontested, it goes through after the delay.
    await w.council.write.schedule([w.council.address, revoke, 0], { account: w.regulator.account });
    await w.networkHelpers.time.increase(COUNCIL_DELAY);
    await w.council.write.execute([w.council.address, revoke], { account: w.regulator.account });
    assert.deepEqual(await w.council.read.hasRole([COUNCIL_ROLE, addr(newcomer)]), [false, 0]);
    // The deployer renounced its bootstrap roles: no key acts alone.
    const [deployer] = await w.viem.getWalletClients();
    assert.deepEqual(await w.council.read.hasRole([ADMIN_ROLE, addr(deployer!)]), [false, 0]);
    assert.deepEqual(await w.council.read.hasRole([COUNCIL_ROLE, addr(deployer!)]), [false, 0]);
  });

  it("recoverOrganisation_ofAnOrganisationThatLostItsAdmin_needsTheCouncil", async () => {
    const lost = w.distributor2; // its only admin key is lost
    const rescuer = w.spare[2]!;
    await expectRevert(
      w.ledger.write.recoverOrganisation([addr(lost), addr(rescuer)], { account: w.regulator.account }),
      "LedgerNotCouncil",
      [addr(w.regulator)],
    );
    await w.throughCouncil(w.regulator, "recoverOrganisation", [addr(lost), addr(rescuer)]);
    assert.deepEqual(await w.ledger.read.member([addr(rescuer)]), {
      organisation: addr(lost),
      permissions: PERMIT.ADMIN,
      intentNonce: 0n,
    });
    // The new admin removes the lost key and runs the organisation.
    await w.ledger.write.removeMember([addr(lost)], { account: rescuer.account });
    await w.ledger.write.setMemberPermissions([addr(rescuer), PERMIT.ADMIN | PERMIT.SHIP], {
      account: rescuer.account,
    });
    const b = await registerBatch(w, w.maker, 4);
    const ref = nextRef();
    await w.ledger.write.ship([b.batchId, addr(lost), 2n, ref], { account: w.maker.account });
    await w.ledger.write.confirmReceipt([b.batchId, addr(w.maker), 2n, ref, 2n], { account: rescuer.account });
    assert.equal((await w.ledger.read.holding([b.batchId, addr(lost)])).held, 2n);
    // A member elsewhere cannot be made its admin (the ledger's answer to the council's call).
    await expectRevert(
      w.ledger.write.recoverOrganisation([addr(lost), addr(w.pharmacy)], w.asCouncil),
      "OrgAlreadyMember",
      [addr(w.pharmacy), addr(w.pharmacy)],
    );
  });
});

describe("key rotation", () => {
  it("aDistributorsStolenKeyIsRemoved_anotherMemberReceivesWhatWasInTransitAndShipsTheStock", async () => {
    const d = w.distributor;
    const deputy = w.spare[3]!;
    const clerk = w.spare[4]!;
    const b = await registerBatch(w, w.maker, 20);
    await give(w, b.batchId, w.maker, d, 6n);
    const inTransit = nextRef();
    await w.ledger.write.ship([b.batchId, addr(d), 4n, inTransit], { account: w.maker.account });
    await w.ledger.write.addMember([addr(deputy), PERMIT.ADMIN], { account: d.account });
    // The founding key is stolen: the deputy admin removes it; it can write nothing any more.
    await w.ledger.write.removeMember([addr(d)], { account: deputy.account });
    await expectRevert(
      w.ledger.write.ship([b.batchId, addr(w.stranger), 6n, nextRef()], { account: d.account }),
      "OrgNotMember",
      [addr(d)],
    );
    // A new clerk confirms the 4 packs in transit and ships the 6 in stock: the organisation lost nothing.
    await w.ledger.write.addMember([addr(clerk), PERMIT.SHIP], { account: deputy.account });
    await w.ledger.write.confirmReceipt([b.batchId, addr(w.maker), 4n, inTransit, 4n], { account: clerk.account });
    await w.ledger.write.ship([b.batchId, addr(w.pharmacy), 10n, nextRef()], { account: clerk.account });
    assert.deepEqual(await w.ledger.read.holding([b.batchId, addr(d)]), { held: 0n, dispensed: 0n, writtenOff: 0n });
  });

  it("aManufacturersNewMemberRecallsAnEarlierBatch", async () => {
    const earlier = await registerBatch(w, w.maker, 4);
    const newcomer = w.spare[5]!;
    await w.ledger.write.addMember([addr(newcomer), PERMIT.REGISTER], { account: w.maker.account });
    const hash = await w.ledger.write.recall([earlier.batchId, "Stability failure"], { account: newcomer.account });
    const [log] = parseEventLogs({
      abi: w.ledger.abi,
      eventName: "BatchRecalled",
      logs: (await w.client.waitForTransactionReceipt({ hash })).logs,
    });
    assert.deepEqual(log!.args, {
      batchId: earlier.batchId,
      organisation: addr(w.maker),
      by: addr(newcomer),
      reason: "Stability failure",
    });
  });

  it("aRemovedMembersEveryWriteReverts", async () => {
    const gone = w.spare[6]!;
    const org = w.allRoles;
    await w.ledger.write.addMember([addr(gone), 127], { account: org.account });
    const b = await registerBatch(w, org, 8);
    await w.ledger.write.removeMember([addr(gone)], { account: org.account });
    assert.deepEqual(await w.ledger.read.member([addr(gone)]), {
      organisation: zeroAddress,
      permissions: 0,
      intentNonce: 0n,
    });
    const as = { account: gone.account };
    const ref = nextRef();
    const refused: [string, () => Promise<unknown>][] = [
      ["ship", () => w.ledger.write.ship([b.batchId, addr(w.distributor), 1n, ref], as)],
      ["confirmReceipt", () => w.ledger.write.confirmReceipt([b.batchId, addr(w.maker), 1n, ref, 1n], as)],
      ["refuseShipment", () => w.ledger.write.refuseShipment([b.batchId, addr(w.maker), 1n, ref], as)],
      ["cancelShipment", () => w.ledger.write.cancelShipment([b.batchId, addr(w.distributor), 1n, ref], as)],
      [
        "completeCancellation",
        () => w.ledger.write.completeCancellation([b.batchId, addr(w.distributor), 1n, ref], as),
      ],
      ["writeOff", () => w.ledger.write.writeOff([b.batchId, 1n, "Stolen"], as)],
      ["dispense", () => w.ledger.write.dispense([b.batchId, ...b.packs.single(0)], as)],
      ["dispenseMany", () => w.ledger.write.dispenseMany([b.batchId, ...b.packs.many([0, 1])], as)],
      ["undoDispense", () => w.ledger.write.undoDispense([b.batchId, 1, [0n]], as)],
      ["claim", () => w.ledger.write.claim([b.batchId, ...b.packs.single(0)], as)],
      ["claimMany", () => w.ledger.write.claimMany([b.batchId, ...b.packs.many([0, 1])], as)],
      ["registerBatch", () => w.ledger.write.registerBatch([w.gtinOf(org), "GONE", 4e9, 1, b.packs.root], as)],
      ["quarantine", () => w.ledger.write.quarantine([b.batchId, "x"], as)],
      ["release", () => w.ledger.write.release([b.batchId], as)],
      ["addMember", () => w.ledger.write.addMember([addr(w.stranger), PERMIT.SHIP], as)],
      ["setMemberPermissions", () => w.ledger.write.setMemberPermissions([addr(org), 127], as)],
      ["removeMember", () => w.ledger.write.removeMember([addr(org)], as)],
    ];
    for (const [name, call] of refused) {
      await expectRevert(call(), "OrgNotMember", [addr(gone)]).catch((e: Error) => {
        throw new Error(`${name}: ${e.message}`);
      });
    }
    // Recall and onboarding answer a non-member as a would-be council.
    await expectRevert(w.ledger.write.recall([b.batchId, "x"], as), "LedgerNotCouncil", [addr(gone)]);
    await expectRevert(
      w.ledger.write.onboard([addr(w.stranger), ROLE.PHARMACY, gln(61), CN, "X"], as),
      "LedgerNotCouncil",
      [addr(gone)],
    );
  });
});

describe("upgrade", () => {
  it("upgrade_throughTheCouncilKeepsEveryOrganisationMemberBatchHoldingShipmentAndPackBit", async () => {
    // State of every kind: members, batches, holdings, shipments in each status, dispensed and claimed packs.
    const b = await registerBatch(w, w.maker, 16);
    await give(w, b.batchId, w.maker, w.pharmacy, 6n);
    await w.ledger.write.dispense([b.batchId, ...b.packs.single(2)], { account: w.pharmacy.account });
    await w.ledger.write.claim([b.batchId, ...b.packs.single(2)], { account: w.verifier.account });
    const [transit, refused, requested] = [nextRef(), nextRef(), nextRef()];
    for (const ref of [transit, refused, requested]) {
      await w.ledger.write.ship([b.batchId, addr(w.pharmacy2), 1n, ref], { account: w.maker.account });
    }
    await w.ledger.write.refuseShipment([b.batchId, addr(w.maker), 1n, refused], { account: w.pharmacy2.account });
    await w.ledger.write.cancelShipment([b.batchId, addr(w.pharmacy2), 1n, requested], { account: w.maker.account });
    const requestedAt = BigInt(await w.networkHelpers.time.latest());
    const orgs: Wallet[] = [
      w.regulator,
      w.regulator2,
      w.maker,
      w.maker2,
      w.distributor,
      w.pharmacy,
      w.pharmacy2,
      w.verifier,
    ];
    const members = [...orgs, ...w.spare];
    const shipmentIds = await Promise.all(
      [transit, refused, requested].map((ref) =>
        w.ledger.read.shipmentIdOf([b.batchId, addr(w.maker), addr(w.pharmacy2), 1n, ref]),
      ),
    );
    const snapshot = async () => ({
      organisations: await Promise.all(orgs.map((o) => w.ledger.read.organisation([addr(o)]))),
      names: await Promise.all(orgs.map((o) => w.ledger.read.organisationName([addr(o)]))),
      prefixes: await Promise.all(orgs.map((o) => w.ledger.read.companyPrefixes([addr(o)]))),
      members: await Promise.all(members.map((m) => w.ledger.read.member([addr(m)]))),
      batch: await w.ledger.read.batch([b.batchId]),
      root: await w.ledger.read.packsRoot([b.batchId]),
      holdings: await Promise.all(orgs.map((o) => w.ledger.read.holding([b.batchId, addr(o)]))),
      shipments: await Promise.all(shipmentIds.map((id) => w.ledger.read.shipmentStatus([id]))),
      dispensed: await Promise.all([...Array(16).keys()].map((i) => w.ledger.read.isDispensed([b.batchId, BigInt(i)]))),
      claimed: await Promise.all([...Array(16).keys()].map((i) => w.ledger.read.isClaimed([b.batchId, BigInt(i)]))),
      council: await w.ledger.read.council(),
    });
    const before = await snapshot();
    assert.deepEqual(
      before.dispensed.flatMap((d, i) => (d ? [i] : [])),
      [2],
    );

    const v2 = await w.viem.deployContract("CustodyLedgerV2");
    // One regulator's key, or anyone else, cannot upgrade.
    for (const wallet of [w.regulator, w.stranger, w.maker]) {
      await expectRevert(
        w.ledger.write.upgradeToAndCall([v2.address, "0x"], { account: wallet.account }),
        "LedgerNotCouncil",
        [addr(wallet)],
      );
    }
    const data = await w.propose(w.regulator, "upgradeToAndCall", [v2.address, "0x"]);
    await executeAfterTheDelay(w.ledger.address, data);

    // The proxy now runs V2 ...
    const slot = "0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc"; // ERC-1967 implementation
    const stored = await w.client.getStorageAt({ address: w.ledger.address, slot });
    assert.equal(getAddress(`0x${stored!.slice(-40)}`), getAddress(v2.address));
    const upgraded = await w.viem.getContractAt("CustodyLedgerV2", w.ledger.address);
    assert.equal(await upgraded.read.version(), 2n);
    // ... and reads exactly what it read before.
    assert.deepEqual(await snapshot(), before);
    // The cancellation's notice survived too; then the network carries on.
    await expectRevert(
      w.ledger.write.completeCancellation([b.batchId, addr(w.pharmacy2), 1n, requested], { account: w.maker.account }),
      "CustodyCancelNoticeRunning",
      [shipmentIds[2]!, requestedAt + 48n * 3600n],
    );
    await w.networkHelpers.time.increase(48 * 3600);
    await w.ledger.write.completeCancellation([b.batchId, addr(w.pharmacy2), 1n, requested], {
      account: w.maker.account,
    });
    await w.ledger.write.dispense([b.batchId, ...b.packs.single(3)], { account: w.pharmacy.account });
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.pharmacy)])).dispensed, 2n);
  });
});
