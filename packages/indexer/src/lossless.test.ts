/**
 * Strings an older deployment may hold (U+0000, invalid UTF-8, bidi controls), emitted by the ledger's
 * address on a real anvil, reach the database without loss and stall nothing (the issue: a write-off
 * reason "damaged\u0000" stopped the indexer for good, and a recall after it was never indexed).
 */
import assert from "node:assert/strict";
import { after, describe } from "node:test";
import fc from "fast-check";
import { toHex, type Hex } from "viem";
import type { JsonArgs, RawArgs } from "./decode";
import { accountOf, catchUp, emitAsOldLedger, ledgerLog, ORGS, stopSharedPostgres, worldTestOn } from "./testing";
import type { BackendName, World } from "./testing";
import { countryText, exactBytes } from "./text";

after(stopSharedPostgres);

const utf8 = (s: string) => new TextEncoder().encode(s);
const GTIN = 9521234543213n;
const REGULATOR = ORGS.regulator.address;

/** The exact bytes of string argument `k` of a stored event. */
function argBytes(e: { args: unknown; rawArgs: unknown }, k: string): Uint8Array {
  return exactBytes(String((e.args as JsonArgs)[k]), (e.rawArgs as RawArgs | null)?.[k] as Hex | undefined);
}

async function eventOf(w: World, txHash: Hex) {
  return w.db.custodyEvent.findFirstOrThrow({ where: { txHash } });
}

async function assertCaughtUp(w: World) {
  const cursor = await w.db.indexerCursor.findFirstOrThrow();
  assert.equal(cursor.lastBlock, await w.client.getBlockNumber(), "the cursor reached the chain's head");
  assert.deepEqual(await w.db.quarantinedEvent.findMany(), [], "nothing was quarantined: every event projected");
}

for (const backend of ["embedded PGlite", "PostgreSQL 15"] as BackendName[]) {
  describe(`chain strings on ${backend}`, () => {
    const test = worldTestOn(backend);
    test(
      "aWriteOffReasonWithU0000_isStoredExactly_andTheRecallAfterItReachesTheBatch",
      { timeout: 120_000 },
      async (w) => {
        await w.lap();
        const ix = w.indexer();
        await catchUp(ix);
        const batchId = w.batches[0]!;
        const maker = accountOf("maker") as Hex;
        const damaged = utf8("damaged\u0000");
        const name = Uint8Array.from([0x48, 0x75, 0xff, 0x61, 0x78]); // "Hu", a byte that is not UTF-8, "ax"
        const lot = utf8("\u202EL9\u0000"); // a right-to-left override and U+0000
        const held = Uint8Array.from([0x6f, 0x6e, 0xc3, 0x28]); // a broken two-byte sequence
        const newBatch = toHex(0xb47c4n, { size: 32 });
        const [writeOff, rename, commission, quarantine] = await emitAsOldLedger(w, [
          ledgerLog("StockDestroyed", { batchId, holder: maker, quantity: 1n, reason: damaged, by: maker }),
          ledgerLog("OrganisationUpdated", {
            account: maker,
            roles: 2,
            gln: BigInt(ORGS.maker.gln),
            country: "0x434e",
            name,
            by: REGULATOR,
          }),
          ledgerLog("BatchCommissioned", {
            batchId: newBatch,
            manufacturer: maker,
            gtin: GTIN,
            lot,
            expiresAt: 2_000_000_000,
            packCount: 3,
            packsRoot: toHex(1n, { size: 32 }),
            by: maker,
          }),
          ledgerLog("BatchQuarantined", { batchId, organisation: REGULATOR, by: REGULATOR, reason: held }),
        ]);
        // The recall comes after, from the real ledger (its code is back).
        await w.recall(batchId, "Contaminated");
        await catchUp(ix);
        await assertCaughtUp(w);

        const e = await eventOf(w, writeOff!.transactionHash);
        assert.equal((e.args as JsonArgs).reason, "damaged\\u0000", "U+0000 is escaped in the stored text");
        assert.deepEqual(argBytes(e, "reason"), damaged, "and its exact bytes are beside it");
        const org = await w.db.organisation.findUniqueOrThrow({ where: { account: maker } });
        assert.equal(org.name, "Hu\\xffax");
        assert.deepEqual(exactBytes(org.name, org.nameRaw), name);
        assert.deepEqual(argBytes(await eventOf(w, rename!.transactionHash), "name"), name);
        const b = await w.db.batch.findUniqueOrThrow({ where: { id: newBatch } });
        assert.equal(b.lot, "\u202EL9\\u0000", "the bidi control is valid UTF-8 and stored as is");
        assert.deepEqual(exactBytes(b.lot, b.lotRaw), lot);
        assert.deepEqual(argBytes(await eventOf(w, commission!.transactionHash), "lot"), lot);
        assert.deepEqual(argBytes(await eventOf(w, quarantine!.transactionHash), "reason"), held);
        const recalled = await w.db.batch.findUniqueOrThrow({ where: { id: batchId } });
        assert.deepEqual(
          [recalled.status, recalled.statusReason, recalled.statusReasonRaw],
          ["recalled", "Contaminated", null],
          "the recall after the odd events is projected",
        );
        // Read again from the start (as after a restart with a lost cursor): nothing changes.
        await w.db.indexerCursor.deleteMany();
        await catchUp(ix);
        await assertCaughtUp(w);
        assert.equal((await w.db.batch.findUniqueOrThrow({ where: { id: batchId } })).status, "recalled");
      },
    );

    test("fuzz_everyStringAndBytesField_roundTripsToItsBytes_andTheCursorAdvances", { timeout: 300_000 }, async (w) => {
      const ix = w.indexer();
      await catchUp(ix);
      const tricky = fc
        .array(fc.constantFrom(0x00, 0xff, 0xc3, 0x80, 0xe2, 0x80, 0xae, 0xef, 0xbb, 0xbf, 0x5c, 0x75, 0x41), {
          maxLength: 24,
        })
        .map((a) => Uint8Array.from(a));
      const anyBytes = fc.oneof(
        fc.uint8Array({ maxLength: 48 }),
        fc.string({ unit: "binary", maxLength: 16 }).map(utf8),
        tricky,
      );
      const fixed = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => toHex(b));
      let gtin = 10_000_000_000_000n;
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            account: fixed(20),
            batchId: fixed(32),
            packsRoot: fixed(32),
            country: fixed(2),
            name: anyBytes,
            prefixes: fc.array(anyBytes, { maxLength: 3 }),
            lot: anyBytes,
            quarantineReason: anyBytes,
            writeOffReason: anyBytes,
            recallReason: anyBytes,
          }),
          async (c) => {
            gtin++;
            const receipts = await emitAsOldLedger(w, [
              ledgerLog("OrganisationOnboarded", {
                account: c.account,
                roles: 2,
                gln: gtin,
                country: c.country,
                name: c.name,
                by: REGULATOR,
              }),
              ledgerLog("OrganisationPrefixesSet", { account: c.account, prefixes: c.prefixes, by: REGULATOR }),
              ledgerLog("BatchCommissioned", {
                batchId: c.batchId,
                manufacturer: c.account,
                gtin,
                lot: c.lot,
                expiresAt: 2_000_000_000,
                packCount: 5,
                packsRoot: c.packsRoot,
                by: c.account,
              }),
              ledgerLog("BatchQuarantined", {
                batchId: c.batchId,
                organisation: REGULATOR,
                by: REGULATOR,
                reason: c.quarantineReason,
              }),
              ledgerLog("StockDestroyed", {
                batchId: c.batchId,
                holder: c.account,
                quantity: 1n,
                reason: c.writeOffReason,
                by: c.account,
              }),
              ledgerLog("BatchRecalled", {
                batchId: c.batchId,
                organisation: REGULATOR,
                by: REGULATOR,
                reason: c.recallReason,
              }),
            ]);
            await catchUp(ix);
            await assertCaughtUp(w);
            const [onboarded, prefixesSet, commissioned, quarantined, writtenOff, recalled] = await Promise.all(
              receipts.map((r) => eventOf(w, r.transactionHash)),
            );
            assert.deepEqual(argBytes(onboarded!, "name"), c.name);
            assert.equal((onboarded!.args as JsonArgs).country, c.country);
            const stored = (prefixesSet!.rawArgs as RawArgs | null)?.prefixes as Hex[] | undefined;
            const texts = (prefixesSet!.args as JsonArgs).prefixes as string[];
            assert.deepEqual(
              texts.map((t, i) => exactBytes(t, stored?.[i])),
              c.prefixes,
            );
            assert.deepEqual(argBytes(commissioned!, "lot"), c.lot);
            assert.deepEqual(argBytes(quarantined!, "reason"), c.quarantineReason);
            assert.deepEqual(argBytes(writtenOff!, "reason"), c.writeOffReason);
            assert.deepEqual(argBytes(recalled!, "reason"), c.recallReason);
            const org = await w.db.organisation.findUniqueOrThrow({ where: { account: c.account } });
            assert.deepEqual(exactBytes(org.name, org.nameRaw), c.name);
            assert.equal(org.country, countryText(c.country));
            assert.deepEqual(org.companyPrefixes, texts);
            const batch = await w.db.batch.findUniqueOrThrow({ where: { id: c.batchId } });
            assert.deepEqual(exactBytes(batch.lot, batch.lotRaw), c.lot);
            assert.equal(batch.status, "recalled");
            assert.deepEqual(exactBytes(batch.statusReason!, batch.statusReasonRaw), c.recallReason);
          },
        ),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 25) },
      );
    });
  });
}
