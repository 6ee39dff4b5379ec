import assert from "node:assert/strict";
import type { World } from "./world";

/** Shipment statuses, by the ledger's number for each. */
const STATUS = ["none", "in_transit", "received", "voided"];

/** The database says exactly what the chain says: every event once, and every projection equal. */
export async function assertMatchesChain(w: World) {
  const logs = await w.client.getLogs({ address: w.ledger.address, fromBlock: BigInt(w.ledger.deployedOnBlock) });
  const stored = await w.db.custodyEvent.findMany({ select: { id: true } });
  assert.deepEqual(
    stored.map((e) => e.id).sort(),
    logs.map((l) => `${l.blockHash}:${l.logIndex}`).sort(),
    "every ledger event is stored exactly once, and nothing else",
  );
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
    assert.equal(s.status, STATUS[await w.read.read.shipmentStatus([s.id as `0x${string}`])]);
  }
}
