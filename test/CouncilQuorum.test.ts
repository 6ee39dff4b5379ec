/**
 * The council's quorum (contracts/CouncilQuorum.sol): a regulator schedules an operation on the AccessManager,
 * other regulators approve it, and the approval that reaches the threshold executes it at once, before the
 * delay. Without the quorum the delay path stays as it is, and no regulator approves its own proposal.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import {
  BaseError,
  decodeErrorResult,
  encodeFunctionData,
  getAddress,
  parseEventLogs,
  type Address,
  type Hex,
} from "viem";
import {
  accessManagerAbi,
  ADMIN_ROLE,
  ALL_PERMITS,
  COUNCIL_ROLE,
  councilLedgerCall,
  councilQuorumAbi,
} from "@tracemed/chain";
import { addr, COUNCIL_DELAY, deployWorld, expectRevert, registerBatch, type World } from "./helpers/ledger.js";

/** IBatchRegistry.BatchStatus. */
const ACTIVE = 1;
/** The AccessManager's errors and the quorum's, so that a revert bubbling from one through the other decodes. */
const councilAndQuorumAbi = [...accessManagerAbi, ...councilQuorumAbi];

type Signer = World["regulator"];

/** The operation id and current scheduling nonce of `proposer`'s call of `target` with `data`. */
async function scheduling(w: World, proposer: Signer, target: Address, data: Hex) {
  const id = await w.council.read.hashOperation([addr(proposer), target, data]);
  return { id, nonce: await w.council.read.getNonce([id]) };
}

/** `approver` approves `proposer`'s operation; returns the transaction's receipt. */
async function approve(w: World, approver: Signer, proposer: Signer, target: Address, data: Hex) {
  const hash = await w.quorum.write.approve([addr(proposer), target, data], { account: approver.account });
  return w.client.waitForTransactionReceipt({ hash });
}

/** The quorum's and the AccessManager's events in a receipt, in order, as [name, args]. */
function councilEvents(w: World, logs: Parameters<typeof parseEventLogs>[0]["logs"]) {
  return parseEventLogs({ abi: [...councilAndQuorumAbi, ...w.ledger.abi], logs }).map((l) => [l.eventName, l.args]);
}

/** Sends `functionName` to `address` from `signer` with the council's and the quorum's errors in the ABI. */
function sendDecoded(signer: Signer, address: Address, functionName: string, args: readonly unknown[]) {
  return signer.writeContract({
    address,
    abi: councilAndQuorumAbi,
    functionName,
    args,
    account: signer.account,
  } as never);
}

describe("council quorum (threshold 2)", () => {
  let w: World;
  before(async () => {
    w = await deployWorld();
  });

  it("suspend_proposedByOneRegulatorAndApprovedByAnother_executesAtOnceBeforeTheDelay", async () => {
    assert.equal(await w.quorum.read.threshold(), 2);
    const data = await w.propose(w.regulator, "suspend", [addr(w.pharmacy2)]);
    const { id, nonce } = await scheduling(w, w.regulator, w.ledger.address, data);
    const when = await w.council.read.getSchedule([id]);
    const receipt = await approve(w, w.regulator2, w.regulator, w.ledger.address, data);
    // Long before the delay ends: the scheduling is cancelled and the same call runs from the quorum.
    assert.ok((await w.networkHelpers.time.latest()) < when, "before the delay");
    assert.equal((await w.ledger.read.organisation([addr(w.pharmacy2)])).suspended, true);
    assert.deepEqual(councilEvents(w, receipt.logs), [
      ["ProposalApproved", { operationId: id, nonce, approver: addr(w.regulator2), approvals: 2n }],
      ["OperationCanceled", { operationId: id, nonce }],
      ["OrganisationSuspended", { account: addr(w.pharmacy2), by: getAddress(w.council.address) }],
      ["ProposalExecuted", { operationId: id, nonce, by: addr(w.regulator2) }],
    ]);
    assert.equal(await w.council.read.getSchedule([id]), 0);
    // The proposer cannot run it a second time after the delay.
    await w.networkHelpers.time.increase(COUNCIL_DELAY);
    await expectRevert(
      w.council.write.execute([w.ledger.address, data], { account: w.regulator.account }),
      "AccessManagerNotScheduled",
      [id],
    );
    // And the quorum works the other way round: regulator 2 proposes the reinstatement, regulator 1 approves.
    const back = await w.propose(w.regulator2, "reinstate", [addr(w.pharmacy2)]);
    await approve(w, w.regulator, w.regulator2, w.ledger.address, back);
    assert.equal((await w.ledger.read.organisation([addr(w.pharmacy2)])).suspended, false);
  });

  it("approve_refusesANonMember_theProposer_andAnOperationNotScheduledOrCancelled", async () => {
    const data = await w.propose(w.regulator, "suspend", [addr(w.distributor2)]);
    const { id } = await scheduling(w, w.regulator, w.ledger.address, data);
    // An organisation's admin is no council member, nor is a stranger.
    for (const outsider of [w.maker, w.stranger]) {
      await expectRevert(
        w.quorum.write.approve([addr(w.regulator), w.ledger.address, data], { account: outsider.account }),
        "QuorumNotCouncilMember",
        [addr(outsider)],
      );
    }
    await expectRevert(
      w.quorum.write.approve([addr(w.regulator), w.ledger.address, data], { account: w.regulator.account }),
      "QuorumProposerCannotApprove",
      [],
    );
    // Regulator 2 cancels during the delay: there is nothing left to approve.
    await w.council.write.cancel([addr(w.regulator), w.ledger.address, data], { account: w.regulator2.account });
    await expectRevert(
      w.quorum.write.approve([addr(w.regulator), w.ledger.address, data], { account: w.regulator2.account }),
      "QuorumNotScheduled",
      [id],
    );
    // Nor can an operation that was never scheduled be approved into execution.
    const never = councilLedgerCall("suspend", [addr(w.pharmacy)]);
    const neverId = await w.council.read.hashOperation([addr(w.regulator), w.ledger.address, never]);
    await expectRevert(
      w.quorum.write.approve([addr(w.regulator), w.ledger.address, never], { account: w.regulator2.account }),
      "QuorumNotScheduled",
      [neverId],
    );
    assert.equal((await w.ledger.read.organisation([addr(w.distributor2)])).suspended, false);
    assert.equal((await w.ledger.read.organisation([addr(w.pharmacy)])).suspended, false);
  });

  it("takeover_regulatorBAloneCannotApproveItsOwnProposal_andAnotherOfItsKeysIsNoCouncilMember", async () => {
    const a = w.regulator;
    const b = w.regulator2;
    const batch = await registerBatch(w, w.maker, 8);
    const managerCall = (functionName: "revokeRole", args: readonly unknown[]): Hex =>
      encodeFunctionData({ abi: accessManagerAbi, functionName, args } as never);
    const steps: [Address, Hex][] = [
      [w.council.address, managerCall("revokeRole", [COUNCIL_ROLE, addr(a)])],
      [w.council.address, managerCall("revokeRole", [ADMIN_ROLE, addr(a)])],
      [w.ledger.address, councilLedgerCall("recall", [batch.batchId, "Counterfeit suspected"])],
    ];
    // B's regulator organisation gives a second key every permission: it is a member there, not on the council.
    const accomplice = w.spare[0]!;
    await w.ledger.write.addMember([addr(accomplice), ALL_PERMITS], { account: b.account });
    for (const [target, data] of steps) {
      await w.council.write.schedule([target, data, 0], { account: b.account });
      await expectRevert(
        w.quorum.write.approve([addr(b), target, data], { account: b.account }),
        "QuorumProposerCannotApprove",
        [],
      );
      await expectRevert(
        w.quorum.write.approve([addr(b), target, data], { account: accomplice.account }),
        "QuorumNotCouncilMember",
        [addr(accomplice)],
      );
      // A cancels each step during the delay.
      await w.council.write.cancel([addr(b), target, data], { account: a.account });
    }
    assert.deepEqual(await w.council.read.hasRole([COUNCIL_ROLE, addr(a)]), [true, COUNCIL_DELAY]);
    assert.deepEqual(await w.council.read.hasRole([ADMIN_ROLE, addr(a)]), [true, COUNCIL_DELAY]);
    assert.equal((await w.ledger.read.batch([batch.batchId])).status, ACTIVE);
  });
  it("aProposerRemovedFromTheCouncil_noLongerCountsTowardsItsPendingProposal", async () => {
    const a = w.regulator;
    const b = w.regulator2;
    const pending = await w.propose(a, "suspend", [addr(w.pharmacy)]);
    // B proposes A's removal from the council and A's approval executes it at once (an AccessManager target).
    const removal = encodeFunctionData({
      abi: accessManagerAbi,
      functionName: "revokeRole",
      args: [COUNCIL_ROLE, addr(a)],
    });
    await w.council.write.schedule([w.council.address, removal, 0], { account: b.account });
    await approve(w, a, b, w.council.address, removal);
    assert.deepEqual(await w.council.read.hasRole([COUNCIL_ROLE, addr(a)]), [false, 0]);
    // A's suspension is still scheduled, but B's approval is now the only one: it counts and does not execute.
    const { id, nonce } = await scheduling(w, a, w.ledger.address, pending);
    const receipt = await approve(w, b, a, w.ledger.address, pending);
    assert.deepEqual(councilEvents(w, receipt.logs), [
      ["ProposalApproved", { operationId: id, nonce, approver: addr(b), approvals: 1n }],
    ]);
    assert.equal((await w.ledger.read.organisation([addr(w.pharmacy)])).suspended, false);
  });
});

describe("council quorum (threshold raised to 3)", () => {
  let w: World;
  before(async () => {
    w = await deployWorld();
  });

  it("thresholdChange_isScheduledWithTheDelay_andCannotGoBelow2", async () => {
    const setThreshold = (n: number) =>
      encodeFunctionData({ abi: councilQuorumAbi, functionName: "setThreshold", args: [n] });
    const raise = setThreshold(3);
    // Straight at the quorum, a regulator's call must have been scheduled (ADMIN_ROLE, with the delay).
    const direct = await w.council.read.hashOperation([addr(w.regulator), w.quorum.address, raise]);
    await expectRevert(sendDecoded(w.regulator, w.quorum.address, "setThreshold", [3]), "AccessManagerNotScheduled", [
      direct,
    ]);
    // Below 2 is refused, whether approved by the quorum or executed after the delay.
    const lower = setThreshold(1);
    await w.council.write.schedule([w.quorum.address, lower, 0], { account: w.regulator.account });
    await expectRevert(
      sendDecoded(w.regulator2, w.quorum.address, "approve", [addr(w.regulator), w.quorum.address, lower]),
      "QuorumThresholdTooLow",
      [1],
    );
    await w.networkHelpers.time.increase(COUNCIL_DELAY);
    await expectRevert(
      sendDecoded(w.regulator, w.council.address, "execute", [w.quorum.address, lower]),
      "QuorumThresholdTooLow",
      [1],
    );
    assert.equal(await w.quorum.read.threshold(), 2);
    // Raised to 3 by the delay path: not ready before the delay, done after it.
    await w.council.write.schedule([w.quorum.address, raise, 0], { account: w.regulator.account });
    const { id } = await scheduling(w, w.regulator, w.quorum.address, raise);
    await expectRevert(
      w.council.write.execute([w.quorum.address, raise], { account: w.regulator.account }),
      "AccessManagerNotReady",
      [id],
    );
    await w.networkHelpers.time.increase(COUNCIL_DELAY);
    const hash = await w.council.write.execute([w.quorum.address, raise], { account: w.regulator.account });
    const { logs } = await w.client.waitForTransactionReceipt({ hash });
    assert.deepEqual(councilEvents(w, logs).at(-1), ["QuorumThresholdSet", { threshold: 3 }]);
    assert.equal(await w.quorum.read.threshold(), 3);
  });

  it("oneApprovalShortOfTheThreshold_doesNotExecute_andTheDelayPathStillWorks", async () => {
    const data = await w.propose(w.regulator, "suspend", [addr(w.pharmacy2)]);
    const { id, nonce } = await scheduling(w, w.regulator, w.ledger.address, data);
    const receipt = await approve(w, w.regulator2, w.regulator, w.ledger.address, data);
    assert.deepEqual(councilEvents(w, receipt.logs), [
      ["ProposalApproved", { operationId: id, nonce, approver: addr(w.regulator2), approvals: 2n }],
    ]);
    assert.equal(await w.quorum.read.approvals([id, nonce]), 2n);
    assert.equal(await w.quorum.read.hasApproved([id, nonce, addr(w.regulator2)]), true);
    assert.equal((await w.ledger.read.organisation([addr(w.pharmacy2)])).suspended, false);
    assert.notEqual(await w.council.read.getSchedule([id]), 0, "still scheduled");
    // The same member cannot approve that scheduling twice to make up the count.
    await expectRevert(
      w.quorum.write.approve([addr(w.regulator), w.ledger.address, data], { account: w.regulator2.account }),
      "QuorumAlreadyApproved",
      [id, addr(w.regulator2)],
    );
    await expectRevert(
      w.council.write.execute([w.ledger.address, data], { account: w.regulator.account }),
      "AccessManagerNotReady",
      [id],
    );
    await w.networkHelpers.time.increase(COUNCIL_DELAY);
    await w.council.write.execute([w.ledger.address, data], { account: w.regulator.account });
    assert.equal((await w.ledger.read.organisation([addr(w.pharmacy2)])).suspended, true);
  });

  it("approvalsOfAnEarlierScheduling_doNotCountForANewOne", async () => {
    const data = await w.propose(w.regulator, "reinstate", [addr(w.pharmacy2)]);
    const first = await scheduling(w, w.regulator, w.ledger.address, data);
    await approve(w, w.regulator2, w.regulator, w.ledger.address, data);
    await w.council.write.cancel([addr(w.regulator), w.ledger.address, data], { account: w.regulator.account });
    await w.council.write.schedule([w.ledger.address, data, 0], { account: w.regulator.account });
    const second = await scheduling(w, w.regulator, w.ledger.address, data);
    assert.equal(second.id, first.id);
    assert.equal(second.nonce, first.nonce + 1);
    // Regulator 2 approves again: a new scheduling starts from the proposer's approval, so 2, not 3.
    const receipt = await approve(w, w.regulator2, w.regulator, w.ledger.address, data);
    assert.deepEqual(councilEvents(w, receipt.logs), [
      [
        "ProposalApproved",
        { operationId: second.id, nonce: second.nonce, approver: addr(w.regulator2), approvals: 2n },
      ],
    ]);
    assert.equal(await w.quorum.read.approvals([first.id, first.nonce]), 2n);
    assert.equal((await w.ledger.read.organisation([addr(w.pharmacy2)])).suspended, true);
  });

  it("deploy_refusesAThresholdBelow2", async () => {
    const error = await w.viem.deployContract("CouncilQuorum", [w.council.address, COUNCIL_ROLE, 1]).then(
      () => assert.fail("a quorum of 1 was deployed"),
      (e: BaseError) => e,
    );
    // A reverted deployment reaches viem as an RPC error: its revert data is the node's.
    const data = error.walk((e) => typeof (e as { data?: unknown }).data === "string") as { data: Hex } | null;
    assert.ok(data, `no revert data in ${error.message}`);
    const decoded = decodeErrorResult({ abi: councilQuorumAbi, data: data.data });
    assert.deepEqual([decoded.errorName, decoded.args], ["QuorumThresholdTooLow", [1]]);
  });

  it("everyQuorumErrorIsReachedWithItsArguments", () => {
    const errors = councilQuorumAbi.filter((x) => x.type === "error" && x.name.startsWith("Quorum"));
    assert.equal(errors.length, 5);
    w.expectEveryErrorReached(/^Quorum/, councilQuorumAbi);
  });
});
