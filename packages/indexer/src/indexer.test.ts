import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { after, describe } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { catchUp, MAKER_PREFIXES, stopSharedPostgres, worldTestOn, type BackendName, type World } from "./testing";
import { NO_RESTART } from "./testing";

after(stopSharedPostgres);

const STATUS = ["none", "in_transit", "received", "voided"];
/** Restarting the node from its saved state: anvil only (TEST_EVM=hardhat skips it). */
const restarts = { timeout: 120_000, skip: NO_RESTART };

/** The database says exactly what the chain says: every event once, and every projection equal. */
async function assertMatchesChain(w: World) {
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

for (const backend of ["embedded PGlite", "PostgreSQL 15"] as BackendName[]) {
  describe(`indexer on ${backend}`, () => {
    const test = worldTestOn(backend);
    test("indexesEveryEventOnce_andReadingThemAgainChangesNothing", async (w) => {
      await w.lap();
      await w.lap();
      const ix = w.indexer();
      await catchUp(ix);
      await assertMatchesChain(w);
      const before = await w.db.holding.findMany({ orderBy: [{ batchId: "asc" }, { account: "asc" }] });
      // Forget the cursor: every event is read a second time, and must change nothing.
      await w.db.indexerCursor.deleteMany();
      await catchUp(ix);
      await assertMatchesChain(w);
      assert.deepEqual(await w.db.holding.findMany({ orderBy: [{ batchId: "asc" }, { account: "asc" }] }), before);
      const received = await w.db.shipment.findFirst({ where: { status: "received", shortfall: 1 } });
      assert.ok(received, "a shortfall is recorded on the shipment");
      // Text is stored as emitted (lots are case-sensitive GS1 values); only addresses are normalised.
      assert.deepEqual(
        (await w.db.batch.findMany({ select: { lot: true }, orderBy: { lot: "asc" } })).map((b) => b.lot),
        ["L1", "L2"],
      );
      assert.equal((await w.db.organisation.findFirst({ where: { roles: 2 } }))?.name, "Huaxin Pharmaceutical");
      const shipped = await w.db.custodyEvent.findFirst({ where: { eventName: "BatchShipped" } });
      assert.equal(shipped?.bizStep, "shipping");
    });

    test("survivesBeingKilledMidRun_withNoGapAndNoDuplicate", { timeout: 180_000 }, async (w) => {
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
    });

    test("followsTheChainNodeThroughRestarts_evenOneThatLostItsLastBlocks", restarts, async (w) => {
      const ix = w.indexer();
      await w.lap();
      await catchUp(ix);
      await w.restartChain("SIGTERM");
      await w.lap();
      await catchUp(ix);
      await assertMatchesChain(w);
      // New blocks, indexed at once, then the node is killed before it writes them to disk.
      await w.lap();
      await catchUp(ix);
      await w.restartChain("SIGKILL");
      await catchUp(ix);
      await w.lap();
      await catchUp(ix);
      await assertMatchesChain(w);
    });

    test("aChainNodeThatCannotAnswer_isNoReorganisation_nothingIndexedIsRolledBack", restarts, async (w) => {
      const ix = w.indexer();
      await w.lap();
      await catchUp(ix);
      const counts = async () => [
        await w.db.custodyEvent.count(),
        await w.db.batch.count(),
        await w.db.organisation.count(),
      ];
      const before = await counts();
      const cursor = await w.db.indexerCursor.findMany();
      // Found by attacking `npm start`: a SIGKILLed node read as "the chain lost every block", and
      // the indexer deleted every event, batch and organisation it had (verdicts: unknown pack).
      w.killChainNode();
      await sleep(200);
      await assert.rejects(ix.step());
      assert.deepEqual(await counts(), before);
      assert.deepEqual(await w.db.indexerCursor.findMany(), cursor);
      await w.restartChain("SIGTERM");
      await w.lap();
      await catchUp(ix);
      await assertMatchesChain(w);
    });

    test("rollsBackAReorganisation_andIndexesTheNewBranch", { timeout: 120_000 }, async (w) => {
      const ix = w.indexer();
      await w.lap();
      const fork = await w.rpc<string>("evm_snapshot");
      // On the branch that will be orphaned: the maker gains a third company prefix, then two laps.
      const maker = w.orgs.maker.address;
      await w.wait(w.contract(w.cast.regulator).write.setCompanyPrefixes([maker, [...MAKER_PREFIXES, "8001234"]]));
      await w.lap();
      await w.lap();
      await catchUp(ix);
      const prefixesOf = async () =>
        (await w.db.organisation.findUniqueOrThrow({ where: { account: maker.toLowerCase() } })).companyPrefixes;
      assert.deepEqual(await prefixesOf(), [...MAKER_PREFIXES, "8001234"]);
      const orphaned = w.batches.slice(-2);
      assert.equal(await w.db.batch.count({ where: { id: { in: orphaned } } }), 2);
      // Replace the last two laps with a different history of the same height and more.
      await w.rpc("evm_revert", [fork]);
      await w.lap();
      await w.mine(0x20);
      const first = await ix.step();
      assert.equal(first.kind, "rolled-back");
      await catchUp(ix);
      assert.equal(await w.db.batch.count({ where: { id: { in: orphaned } } }), 0);
      assert.deepEqual(await prefixesOf(), [...MAKER_PREFIXES], "the orphaned prefix change is rolled back");
      await assertMatchesChain(w);
    });

    test("twoIndexersRace_onlyOneWrites_andTheOtherTakesOverWhenItDies", { timeout: 120_000 }, async (w) => {
      const a = w.indexer({ holder: "indexer-a", leaseMs: 800 });
      const b = w.indexer({ holder: "indexer-b", leaseMs: 800 });
      const stopA = new AbortController();
      const stopB = new AbortController();
      const runs = [a.run(stopA.signal), b.run(stopB.signal)];
      for (let i = 0; i < 3; i++) await w.lap();
      const caughtUp = async () => {
        for (let i = 0; i < 500; i++) {
          const c = await w.db.indexerCursor.findFirst();
          if (c && c.lastBlock === (await w.client.getBlockNumber())) return;
          await sleep(20);
        }
        throw new Error("not caught up");
      };
      await caughtUp();
      await assertMatchesChain(w);
      const leader = (await w.db.indexerLease.findFirst())!.holder;
      // The leader dies without releasing its lease; the other must take over.
      (leader === "indexer-a" ? stopA : stopB).abort();
      for (let i = 0; i < 2; i++) await w.lap();
      await caughtUp();
      assert.notEqual((await w.db.indexerLease.findFirst())!.holder, leader);
      await assertMatchesChain(w);
      stopA.abort();
      stopB.abort();
      await Promise.all(runs);
    });
  });
}
