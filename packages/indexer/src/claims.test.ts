import { ledgerChain } from "@tracemed/chain";
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { createWalletClient, http } from "viem";
import { ClaimSubmitter } from "./claims";
import { startCodedWorld, stopSharedPostgres } from "./testing";

after(stopSharedPostgres);

describe("claim submitter", () => {
  it("recordsQueuedConsumerClaimsOnChain_acrossBatches_inOneTransaction_andTheIndexerSeesThem", async () => {
    const w = await startCodedWorld("PostgreSQL 15");
    try {
      const a = await w.batch(300);
      const b = await w.batch(5);
      await w.index();
      const queue = [
        ...[0, 17, 18, 255, 299].map((i) => ({ batchId: a.batchId, leafIndex: i, commitment: a.commitment(i) })),
        { batchId: b.batchId, leafIndex: 4, commitment: b.commitment(4) },
      ];
      await w.db.claimRequest.createMany({ data: queue.map((q) => ({ ...q, updatedAt: new Date() })) });
      const chain = await w.client.getChainId();
      const submitter = new ClaimSubmitter({
        db: w.db,
        client: w.client,
        wallet: createWalletClient({
          account: w.cast.verifier,
          chain: ledgerChain(chain, w.client.transport.url!),
          transport: http(w.client.transport.url!),
        }),
        chainId: chain,
        ledger: w.ledger,
        holder: "test",
      });
      assert.equal(await submitter.step(), 6);
      const txs = await w.db.claimRequest.findMany({ select: { status: true, txHash: true } });
      assert.ok(txs.every((t) => t.status === "confirmed"));
      assert.equal(new Set(txs.map((t) => t.txHash)).size, 1, "one transaction for both batches");
      for (const q of queue)
        assert.equal(await w.contract(w.cast.deployer).read.isClaimed([q.batchId, BigInt(q.leafIndex)]), true);
      assert.equal(await submitter.step(), 0, "nothing left to do");
      await w.index();
      assert.equal(await w.db.pack.count({ where: { claimedAt: { not: null } } }), 6);
      // A claim already on chain (say, its transaction landed but the row was not updated) is confirmed without a revert.
      await w.db.claimRequest.updateMany({ data: { status: "pending" } });
      assert.equal(await submitter.step(), 0);
      assert.equal(await w.db.claimRequest.count({ where: { status: "confirmed" } }), 6);
    } finally {
      await w.stop();
    }
  });
});
