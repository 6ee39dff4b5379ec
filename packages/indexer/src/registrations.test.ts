/**
 * The indexer closes a manufacturer's registration when it projects the batch, in the same transaction as
 * the batch row: no page has to be read for a signed registration to become registered.
 */
import assert from "node:assert/strict";
import { after, describe } from "node:test";
import { accountOf, catchUp, stopSharedPostgres, worldTestOn, type BackendName } from "./testing";

after(stopSharedPostgres);

const GTIN = 9521234543213n;

for (const backend of ["embedded PGlite", "PostgreSQL 15"] as BackendName[]) {
  describe(`registrations on ${backend}`, () => {
    const test = worldTestOn(backend);
    test("aSignedRegistration_isClosedWhenItsBatchIsIndexed_andSignedAgainWhenAReorgTakesTheBatch", async (w) => {
      const ix = w.indexer();
      await catchUp(ix);
      const fork = await w.rpc<string>("evm_snapshot");
      const [own, foreign] = await Promise.all(["L1", "L2"].map((lot) => w.read.read.batchIdOf([GTIN, lot])));
      // Both signed and waiting: L1 by the manufacturer that signs it, L2 by one whose labels another signed.
      for (const [id, batchId, by, status] of [
        ["job-l1", own!, "maker", "submitted"],
        ["job-l2", foreign!, "distributor", "ready_to_sign"],
      ] as const) {
        await w.db.batchRegistration.create({
          data: {
            id,
            manufacturerAccount: accountOf(by),
            batchId,
            gtin: GTIN.toString().padStart(14, "0"),
            lot: id === "job-l1" ? "L1" : "L2",
            expiry: "301231",
            packCount: 4,
            status,
            linkBase: "https://example.test",
          },
        });
      }
      await w.lap();
      await w.lap();
      await catchUp(ix);
      const job = (id: string) => w.db.batchRegistration.findUniqueOrThrow({ where: { id } });
      const batch = await w.db.batch.findUniqueOrThrow({ where: { id: own } });
      assert.deepEqual(
        [(await job("job-l1")).status, (await job("job-l1")).txHash],
        ["registered", batch.registeredTx],
        "registered with the transaction that put it on chain",
      );
      const refused = await job("job-l2");
      assert.equal(refused.status, "failed");
      assert.match(refused.error ?? "", new RegExp(`another account \\(${accountOf("maker")}\\)`));

      // A reorg takes the blocks away: the registration is signed and waiting again, not registered.
      await w.rpc("evm_revert", [fork]);
      await w.mine(3);
      assert.equal((await ix.step()).kind, "rolled-back");
      await catchUp(ix);
      assert.equal(await w.db.batch.count({ where: { id: own } }), 0);
      assert.equal((await job("job-l1")).status, "submitted");
    });
  });
}
