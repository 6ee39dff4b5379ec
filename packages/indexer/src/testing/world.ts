/**
 * Test world for the indexer: the test chain (chain.ts) with a stream of custody writes, and a
 * fresh database (embedded PGlite or PostgreSQL 15) per test.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { it, type TestOptions } from "node:test";
import { createDb, migrate, type Db } from "@tracemed/db";
import { startEmbeddedPostgres } from "@tracemed/db/embedded";
import { freePort, startTestPostgres, type TestPostgres } from "@tracemed/db/testing";
import pg from "pg";
import { CANCEL_NOTICE_SECONDS } from "@tracemed/chain";
import { encodeAbiParameters, keccak256, toHex, type Address, type Hex } from "viem";
import type { IndexerConfig } from "../indexer";
import { CAST, catchUp, startLedger, type Party } from "./chain";

const GTIN = 9521234543213n;

/** One shared PostgreSQL server per test process; each test gets its own database in it. */
let sharedPg: Promise<TestPostgres> | undefined;
let dbCounter = 0;

export type BackendName = "embedded PGlite" | "PostgreSQL 15";

export async function freshDatabase(backend: BackendName): Promise<{ url: string; stop: () => Promise<void> }> {
  if (backend === "PostgreSQL 15") {
    sharedPg ??= startTestPostgres();
    const server = await sharedPg;
    const name = `t${process.pid}_${++dbCounter}`;
    const admin = new pg.Client(server.url);
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return { url: server.url.replace("/postgres?", `/${name}?`), stop: async () => {} };
  }
  const dir = await mkdtemp(path.join(tmpdir(), "tracemed-idx-db-"));
  const server = await startEmbeddedPostgres(dir, await freePort());
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function stopSharedPostgres(): Promise<void> {
  if (sharedPg) await (await sharedPg).stop();
}

/** A fresh database, migrated, with a client of `max` connections; stop() disconnects and drops it. */
export async function openDatabase(backend: BackendName, max: number) {
  const database = await freshDatabase(backend);
  await migrate(database.url);
  const db: Db = createDb(database.url, { max });
  return {
    db,
    url: database.url,
    async stop() {
      await db.$disconnect();
      await database.stop();
    },
  };
}

export async function startWorld(backend: BackendName) {
  const chainDir = await mkdtemp(path.join(tmpdir(), "tracemed-idx-chain-"));
  const chain = await startLedger(chainDir);
  const database = await openDatabase(backend, 4);
  const { db } = database;
  const { maker, distributor, pharmacy } = CAST;
  const as = (party: Party) => chain.contract(CAST[party]);
  const wait = chain.wait;
  const batches: Hex[] = [];
  let lot = 0;
  let ref = 0;

  /** One lap of custody writes: register, ship, receive (with a shortfall), cancel, dispense, claim. */
  async function lap() {
    const name = `L${++lot}`;
    // A tiny two-pack tree: leaf = keccak(keccak(abi.encode(index, commitment))), sorted pairs.
    const c0 = keccak256(toHex(`${name}:0`));
    const c1 = keccak256(toHex(`${name}:1`));
    const leaf = (i: bigint, c: Hex) =>
      keccak256(keccak256(encodeAbiParameters([{ type: "uint256" }, { type: "bytes32" }], [i, c])));
    const [l0, l1] = [leaf(0n, c0), leaf(1n, c1)];
    const root = keccak256(BigInt(l0) < BigInt(l1) ? (`${l0}${l1.slice(2)}` as Hex) : (`${l1}${l0.slice(2)}` as Hex));
    const expires = Number((await chain.client.getBlock()).timestamp) + 365 * 86_400;
    const batchId = await as("maker").read.batchIdOf([GTIN, name]);
    // Pack rows exist before the batch is on chain, as in the registration flow.
    await db.pack.createMany({
      data: [
        { batchId, leafIndex: 0, serial: `${name}-S0`, commitment: c0 },
        { batchId, leafIndex: 1, serial: `${name}-S1`, commitment: c1 },
      ],
    });
    await wait(as("maker").write.registerBatch([GTIN, name, expires, 4, root]));
    batches.push(batchId);
    const r1 = toHex(++ref, { size: 32 });
    await wait(as("maker").write.ship([batchId, distributor.address, 2n, r1]));
    await wait(as("distributor").write.confirmReceipt([batchId, maker.address, 2n, r1, 2n]));
    const r2 = toHex(++ref, { size: 32 });
    await wait(as("distributor").write.ship([batchId, pharmacy.address, 2n, r2]));
    const r3 = toHex(++ref, { size: 32 });
    await wait(as("maker").write.ship([batchId, distributor.address, 1n, r3]));
    // A cancellation the distributor does not contest: requested, then completed after the notice.
    await wait(as("maker").write.cancelShipment([batchId, distributor.address, 1n, r3]));
    await chain.rpc("evm_increaseTime", [CANCEL_NOTICE_SECONDS + 1]);
    await wait(as("maker").write.completeCancellation([batchId, distributor.address, 1n, r3]));
    await wait(as("pharmacy").write.confirmReceipt([batchId, distributor.address, 2n, r2, 1n]));
    await wait(as("pharmacy").write.dispense([batchId, 0n, c0, [l1]]));
    await wait(as("verifier").write.claim([batchId, 1n, c1, [l0]]));
  }

  return {
    ...chain,
    db,
    databaseUrl: database.url,
    /** An indexer of the ledger into this world's database. */
    indexer: (extra: Partial<IndexerConfig> = {}) => chain.indexer(db, extra),
    batches,
    accounts: { maker: maker.address, distributor: distributor.address, pharmacy: pharmacy.address } as Record<
      string,
      Address
    >,
    lap,
    /** Recalls a batch as the council (irreversible). */
    recall: (batchId: Hex, reason: string) => chain.asCouncil("recall", [batchId, reason]),
    /** Quarantines a batch as the regulator. */
    quarantine: (batchId: Hex, reason: string) => wait(as("regulator").write.quarantine([batchId, reason])),
    /** Lifts a quarantine as the regulator. */
    release: (batchId: Hex) => wait(as("regulator").write.release([batchId])),
    /** Writes stock off (CBV "destroying") as the given holder. */
    writeOff: (holder: "maker" | "distributor" | "pharmacy", batchId: Hex, quantity: bigint, reason: string) =>
      wait(as(holder).write.writeOff([batchId, quantity, reason])),
    /** Suspends an organisation as the council. */
    suspend: (account: Address) => chain.asCouncil("suspend", [account]),
    /** The ledger as one of the world's organisations, for writes the helpers above do not cover. */
    actAs: as,
    /** Indexes the chain into the database until the indexer has nothing left to do. */
    async sync(timeoutMs = 30_000) {
      const ix = chain.indexer(db);
      await catchUp(ix, timeoutMs);
      await ix.releaseLease();
    },
    read: chain.contract(CAST.deployer),
    async stop() {
      await database.stop();
      await chain.stopChain();
      await rm(chainDir, { recursive: true, force: true });
    },
  };
}

export type World = Awaited<ReturnType<typeof startWorld>>;

/** A test on a fresh world (`start` makes it), which is stopped afterwards whatever happens. */
export const worldTest =
  <W extends { stop(): Promise<void> }>(start: () => Promise<W>) =>
  (name: string, ...rest: [TestOptions, (w: W) => Promise<void>] | [(w: W) => Promise<void>]) => {
    const body = rest.length === 2 ? rest[1] : rest[0];
    return it(name, rest.length === 2 ? rest[0] : {}, async () => {
      const w = await start();
      try {
        await body(w);
      } finally {
        await w.stop();
      }
    });
  };

/** `worldTest` on a fresh `startWorld(backend)`. */
export const worldTestOn = (backend: BackendName) => worldTest(() => startWorld(backend));
