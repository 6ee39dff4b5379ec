/**
 * Issue 13 through the indexer: members of organisations, refused shipments, cancellations requested,
 * contested and completed, and the regulator council's operations (executed after the delay or at once by its
 * quorum's approval), each as the database sees it, and reorganisations that take a member change, a refusal and
 * an approval away.
 */
import assert from "node:assert/strict";
import { after, describe } from "node:test";
import { CANCEL_NOTICE_SECONDS, PERMIT, founderPermissions, ROLE } from "@tracemed/chain";
import { encodeFunctionData, toHex, type Address, type Hex } from "viem";
import { custodyLedgerAbi } from "@tracemed/chain";
import { assertMatchesChain, MEMBERS, stopSharedPostgres, worldTestOn, type BackendName, type World } from "./testing";

after(stopSharedPostgres);

const lower = (a: Address) => a.toLowerCase();
let refs = 1_000;

/** A batch of 4 packs registered by the maker, 2 of them shipped to the distributor (not yet received). */
async function shippedBatch(w: World): Promise<{ batchId: Hex; ref: Hex }> {
  await w.lap();
  const batchId = w.batches.at(-1)!;
  const ref = toHex(++refs, { size: 32 });
  await w.wait(w.actAs("maker").write.ship([batchId, w.accounts.distributor!, 1n, ref]));
  return { batchId, ref };
}

/** The call data of the ledger's suspend(distributor): the council operation these tests propose. */
const suspendDistributor = (w: World) =>
  encodeFunctionData({ abi: custodyLedgerAbi, functionName: "suspend", args: [w.orgs.distributor.address] });

/** The distributor's clerk, made a member with PERMIT_SHIP by the distributor's founding admin. */
async function distributorClerk(w: World) {
  const clerk = MEMBERS.distributorClerk;
  await w.wait(w.actAs("distributor").write.addMember([clerk.address, PERMIT.SHIP]));
  return clerk;
}

for (const backend of ["embedded PGlite", "PostgreSQL 15"] as BackendName[]) {
  describe(`organisations of people on ${backend}`, () => {
    const test = worldTestOn(backend);

    test("members_addedChangedAndRemoved_areTheRowsTheLedgerHolds", { timeout: 120_000 }, async (w) => {
      const { makerClerk, distributorClerk } = MEMBERS;
      const maker = w.actAs("maker");
      await w.wait(maker.write.addMember([makerClerk.address, PERMIT.SHIP]));
      await w.wait(maker.write.setMemberPermissions([makerClerk.address, PERMIT.SHIP | PERMIT.REGISTER]));
      await w.wait(w.actAs("distributor").write.addMember([distributorClerk.address, PERMIT.SHIP]));
      await w.sync();
      assert.deepEqual(
        await w.db.member.findUnique({
          where: { account: lower(makerClerk.address) },
          select: { organisation: true, permissions: true, addedBy: true },
        }),
        {
          organisation: lower(w.orgs.maker.address),
          permissions: PERMIT.SHIP | PERMIT.REGISTER,
          addedBy: lower(w.orgs.maker.address),
        },
      );
      // The founding admins came with their organisations' onboarding.
      assert.equal(
        (await w.db.member.findUnique({ where: { account: lower(w.orgs.pharmacy.address) } }))?.permissions,
        founderPermissions(ROLE.PHARMACY),
      );
      await w.wait(w.actAs("distributor").write.removeMember([distributorClerk.address]));
      await w.sync();
      assert.equal(await w.db.member.findUnique({ where: { account: lower(distributorClerk.address) } }), null);
      const removed = await w.db.custodyEvent.findFirst({ where: { eventName: "MemberRemoved" } });
      assert.deepEqual(
        [removed?.actor, removed?.by],
        [lower(w.orgs.distributor.address), lower(w.orgs.distributor.address)],
        "the trail keeps the removal: which organisation, and who signed it",
      );
      await assertMatchesChain(w);
    });

    test("refusedShipment_goesBackToTheSender_signedByTheRecipientsMember", { timeout: 120_000 }, async (w) => {
      const clerk = await distributorClerk(w);
      const { batchId, ref } = await shippedBatch(w);
      await w.sync();
      const before = await w.db.holding.findUnique({
        where: { batchId_account: { batchId, account: lower(w.accounts.maker!) } },
      });
      await w.wait(w.contract(clerk).write.refuseShipment([batchId, w.accounts.maker!, 1n, ref]));
      await w.sync();
      const hop = await w.db.shipment.findFirst({ where: { batchId, ref } });
      assert.deepEqual(
        [hop?.status, hop?.shippedBy, hop?.closedBy, hop?.received],
        ["refused", lower(w.orgs.maker.address), lower(clerk.address), null],
      );
      const after = await w.db.holding.findUnique({
        where: { batchId_account: { batchId, account: lower(w.accounts.maker!) } },
      });
      assert.equal(after!.held, before!.held + 1, "the refused pack is back in the maker's stock");
      await assertMatchesChain(w);
    });

    test("cancelRequested_thenContestedByReceipt_endsReceived", { timeout: 120_000 }, async (w) => {
      const { batchId, ref } = await shippedBatch(w);
      await w.wait(w.actAs("maker").write.cancelShipment([batchId, w.accounts.distributor!, 1n, ref]));
      await w.sync();
      let hop = await w.db.shipment.findFirst({ where: { batchId, ref } });
      assert.equal(hop?.status, "cancel_requested");
      assert.ok(hop?.cancelRequestedAt, "the request's time is kept: the notice runs from it");
      assert.equal(hop?.cancelRequestedBy, lower(w.orgs.maker.address));
      await assertMatchesChain(w);
      await w.wait(w.actAs("distributor").write.confirmReceipt([batchId, w.accounts.maker!, 1n, ref, 1n]));
      await w.sync();
      hop = await w.db.shipment.findFirst({ where: { batchId, ref } });
      assert.deepEqual([hop?.status, hop?.received, hop?.closedBy], ["received", 1, lower(w.orgs.distributor.address)]);
      assert.ok(hop?.cancelRequestedAt, "the contested request stays on the hop");
      await assertMatchesChain(w);
    });

    test("cancelCompleted_afterTheNotice_voidsTheHop", { timeout: 120_000 }, async (w) => {
      const { batchId, ref } = await shippedBatch(w);
      await w.wait(w.actAs("maker").write.cancelShipment([batchId, w.accounts.distributor!, 1n, ref]));
      await w.rpc("evm_increaseTime", [CANCEL_NOTICE_SECONDS + 1]);
      await w.wait(w.actAs("maker").write.completeCancellation([batchId, w.accounts.distributor!, 1n, ref]));
      await w.sync();
      const hop = await w.db.shipment.findFirst({ where: { batchId, ref } });
      assert.deepEqual([hop?.status, hop?.closedBy], ["voided", lower(w.orgs.maker.address)]);
      await assertMatchesChain(w);
    });

    test("councilOperations_scheduledCancelledAndExecuted", { timeout: 120_000 }, async (w) => {
      const council = w.council();
      const suspend = suspendDistributor(w);
      await w.wait(council.as("regulator").write.schedule([w.ledger.address, suspend, 0]));
      await w.sync();
      const [scheduled] = await w.db.councilOperation.findMany();
      assert.deepEqual(
        [scheduled?.status, scheduled?.nonce, scheduled?.caller, scheduled?.target, scheduled?.selector],
        ["scheduled", 1, lower(w.orgs.regulator.address), lower(w.ledger.address), suspend.slice(0, 10)],
      );
      assert.ok(scheduled!.schedule.getTime() > scheduled!.scheduledAt.getTime(), "it waits the council's delay");
      await w.wait(council.as("regulator").write.cancel([w.orgs.regulator.address, w.ledger.address, suspend]));
      await w.sync();
      const first = { id_nonce: { id: scheduled!.id, nonce: 1 } };
      const cancelled = await w.db.councilOperation.findUnique({ where: first });
      // The cancel event does not name its sender; the row does (the transaction's sender).
      assert.deepEqual([cancelled?.status, cancelled?.closedBy], ["cancelled", lower(w.orgs.regulator.address)]);
      // Proposed again (a new nonce), then executed after the delay.
      await w.wait(council.as("regulator").write.schedule([w.ledger.address, suspend, 0]));
      await w.rpc("evm_increaseTime", [council.delay + 1]);
      await w.wait(council.as("regulator").write.execute([w.ledger.address, suspend]));
      await w.sync();
      const executed = await w.db.councilOperation.findUnique({ where: { id_nonce: { id: scheduled!.id, nonce: 2 } } });
      assert.deepEqual([executed?.status, executed?.closedBy], ["executed", lower(w.orgs.regulator.address)]);
      // The council's history keeps the cancelled proposal beside the executed one.
      assert.equal((await w.db.councilOperation.findUnique({ where: first }))?.status, "cancelled");
      assert.equal(
        (await w.db.organisation.findUnique({ where: { account: lower(w.orgs.distributor.address) } }))?.suspended,
        true,
      );
      await assertMatchesChain(w);
    });

    test("councilQuorum_approvalExecutesAtOnce_andAReorganisationTakesItAway", { timeout: 120_000 }, async (w) => {
      const council = w.council();
      const suspend = suspendDistributor(w);
      const regulator = lower(w.orgs.regulator.address);
      const deployer = lower(w.cast.deployer.address);
      await w.wait(council.as("regulator").write.schedule([w.ledger.address, suspend, 0]));
      await w.sync();
      const [scheduled] = await w.db.councilOperation.findMany();
      const key = { id_nonce: { id: scheduled!.id, nonce: scheduled!.nonce } };
      assert.equal(await w.db.councilApproval.count(), 0, "no approval yet (the proposer's is its scheduling)");
      const distributorSuspended = async () =>
        (await w.db.organisation.findUnique({ where: { account: lower(w.orgs.distributor.address) } }))?.suspended;

      const fork = await w.rpc<string>("evm_snapshot");
      // On the branch that will be orphaned: the other council member approves, and the suspension runs at once
      // (the delay has not passed: the quorum cancels the scheduling and executes the call in one transaction).
      await w.wait(council.quorumAs("deployer").write.approve([w.orgs.regulator.address, w.ledger.address, suspend]));
      await w.sync();
      const executed = await w.db.councilOperation.findUnique({ where: key });
      assert.deepEqual(
        [executed?.status, executed?.executedByQuorum, executed?.closedBy],
        ["executed", true, deployer],
        "executed by the approval that completed the quorum, not cancelled",
      );
      assert.deepEqual(
        (await w.db.councilApproval.findMany()).map((a) => [a.operationId, a.nonce, a.approver]),
        [[scheduled!.id, scheduled!.nonce, deployer]],
      );
      assert.equal(await distributorSuspended(), true);
      await assertMatchesChain(w);

      await w.rpc("evm_revert", [fork]);
      await w.mine(3);
      await w.sync();
      const reopened = await w.db.councilOperation.findUnique({ where: key });
      assert.deepEqual(
        [reopened?.status, reopened?.executedByQuorum, reopened?.closedBy, reopened?.caller],
        ["scheduled", false, null, regulator],
        "the approval and the execution are gone with their block",
      );
      assert.equal(await w.db.councilApproval.count(), 0);
      assert.equal(await distributorSuspended(), false);
      await assertMatchesChain(w);

      // Without the approval, the proposer executes after the delay: not by the quorum.
      await w.rpc("evm_increaseTime", [council.delay + 1]);
      await w.wait(council.as("regulator").write.execute([w.ledger.address, suspend]));
      await w.sync();
      const delayed = await w.db.councilOperation.findUnique({ where: key });
      assert.deepEqual([delayed?.status, delayed?.executedByQuorum], ["executed", false]);
      await assertMatchesChain(w);
    });

    test("aReorganisation_takesAMemberChangeAndARefusalAway", { timeout: 120_000 }, async (w) => {
      const clerk = await distributorClerk(w);
      const { batchId, ref } = await shippedBatch(w);
      await w.sync();
      const fork = await w.rpc<string>("evm_snapshot");
      // On the branch that will be orphaned: the clerk is removed, then the hop refused by the admin.
      await w.wait(w.actAs("distributor").write.removeMember([clerk.address]));
      await w.wait(w.actAs("distributor").write.refuseShipment([batchId, w.accounts.maker!, 1n, ref]));
      await w.sync();
      assert.equal(await w.db.member.count({ where: { account: lower(clerk.address) } }), 0);
      assert.equal((await w.db.shipment.findFirst({ where: { batchId, ref } }))?.status, "refused");
      await w.rpc("evm_revert", [fork]);
      await w.mine(3);
      await w.sync();
      assert.equal(
        (await w.db.member.findUnique({ where: { account: lower(clerk.address) } }))?.permissions,
        PERMIT.SHIP,
        "the removal is gone with its block",
      );
      assert.equal((await w.db.shipment.findFirst({ where: { batchId, ref } }))?.status, "in_transit");
      await assertMatchesChain(w);
    });
  });
}
