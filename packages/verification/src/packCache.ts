/**
 * The consumer hot path's reads, for a long-running verification service.
 *
 * - A pack's record (leaf index, commitment) never changes once written: kept in a bounded LRU.
 * - A batch's facts (status, reason, expiry, product, manufacturer) are shared by all its packs and
 *   change rarely, but a recall must reach later scans at once: kept at most `batchTtlMs` (1 s) from
 *   the moment they were asked of the database, then read again before the next answer. A recall
 *   indexed at time t is therefore in every verdict and pack lookup from t + 1 s on (plus query time),
 *   and sooner where the replica's poll sees its event (it drops the batch's facts: `forget`). A batch
 *   in use is read again from half the TTL on, in the background, so that answers do not wait for it.
 * - A pack's state (claim, dispense, wrong PINs in the lock window, checks since the claim) is read
 *   fresh for every PIN check, but the reads of concurrent checks travel in one query (BatchLoader),
 *   and the first claim is still decided by the database's unique key (`claim`), not here.
 */
import { randomBytes } from "node:crypto";
import type { Pool } from "@tracemed/db";
import { BatchLoader } from "./batchLoader";
import type { StatusGuard } from "./chainStatus";
import { otherLotThroughPool } from "./mismatch";
import {
  BATCH_FACTS_SQL,
  BATCH_JOINS_SQL,
  guardUnknown,
  packInfoOf,
  type BatchFacts,
  type PackInfo,
  type Printed,
} from "./packInfo";
import type { PackKey } from "@tracemed/provenance/packKey";
import { PACK_STATE_JOINS_SQL, PACK_STATE_SQL, type ClaimPack, type PackLookup, type PackState } from "./verifyPack";

export interface PackCacheOptions {
  /** longest time a batch's facts are used after they were read (default 1,000 ms) */
  batchTtlMs?: number;
  /** pack records kept (default 200,000: about 60 MB) */
  maxPacks?: number;
  /** most packs per batched query (default 256) */
  maxBatch?: number;
  /** most batched queries out at once (default 4) */
  maxInFlight?: number;
  /** the chain's word on a batch's status while the database is behind it (chainStatus.ts) */
  guard?: StatusGuard;
}

interface PackRecord {
  leafIndex: number;
  commitment: string;
}

/** A Map kept in use order: a hit moves the key to the end, inserts beyond `max` drop the oldest. */
class Lru<K, V> {
  private readonly map = new Map<K, V>();
  constructor(private readonly max: number) {}
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: K, v: V) {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
  get size() {
    return this.map.size;
  }
}

/** Timestamps go to timestamp(3) columns as UTC text, as Prisma stores DateTime. */
const ts = (d: Date) => d.toISOString().replace("Z", "");

export class PackCache {
  private readonly batchTtlMs: number;
  private readonly batches = new Map<
    string,
    { at: number; facts: Promise<BatchFacts | undefined>; refreshing: boolean }
  >();
  private readonly packs: Lru<string, PackRecord>;
  private readonly records: BatchLoader<{ batchId: string; serial: string }, PackRecord | undefined>;
  private readonly states: BatchLoader<{ batchId: string; serial: string; since: Date }, PackState | undefined>;
  private readonly claims: BatchLoader<Parameters<ClaimPack>[0], boolean>;
  private readonly counts = { batchReads: 0, packHits: 0, packMisses: 0 };
  private readonly guard?: StatusGuard;

  /**
   * @param pool node-postgres pool: its named statements are planned once per connection (through
   *   Prisma every call was parsed and planned again, ~1.7 ms of the server's time per batched query)
   */
  constructor(
    private readonly pool: Pool,
    options: PackCacheOptions = {},
  ) {
    this.batchTtlMs = options.batchTtlMs ?? 1_000;
    this.guard = options.guard;
    this.packs = new Lru(options.maxPacks ?? 200_000);
    const maxBatch = options.maxBatch ?? 256;
    const maxInFlight = options.maxInFlight ?? 4;
    this.records = new BatchLoader(
      async (keys) => {
        const rows = await prepared<PackRecord & { i: number }>(
          pool,
          "pack-records-v1",
          `SELECT k.i::int AS i, p."leafIndex", p.commitment
             FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(batch, serial, i)
             JOIN "Pack" p ON p."batchId" = k.batch AND p.serial = k.serial`,
          [keys.map((k) => k.batchId), keys.map((k) => k.serial)],
        );
        return inOrder(keys.length, rows);
      },
      maxBatch,
      maxInFlight,
    );
    this.states = new BatchLoader(
      async (keys) => {
        const rows = await prepared<PackState & { i: number }>(
          pool,
          "pack-states-v1",
          `SELECT k.i::int AS i, ${PACK_STATE_SQL}
             FROM unnest($1::text[], $2::text[], $3::timestamp(3)[]) WITH ORDINALITY AS k(batch, serial, since, i)
             JOIN "Pack" p ON p."batchId" = k.batch AND p.serial = k.serial
             ${PACK_STATE_JOINS_SQL("k.since")}`,
          [keys.map((k) => k.batchId), keys.map((k) => k.serial), keys.map((k) => ts(k.since))],
        );
        return inOrder(keys.length, rows);
      },
      maxBatch,
      maxInFlight,
    );
    this.claims = new BatchLoader(
      async (keys) => {
        const packOf = (k: { batchId: string; leafIndex: number }) => `${k.batchId}|${k.leafIndex}`;
        const first = new Map<string, number>();
        keys.forEach((k, i) => first.has(packOf(k)) || first.set(packOf(k), i));
        const unique = [...first.values()].map((i) => keys[i]!);
        const rows = await prepared<{ batchId: string; leafIndex: number }>(
          pool,
          "claim-packs-v1",
          `INSERT INTO "ClaimRequest" ("batchId", "leafIndex", commitment, region, "updatedAt")
           SELECT b, l, c, r, now() FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) AS k(b, l, c, r)
           ON CONFLICT ("batchId", "leafIndex") DO NOTHING
           RETURNING "batchId", "leafIndex"`,
          [
            unique.map((k) => k.batchId),
            unique.map((k) => k.leafIndex),
            unique.map((k) => k.commitment),
            unique.map((k) => k.region),
          ],
        );
        const claimed = new Set(rows.map(packOf));
        return keys.map((k, i) => claimed.has(packOf(k)) && first.get(packOf(k)) === i);
      },
      maxBatch,
      maxInFlight,
    );
  }

  /**
   * A batch's facts, read again once older than the TTL (concurrent readers share one query), with the
   * chain's status in place of the database's while the database is behind the chain.
   */
  async batch(batchId: string, now = Date.now()): Promise<BatchFacts | undefined> {
    const facts = await this.indexedBatch(batchId, now);
    return facts && this.guard ? this.guard.confirm(batchId, facts) : facts;
  }

  /** Drops a batch's facts: the next answer reads them again (an event of the batch was indexed). */
  forget(batchId: string): void {
    this.batches.delete(batchId);
  }

  private indexedBatch(batchId: string, now: number): Promise<BatchFacts | undefined> {
    const cached = this.batches.get(batchId);
    if (cached && now - cached.at < this.batchTtlMs) {
      // Read again ahead of time, so that under steady use no answer waits for the read: the facts in use
      // stay younger than the TTL either way, and a refresh that a forget() overtook is dropped.
      if (!cached.refreshing && now - cached.at >= this.batchTtlMs / 2) {
        cached.refreshing = true;
        const next = { at: now, facts: this.readBatch(batchId), refreshing: false };
        next.facts.then(
          () => this.batches.get(batchId) === cached && this.batches.set(batchId, next),
          () => (cached.refreshing = false),
        );
      }
      return cached.facts;
    }
    const facts = this.readBatch(batchId);
    if (this.batches.size >= 10_000) this.batches.clear();
    this.batches.set(batchId, { at: now, facts, refreshing: false });
    facts.catch(() => this.batches.get(batchId)?.facts === facts && this.batches.delete(batchId));
    return facts;
  }

  private readBatch(batchId: string): Promise<BatchFacts | undefined> {
    this.counts.batchReads++;
    return prepared<BatchFacts>(
      this.pool,
      "batch-facts-v1",
      `SELECT ${BATCH_FACTS_SQL} FROM "Batch" b ${BATCH_JOINS_SQL} WHERE b.id = $1`,
      [batchId],
    ).then((rows) => rows[0]);
  }

  /** The lookup for verifyPack: the batch's facts and the pack's fresh state. */
  readonly lookup: PackLookup = async (batchId, serial, since) => {
    const [batch, state] = await Promise.all([this.batch(batchId), this.states.get({ batchId, serial, since })]);
    if (!batch || !state) return undefined;
    this.packs.set(`${batchId}|${serial}`, { leafIndex: state.leafIndex, commitment: state.commitment });
    return { ...batch, ...state };
  };

  /**
   * A pack's first claim. Concurrent claims travel in one INSERT, one commit (through Prisma, one statement
   * and commit per claim cost about 1 ms of this service's CPU, and 2 ms on the embedded database); the
   * unique key still decides, and among checks of the same pack in one INSERT only the first one claims it.
   */
  readonly claim: ClaimPack = (c) => this.claims.get(c);

  /** What anyone may see of a pack before its PIN: no per-pack query once its record is cached. */
  async info(key: PackKey, now = new Date(), printed?: Printed): Promise<PackInfo> {
    const id = `${key.batchId}|${key.serial}`;
    let record = this.packs.get(id);
    const batch = this.batch(key.batchId, now.getTime());
    batch.catch(() => undefined); // awaited below only when the pack exists
    if (record) this.counts.packHits++;
    else {
      this.counts.packMisses++;
      record = await this.records.get({ batchId: key.batchId, serial: key.serial });
      if (record) this.packs.set(id, record);
    }
    return guardUnknown(
      packInfoOf(key, record ? await batch : undefined, now, printed),
      this.guard,
      otherLotThroughPool(this.pool),
    );
  }

  stats() {
    return {
      ...this.counts,
      packsCached: this.packs.size,
      recordQueries: this.records.stats,
      stateQueries: this.states.stats,
      claimQueries: this.claims.stats,
    };
  }
}

/**
 * Runs a named (prepared once per connection) statement. The name carries the connection's own random
 * suffix: the embedded server serves every connection from one PGlite session, where statement names
 * are shared, so two connections preparing "pack-states-v1" would collide there.
 */
const connectionIds = new WeakMap<object, string>();
async function prepared<T extends object>(pool: Pool, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = await pool.connect();
  let failed = false;
  try {
    let id = connectionIds.get(client);
    if (!id) connectionIds.set(client, (id = randomBytes(4).toString("hex")));
    return (await client.query<T>({ name: `${name}-${id}`, text, values })).rows;
  } catch (error) {
    failed = true; // a connection that failed a query is not trusted again
    throw error;
  } finally {
    client.release(failed);
  }
}

/** Rows tagged with their key's 1-based position, back in key order (undefined where nothing matched). */
function inOrder<T extends { i: number }>(n: number, rows: T[]): (Omit<T, "i"> | undefined)[] {
  const out = new Array<Omit<T, "i"> | undefined>(n).fill(undefined);
  for (const { i, ...row } of rows) out[i - 1] = row;
  return out;
}
