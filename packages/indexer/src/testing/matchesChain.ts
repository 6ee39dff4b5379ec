import assert from "node:assert/strict";
import { SHIPMENT_STATUS } from "@tracemed/chain";
import { zeroAddress, type Address, type Hex } from "viem";
import { COUNCIL_TOPICS } from "../decode";
import type { World } from "./world";

const lower = (a: string) => a.toLowerCase();

/**
 * The database says exactly what the chain says: every event of the ledger and its council once, and
 * every projection equal (holdings, packs, hops, members, council operations).
 */
export async function assertMatchesChain(w: World) {
  const own = [w.ledger.address, ...(w.ledger.units ? [w.ledger.units] : [])];
  const logs = (
    await w.client.getLogs({
      address: [...own, w.ledger.council, w.ledger.quorum],
      fromBlock: BigInt(w.ledger.deployedOnBlock),
    })
  ).filter((l) => own.some((a) => lower(a) === lower(l.address)) || COUNCIL_TOPICS.has(l.topics[0] ?? ""));
  const stored = await w.db.custodyEvent.findMany({ select: { id: true } });
  assert.deepEqual(
    stored.map((e) => e.id).sort(),
    logs.map((l) => `${l.blockHash}:${l.logIndex}`).sort(),
    "every ledger event, council operation and quorum approval event is stored exactly once, and nothing else",
  );
  await assertMembersMatchChain(w);
  const units = w.units(w.cast.deployer);
  for (const u of await w.db.logisticUnit.findMany()) {
    const onChain = await units.read.unit([BigInt(u.sscc)]);
    assert.deepEqual(
      [u.organisation, u.holder, u.contentsRoot, u.packs, u.status, u.parentSscc],
      [
        lower(onChain.organisation),
        lower(onChain.holder),
        onChain.contentsRoot,
        onChain.packs,
        ["none", "packed", "opened"][onChain.status],
        onChain.parent === 0n ? null : onChain.parent.toString().padStart(18, "0"),
      ],
      `unit ${u.sscc}`,
    );
  }
  for (const batchId of w.batches) {
    const onChain = await w.read.read.batch([batchId]);
    const row = await w.db.batch.findUnique({ where: { id: batchId } });
    if (onChain.status === 0) {
      assert.equal(row, null, `batch ${batchId} is not on the chain any more, so not in the database`);
      continue;
    }
    assert.ok(row, `batch ${batchId} is in the database`);
    for (const [name, account] of Object.entries(w.accounts)) {
      const h = await w.read.read.holding([batchId, account]);
      const r = await w.db.holding.findUnique({
        where: { batchId_account: { batchId, account: account.toLowerCase() } },
      });
      assert.deepEqual(
        [r?.held ?? 0, r?.dispensed ?? 0, r?.writtenOff ?? 0],
        [Number(h.held), Number(h.dispensed), Number(h.writtenOff)],
        `${name}'s holding of ${batchId}`,
      );
    }
    const packs = await w.db.pack.findMany({ where: { batchId }, orderBy: { leafIndex: "asc" } });
    for (const p of packs) {
      assert.equal(p.dispensedAt !== null, await w.read.read.isDispensed([batchId, BigInt(p.leafIndex)]));
      assert.equal(p.claimedAt !== null, await w.read.read.isClaimed([batchId, BigInt(p.leafIndex)]));
    }
  }
  for (const s of await w.db.shipment.findMany()) {
    assert.equal(s.status, SHIPMENT_STATUS[await w.read.read.shipmentStatus([s.id as Hex])], `hop ${s.id}`);
  }
  const manager = w.council().as("regulator");
  for (const o of await w.db.councilOperation.findMany()) {
    const id = o.id as Hex;
    const nonce = await manager.read.getNonce([id]);
    assert.ok(o.nonce <= nonce, `operation ${id}'s nonce`);
    // An earlier scheduling of the same call was closed before it was scheduled again.
    if (o.nonce < nonce) {
      assert.notEqual(o.status, "scheduled", `operation ${id} (nonce ${o.nonce}) was closed`);
      continue;
    }
    // The council keeps a schedule only while the operation is pending (0 once executed or cancelled).
    const schedule = await manager.read.getSchedule([id]);
    assert.equal(schedule !== 0, o.status === "scheduled", `operation ${id} is ${o.status}`);
    if (o.status === "scheduled") assert.equal(schedule * 1000, o.schedule.getTime());
  }
  await assertApprovalsMatchChain(w);
}

/** Every approval row is one the quorum holds, and each scheduling's count is the quorum's (the proposer's included). */
async function assertApprovalsMatchChain(w: World) {
  const quorum = w.council().quorumAs("regulator");
  const rows = await w.db.councilApproval.findMany();
  for (const a of rows) {
    const approved = await quorum.read.hasApproved([a.operationId as Hex, a.nonce, a.approver as Address]);
    assert.ok(approved, `${a.approver} approved operation ${a.operationId} (nonce ${a.nonce})`);
  }
  const schedulings = new Set(rows.map((a) => `${a.operationId}:${a.nonce}`));
  for (const key of schedulings) {
    const [id, nonce] = key.split(":") as [Hex, string];
    const op = await w.db.councilOperation.findUnique({ where: { id_nonce: { id, nonce: Number(nonce) } } });
    const count = rows.filter((a) => `${a.operationId}:${a.nonce}` === key).length;
    const onChain = await quorum.read.approvals([id, Number(nonce)]);
    // The quorum counts the proposer's scheduling once another member approves (while it sits on the council).
    assert.equal(Number(onChain), count + 1, `approvals of operation ${id} (nonce ${nonce}), proposer ${op?.caller}`);
  }
}

/** Every account that ever was a member: its row says what the ledger's member(account) says, or is absent. */
async function assertMembersMatchChain(w: World) {
  const events = await w.db.custodyEvent.findMany({ where: { eventName: "MemberAdded" }, select: { args: true } });
  const accounts = new Set(events.map((e) => String((e.args as { account: string }).account)));
  for (const m of await w.db.member.findMany()) accounts.add(m.account);
  assert.ok(accounts.size > 0, "the onboarded organisations' founding admins are members");
  for (const account of accounts) {
    const onChain = await w.read.read.member([account as Address]);
    const row = await w.db.member.findUnique({ where: { account } });
    assert.deepEqual(
      row ? [row.organisation, row.permissions] : null,
      onChain.organisation === zeroAddress ? null : [onChain.organisation.toLowerCase(), onChain.permissions],
      `member ${account}`,
    );
  }
}
