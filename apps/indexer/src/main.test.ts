/** The indexer process (main.ts) against a real chain and database: what a supervisor's SIGKILL leaves. */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { after, describe, it } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import {
  assertMatchesChain,
  catchUp,
  startWorld,
  stopSharedPostgres,
  type BackendName,
} from "@tracemed/indexer/testing";

after(stopSharedPostgres);

for (const backend of ["embedded PGlite", "PostgreSQL 15"] as BackendName[]) {
  describe(`indexer process on ${backend}`, () => {
    it("survivesBeingKilledMidRun_withNoGapAndNoDuplicate", { timeout: 180_000 }, async () => {
      const w = await startWorld(backend);
      try {
        for (let i = 0; i < 8; i++) await w.lap();
        const head = await w.client.getBlockNumber();
        const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "main.ts")], {
          env: {
            ...process.env,
            DATABASE_URL: w.databaseUrl,
            CHAIN_RPC_URL: w.chainUrl(),
            LEDGER_ADDRESS: w.ledger.address,
            LEDGER_DEPLOYED_BLOCK: String(w.ledger.deployedOnBlock),
            INDEXER_MAX_BLOCKS: "3",
            INDEXER_POLL_MS: "20",
            INDEXER_LEASE_MS: "1000",
            INDEXER_FINALITY: "latest",
          },
          stdio: "ignore",
        });
        // Kill it (SIGKILL: no clean-up at all) once it is part-way through the chain.
        for (let i = 0; ; i++) {
          const c = await w.db.indexerCursor.findFirst().catch(() => null);
          if (c && c.lastBlock > BigInt(w.ledger.deployedOnBlock) + 10n) break;
          if (i > 600) throw new Error("the indexer process made no progress");
          await sleep(20);
        }
        child.kill("SIGKILL");
        await new Promise((r) => child.once("exit", r));
        const cursor = (await w.db.indexerCursor.findFirst())!;
        assert.ok(cursor.lastBlock < head, "killed before the end");
        // What was committed is exactly the events up to the cursor: no gap, no partial block range.
        const upTo = await w.client.getLogs({
          address: w.ledger.address,
          fromBlock: BigInt(w.ledger.deployedOnBlock),
          toBlock: cursor.lastBlock,
        });
        assert.equal(await w.db.custodyEvent.count(), upTo.length);
        // A new indexer takes over once the dead one's lease lapses, and finishes the job.
        await catchUp(w.indexer());
        await assertMatchesChain(w);
      } finally {
        await w.stop();
      }
    });
  });
}
