/**
 * No single event stalls the indexer: what cannot be projected is quarantined (kept raw, logged) and the
 * rest of its block, and every block after it, is projected.
 */
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { toHex, type Hex } from "viem";
import { accountOf, catchUp, emitAsOldLedger, ledgerLog, ORGS, stopSharedPostgres, worldTestOn } from "./testing";
import type { BackendName } from "./testing";
import { isEventFault, ProjectionError } from "./quarantine";

after(stopSharedPostgres);

const GTIN = 9521234543213n;

for (const backend of ["embedded PGlite", "PostgreSQL 15"] as BackendName[]) {
  describe(`quarantine on ${backend}`, () => {
    const test = worldTestOn(backend);
    test("eventsTheDatabaseRefuses_areQuarantinedAndLogged_andIndexingGoesOn", { timeout: 120_000 }, async (w) => {
      await w.lap();
      const lines: string[] = [];
      const ix = w.indexer({ log: (line) => lines.push(line) });
      await catchUp(ix);
      const batchId = w.batches[0]!;
      const maker = accountOf("maker") as Hex;
      const twin = toHex(0x7e1an, { size: 32 });
      // One block: a second batch with the lot of the first (the database's unique GTIN + lot), a
      // write-off too large for any holding, a log that is none of the ledger's events, and a good event.
      const logs = [
        ledgerLog("BatchCommissioned", {
          batchId: twin,
          manufacturer: maker,
          gtin: GTIN,
          lot: "L1",
          expiresAt: 2_000_000_000,
          packCount: 4,
          packsRoot: toHex(1n, { size: 32 }),
          by: maker,
        }),
        ledgerLog("StockDestroyed", { batchId, holder: maker, quantity: 2n ** 40n, reason: "flood", by: maker }),
        {
          topics: [toHex(0xdeadn, { size: 32 }), toHex(1n, { size: 32 }), toHex(2n, { size: 32 })],
          data: "0x" as Hex,
        },
        ledgerLog("BatchQuarantined", {
          batchId,
          organisation: ORGS.regulator.address,
          by: ORGS.regulator.address,
          reason: "Inspection",
        }),
      ];
      const receipts = await emitAsOldLedger(w, logs);
      await w.recall(batchId, "Contaminated");
      await catchUp(ix);

      const head = await w.client.getBlockNumber();
      assert.equal((await w.db.indexerCursor.findFirstOrThrow()).lastBlock, head, "the cursor moved past them");
      const rows = await w.db.quarantinedEvent.findMany({ orderBy: { logIndex: "asc" } });
      assert.deepEqual(
        rows.map((r) => [r.eventName, r.batchId, r.txHash]),
        [
          ["BatchCommissioned", twin, receipts[0]!.transactionHash],
          ["StockDestroyed", batchId, receipts[1]!.transactionHash],
          [null, null, receipts[2]!.transactionHash],
        ],
      );
      assert.match(rows[0]!.error, /unique|duplicate/i);
      assert.match(rows[1]!.error, /out of range|integer/i);
      assert.match(rows[2]!.error, /none of the ledger's events/);
      // Kept raw: the log can be decoded again once whatever refused it is mended.
      for (const [i, r] of rows.entries()) {
        assert.deepEqual(r.topics, logs[i]!.topics);
        assert.equal(toHex(r.data), logs[i]!.data);
        assert.equal(r.blockNumber, receipts[i]!.blockNumber);
        assert.equal(r.address, w.ledger.address.toLowerCase());
      }
      assert.equal(lines.filter((l) => l.startsWith("quarantined ")).length, 3);
      assert.ok(
        lines.some((l) =>
          l.startsWith(
            `quarantined StockDestroyed at block ${receipts[1]!.blockNumber} (tx ${receipts[1]!.transactionHash}`,
          ),
        ),
      );
      // The good event of the same block, and the recall after, are projected.
      assert.equal(await w.db.custodyEvent.count({ where: { txHash: receipts[3]!.transactionHash } }), 1);
      const batch = await w.db.batch.findUniqueOrThrow({ where: { id: batchId } });
      assert.equal(batch.status, "recalled");
      assert.equal(await w.db.batch.count({ where: { id: twin } }), 0);
      const holding = await w.db.holding.findUniqueOrThrow({
        where: { batchId_account: { batchId, account: maker } },
      });
      assert.equal(holding.writtenOff, 0, "the refused write-off changed no holding");

      // Read again from the start: the same three, once each, first seen when they were first seen.
      await w.db.indexerCursor.deleteMany();
      await catchUp(ix);
      assert.deepEqual(await w.db.quarantinedEvent.findMany({ orderBy: { logIndex: "asc" } }), rows);
    });

    test("quarantinedEventsAndRawNamesOfAnOrphanedBlock_goWithIt", { timeout: 120_000 }, async (w) => {
      await w.lap();
      const ix = w.indexer();
      await catchUp(ix);
      const fork = await w.rpc<string>("evm_snapshot");
      const maker = accountOf("maker") as Hex;
      const renamed = Uint8Array.from([0x48, 0x00, 0xff]);
      await emitAsOldLedger(w, [
        ledgerLog("StockDestroyed", {
          batchId: w.batches[0]!,
          holder: maker,
          quantity: 2n ** 40n,
          reason: "x",
          by: maker,
        }),
        ledgerLog("OrganisationUpdated", {
          account: maker,
          roles: 2,
          gln: BigInt(ORGS.maker.gln),
          country: "0x434e",
          name: renamed,
          by: ORGS.regulator.address,
        }),
      ]);
      await catchUp(ix);
      assert.equal(await w.db.quarantinedEvent.count(), 1);
      const nameOf = async () => {
        const o = await w.db.organisation.findUniqueOrThrow({ where: { account: maker } });
        return [o.name, o.nameRaw && toHex(o.nameRaw)];
      };
      assert.deepEqual(await nameOf(), ["H\\u0000\\xff", "0x4800ff"]);
      await w.rpc("evm_revert", [fork]);
      await w.mine(3);
      assert.equal((await ix.step()).kind, "rolled-back");
      await catchUp(ix);
      assert.equal(await w.db.quarantinedEvent.count(), 0, "the orphaned block's quarantined event is gone");
      assert.deepEqual(await nameOf(), [ORGS.maker.name, null], "and the orphaned rename with it");
    });
  });
}

describe("what is quarantined", () => {
  /** A database error as Prisma 7 reports it through the pg driver adapter (shape taken from a real one). */
  const dbError = (code: string, message: string) =>
    Object.assign(new Error(`Invalid \`prisma.$executeRawUnsafe()\` invocation:\n\nRaw query failed.`), {
      code: "P2010",
      meta: { driverAdapterError: { cause: { originalCode: code, originalMessage: message } } },
    });

  it("onlyRefusalsTheEventsOwnDataCauses_notAnOutage", () => {
    assert.equal(isEventFault(dbError("23505", "duplicate key")), true, "a constraint");
    assert.equal(isEventFault(dbError("22003", "out of range")), true, "a value out of range");
    assert.equal(isEventFault(new ProjectionError("unknown event")), true, "the projector's own refusal");
    assert.equal(isEventFault(dbError("57P01", "terminating connection")), false, "the server shutting down");
    assert.equal(isEventFault(dbError("40001", "could not serialize")), false, "a serialization failure");
    assert.equal(isEventFault(new Error("connect ECONNREFUSED 127.0.0.1:5433")), false, "no database");
  });
});
