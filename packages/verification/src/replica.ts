/**
 * The consumer hot path without a database round trip: an in-memory replica of the packs of the batches
 * being verified (their records, and their claim, dispense and check state), kept in step with the database.
 *
 * - A batch is loaded whole, in leaf-index chunks, once it is registered and all its packs are in the
 *   database; until then (and for a batch larger than the budget) the PackCache answers from the database.
 *   The least recently used batches leave when the budget (packs held) is exceeded.
 * - This process's own checks change the replica at once: its claims (still decided by the database's
 *   unique key, through the PackCache), and the scans it records (written in batches every `flushMs`).
 * - Everything else arrives through a poll every `pollMs` of two append-only logs: consumer scans (by id:
 *   other verification processes' checks, wrong PINs and claims) and custody events (by block: dispenses,
 *   undone dispenses and claims recorded on chain, re-read from their packs). A reorg that removed an
 *   event it had seen drops every loaded batch (they load again).
 *
 * What may lag: another process's checks and wrong PINs by up to `pollMs` plus its own flush interval, a
 * dispense by up to `pollMs` after it is indexed. A batch's status (recall, quarantine) is not replicated:
 * it comes from the PackCache's batch facts, at most a second old, and read again as soon as the poll sees a
 * custody or status event of the batch (which listeners hear of too: onBatchEvents). A first claim is never given twice: a
 * stale replica only means the database's unique key refuses the second one, which then reads the first.
 *
 * Loads, flushes and polls run one at a time (one `sync` chain), so a batch loaded from the database and
 * the scans applied to it after count every scan once.
 */
import type { Pool } from "@tracemed/db";
import type { PackCache } from "./packCache";
import type { PackKey } from "@tracemed/provenance/packKey";
import { otherLotThroughPool } from "./mismatch";
import { guardUnknown, packInfoOf, type PackInfo, type Printed } from "./packInfo";
import { SerialIndex } from "./serialIndex";
import { CHECK_AFTER_CLAIM_SQL, NOT_A_CHECK, type ClaimPack, type PackLookup, type ScanRecord } from "./verifyPack";

export interface ReplicaOptions {
  /** most packs held in memory, over all batches (default 4,000,000; about 120 bytes each) */
  maxPacks?: number;
  /** how often the scan and event logs are read (default 250 ms) */
  pollMs?: number;
  /** how often recorded scans are written (default 50 ms) */
  flushMs?: number;
  /** packs read per query while loading a batch (default 50,000) */
  loadChunk?: number;
  /** how long a batch that could not be loaded (not registered, packs missing) is left alone (default 5 s) */
  retryMs?: number;
}

const PACK_EVENTS = ["PacksDispensed", "PacksDispenseUndone", "PacksClaimed"];

/**
 * Told after a poll of the event log which batches had a custody or status event (a hop shipped, received,
 * refused or cancelled, stock written off, a recall, quarantine or release): "all" when an event of no batch
 * came (an organisation's, whose name a batch's journey shows) or every loaded batch was dropped (a reorg).
 * A pack's own events (dispenses, claims) are not custody events of its batch: the replica keeps them.
 * A change of an organisation's Chinese name (kept off the ledger) is "all" too.
 */
export type BatchEventListener = (batches: ReadonlySet<string> | "all") => void;

/** A pack's dispense as the replica holds it. */
export interface ReplicaDispense {
  at: Date;
  /** the pharmacy's account */
  by: string;
  byName: string | null;
}

/** What changes about a pack, for the packs that have any of it. Times in ms since the epoch. */
interface PackDyn {
  /** the claim request (first successful check), from this process or the database */
  requestedAt: number | null;
  claimRegion: string | null;
  /** the claim recorded on chain (indexed) */
  chainClaimedAt: number | null;
  dispensedAt: number | null;
  dispensedBy: string | null;
  dispensedByName: string | null;
  /** wrong PINs' times (the lock window's worth is enough) */
  wrong: number[];
  /** successful checks recorded after the claim */
  checks: number;
}

interface LoadedBatch {
  count: number;
  leafOf: SerialIndex;
  commitments: Buffer;
  dyn: Map<number, PackDyn>;
  usedAt: number;
}

interface PendingScan extends ScanRecord {
  /** already applied to a loaded batch (its row must then be skipped when the scan log is read) */
  applied: boolean;
}

/** A pack row's state columns as the queries below return them. */
interface StateRow {
  leafIndex: number;
  claimedAt: Date | null;
  dispensedAt: Date | null;
  dispensedBy: string | null;
  dispensedByName: string | null;
  requestedAt: Date | null;
  region: string | null;
}
const STATE_COLUMNS = `p."leafIndex", p."claimedAt", p."dispensedAt", p."dispensedBy", d.name AS "dispensedByName",
  c."requestedAt", c.region`;
const STATE_JOINS = `LEFT JOIN "Organisation" d ON d.account = p."dispensedBy"
  LEFT JOIN "ClaimRequest" c ON c."batchId" = p."batchId" AND c."leafIndex" = p."leafIndex"`;

/** Ids as a PostgreSQL int8multirange literal (a flush's ids mostly come in runs): '{[1,4],[9,9]}'. */
function ranges(ids: Iterable<number>): string {
  const sorted = [...ids].sort((x, y) => x - y);
  const out: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(`[${sorted[i]},${sorted[j]}]`);
    i = j + 1;
  }
  return `{${out.join(",")}}`;
}

const time = (d: Date | null) => (d ? d.getTime() : null);
const date = (ms: number | null) => (ms === null ? null : new Date(ms));
const ts = (ms: number) => new Date(ms).toISOString().replace("Z", "");
const blank = (): PackDyn => ({
  requestedAt: null,
  claimRegion: null,
  chainClaimedAt: null,
  dispensedAt: null,
  dispensedBy: null,
  dispensedByName: null,
  wrong: [],
  checks: 0,
});

export class VerifyReplica {
  private readonly maxPacks: number;
  private readonly loadChunk: number;
  private readonly retryMs: number;
  private readonly batches = new Map<string, LoadedBatch>();
  /** batches waiting to load, and batches that could not (until when they are left alone) */
  private readonly wanted = new Set<string>();
  private readonly refused = new Map<string, number>();
  private held = 0;
  private loading = false;
  private sync: Promise<void> = Promise.resolve();
  private timers: NodeJS.Timeout[] = [];
  private lastError = { message: "", at: 0 };

  private pending: PendingScan[] = [];
  /** checks recorded, not applied to a loaded batch and not yet written: by batch|serial */
  private readonly unwritten = new Map<string, number>();
  /** the scan log read up to here, ids below it never seen (maybe still committing: re-asked for a while) */
  private scanCursor = 0;
  private readonly gaps = new Map<number, number>();
  /** ids of this process's scans that were applied when recorded */
  private readonly ownApplied = new Set<number>();
  private blockCursor = -1n;
  private lastEventId: string | null = null;
  private readonly listeners = new Set<BatchEventListener>();
  /** the organisation names' state last seen (count and latest change), null before the first poll */
  private namesMark: string | null = null;

  readonly stats = {
    loads: 0,
    evictions: 0,
    resets: 0,
    hits: 0,
    fallbacks: 0,
    scansRead: 0,
    flushFailures: 0,
    /** polls of the logs completed (each begins with a flush of this process's scans) */
    polls: 0,
  };

  constructor(
    private readonly pool: Pool,
    private readonly fallback: PackCache,
    options: ReplicaOptions = {},
  ) {
    this.maxPacks = options.maxPacks ?? 4_000_000;
    this.loadChunk = options.loadChunk ?? 50_000;
    this.retryMs = options.retryMs ?? 5_000;
    this.pollMs = options.pollMs ?? 250;
    this.flushMs = options.flushMs ?? 50;
  }
  private readonly pollMs: number;
  private readonly flushMs: number;

  /** Starts from the logs' current ends and loads the most recently registered batches that fit half the budget. */
  async start(): Promise<void> {
    this.timers.push(
      setInterval(() => void this.run(() => this.flush()), this.flushMs),
      setInterval(() => void this.run(() => this.tick()), this.pollMs),
    );
    await this.run(async () => {
      const [{ id, block }] = (
        await this.pool.query<{ id: string | null; block: string | null }>(
          `SELECT (SELECT max(id) FROM "ConsumerScan")::text AS id,
                  (SELECT max("blockNumber") FROM "CustodyEvent")::text AS block`,
        )
      ).rows as [{ id: string | null; block: string | null }];
      this.scanCursor = Number(id ?? 0);
      this.blockCursor = BigInt(block ?? -1);
      const recent = await this.pool.query<{ id: string; packCount: number }>(
        `SELECT id, "packCount" FROM "Batch" ORDER BY "registeredAt" DESC LIMIT 1000`,
      );
      let room = this.maxPacks / 2;
      for (const b of recent.rows) {
        if (b.packCount > room) continue;
        room -= b.packCount;
        this.wanted.add(b.id);
      }
    });
  }

  /** Writes what is left and stops the timers. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.run(() => this.flush());
  }

  /** Runs `work` after everything queued before it (loads, flushes and polls never overlap). */
  private run(work: () => Promise<void>): Promise<void> {
    const next = this.sync.then(work).catch((e: Error) => {
      // Said once per kind of failure and minute (a database away fails every poll).
      const message = e.message.split("\n")[0]!;
      if (message === this.lastError.message && Date.now() - this.lastError.at < 60_000) return;
      this.lastError = { message, at: Date.now() };
      console.error(`[verify] replica: ${message}`);
    });
    this.sync = next;
    return next;
  }

  /** A loaded batch (marked as used), or undefined after asking for it to be loaded. */
  private loaded(batchId: string): LoadedBatch | undefined {
    const b = this.batches.get(batchId);
    if (b) {
      b.usedAt = Date.now();
      return b;
    }
    const until = this.refused.get(batchId);
    if (until === undefined || until < Date.now()) this.wanted.add(batchId);
    return undefined;
  }

  readonly lookup: PackLookup = async (batchId, serial, since) => {
    const b = this.loaded(batchId);
    if (!b) {
      this.stats.fallbacks++;
      return this.fallback.lookup(batchId, serial, since);
    }
    this.stats.hits++;
    const facts = await this.fallback.batch(batchId);
    const leaf = b.leafOf.get(serial);
    if (!facts || leaf === undefined) return undefined;
    const d = b.dyn.get(leaf);
    const from = since.getTime();
    let recentWrong = 0;
    if (d) for (const t of d.wrong) if (t > from) recentWrong++;
    return {
      ...facts,
      leafIndex: leaf,
      commitment: `0x${b.commitments.toString("hex", leaf * 32, leaf * 32 + 32)}`,
      dispensedAt: date(d?.dispensedAt ?? null),
      dispensedBy: d?.dispensedBy ?? null,
      dispensedByName: d?.dispensedByName ?? null,
      chainClaimedAt: date(d?.chainClaimedAt ?? null),
      requestedAt: date(d?.requestedAt ?? null),
      claimRegion: d?.claimRegion ?? null,
      recentWrong,
      checksAfterClaim: d?.checks ?? 0,
    };
  };

  /** The first claim, decided by the database; the replica learns the outcome either way. */
  readonly claim: ClaimPack = async (c) => {
    const claimed = await this.fallback.claim(c);
    const b = this.batches.get(c.batchId);
    if (!b) return claimed;
    if (claimed) {
      const d = this.dynOf(b, c.leafIndex);
      d.requestedAt ??= Date.now();
      d.claimRegion = c.region;
    } else await this.reread(c.batchId, [c.leafIndex]);
    return claimed;
  };

  /** Calls `listener` after each poll that saw custody or status events (see BatchEventListener); returns the undo. */
  onBatchEvents(listener: BatchEventListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** A pack's leaf index and dispense (null: not dispensed); undefined when the replica does not hold it. */
  packOf(key: PackKey): { leafIndex: number; dispense: ReplicaDispense | null } | undefined {
    const b = this.loaded(key.batchId);
    const leafIndex = b?.leafOf.get(key.serial);
    if (!b || leafIndex === undefined) return undefined;
    const d = b.dyn.get(leafIndex);
    const dispense =
      d && d.dispensedAt !== null && d.dispensedBy
        ? { at: new Date(d.dispensedAt), by: d.dispensedBy, byName: d.dispensedByName }
        : null;
    return { leafIndex, dispense };
  }

  /** What anyone may see of a pack before its PIN. */
  async info(key: PackKey, now = new Date(), printed?: Printed): Promise<PackInfo> {
    const b = this.loaded(key.batchId);
    if (!b) return this.fallback.info(key, now, printed);
    if (!b.leafOf.has(key.serial))
      return guardUnknown(packInfoOf(key, undefined, now), undefined, otherLotThroughPool(this.pool));
    return packInfoOf(key, await this.fallback.batch(key.batchId, now.getTime()), now, printed);
  }

  readonly recordScan = async (scan: ScanRecord): Promise<void> => {
    const b = scan.batchId ? this.batches.get(scan.batchId) : undefined;
    const leaf = b?.leafOf.get(scan.serial);
    const applied = b !== undefined && leaf !== undefined;
    if (applied) this.apply(b, leaf, scan.verdict, Date.now());
    else if (!NOT_A_CHECK.has(scan.verdict)) {
      const k = `${scan.batchId}|${scan.serial}`;
      this.unwritten.set(k, (this.unwritten.get(k) ?? 0) + 1);
    }
    this.pending.push({ ...scan, applied });
  };

  /** Successful checks of a pack recorded here but neither written nor in the replica (for the database path). */
  readonly unwrittenChecks = (batchId: string, serial: string): number =>
    this.unwritten.get(`${batchId}|${serial}`) ?? 0;

  health() {
    return {
      ...this.stats,
      batches: this.batches.size,
      packs: this.held,
      waiting: this.wanted.size + (this.loading ? 1 : 0),
      pendingScans: this.pending.length,
    };
  }

  private dynOf(b: LoadedBatch, leaf: number): PackDyn {
    let d = b.dyn.get(leaf);
    if (!d) b.dyn.set(leaf, (d = blank()));
    return d;
  }

  private apply(b: LoadedBatch, leaf: number, verdict: string, at: number) {
    if (verdict === "pin_mismatch") {
      const d = this.dynOf(b, leaf);
      // The lock window is an hour: older wrong PINs no longer count.
      if (d.wrong.length >= 16) d.wrong = d.wrong.filter((t) => t > at - 3_600_000);
      d.wrong.push(at);
    } else if (!NOT_A_CHECK.has(verdict)) {
      const d = b.dyn.get(leaf);
      if (d && (d.requestedAt ?? d.chainClaimedAt) !== null && at >= (d.requestedAt ?? d.chainClaimedAt)!) d.checks++;
    }
  }

  /** Writes the recorded scans: those applied here are remembered by id, so the log's copy is skipped. */
  private async flush() {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    for (const applied of [true, false]) {
      const scans = batch.filter((s) => s.applied === applied);
      if (scans.length === 0) continue;
      try {
        // One JSON text rather than five arrays: node-postgres escapes array elements one by one in JavaScript.
        const { rows } = await this.pool.query<{ id: string }>(
          `INSERT INTO "ConsumerScan" ("batchId", serial, verdict, region, "clientHash")
           SELECT s.b, s.s, s.v::"ScanVerdict", s.r, s.c FROM json_to_recordset($1::json) AS s(b text, s text, v text, r text, c text)
           RETURNING id`,
          [
            JSON.stringify(
              scans.map((s) => ({ b: s.batchId, s: s.serial, v: s.verdict, r: s.region, c: s.clientHash })),
            ),
          ],
        );
        if (applied) for (const r of rows) this.ownApplied.add(Number(r.id));
        else
          for (const s of scans) {
            const k = `${s.batchId}|${s.serial}`;
            const n = (this.unwritten.get(k) ?? 0) - (NOT_A_CHECK.has(s.verdict) ? 0 : 1);
            if (n > 0) this.unwritten.set(k, n);
            else this.unwritten.delete(k);
          }
      } catch (e) {
        // Kept for the next flush (bounded: a database away for long loses the oldest, and says so).
        this.stats.flushFailures++;
        this.pending.unshift(...scans);
        if (this.pending.length > 200_000) {
          const lost = this.pending.splice(0, this.pending.length - 200_000);
          console.error(`[verify] ${lost.length} scans could not be recorded: ${(e as Error).message.split("\n")[0]}`);
        }
      }
    }
  }

  private async tick() {
    await this.flush();
    await this.readScans();
    await this.readEvents();
    for (const id of [...this.wanted]) {
      this.wanted.delete(id);
      if (this.batches.has(id)) continue;
      this.loading = true;
      await this.load(id).finally(() => (this.loading = false));
    }
    await this.readNames();
    this.stats.polls++;
  }

  /**
   * Other processes' scans of the loaded batches (and this one's written before their batch was loaded),
   * from the scan log. The server does the sifting: it sends back only rows of loaded batches that this
   * process did not apply itself, the ids below the page's top that are missing (maybe still committing:
   * asked for again for up to 30 s), the missing ids that have arrived since, and the page's top.
   */
  private async readScans() {
    const now = Date.now();
    for (const [id, since] of this.gaps) if (now - since > 30_000) this.gaps.delete(id); // rolled back: never comes
    const { rows } = await this.pool.query<{
      kind: "scan" | "found" | "missing" | "top";
      id: string | null;
      batchId: string | null;
      serial: string | null;
      verdict: string | null;
      at: number | null;
    }>(
      `WITH page AS (
         SELECT id, "batchId", serial, verdict, "createdAt" FROM "ConsumerScan"
          WHERE id > $1 OR id = ANY(string_to_array($2, ',')::bigint[]) ORDER BY id LIMIT 20000),
       top AS (SELECT max(id) AS m FROM page)
       SELECT 'scan' AS kind, id::text, "batchId", serial, verdict,
              (extract(epoch from "createdAt") * 1000)::float8 AS at
         FROM page WHERE "batchId" = ANY(string_to_array($4, ',')) AND NOT $3::int8multirange @> id
       UNION ALL SELECT 'found', id::text, NULL, NULL, NULL, NULL FROM page WHERE id <= $1
       UNION ALL SELECT 'missing', g::text, NULL, NULL, NULL, NULL
         FROM generate_series($1::bigint + 1, (SELECT m FROM top) - 1) g
        WHERE (SELECT m FROM top) - $1 < 10000 AND g NOT IN (SELECT id FROM page)
          AND NOT $3::int8multirange @> g
       UNION ALL SELECT 'top', m::text, NULL, NULL, NULL, NULL FROM top`,
      [this.scanCursor, [...this.gaps.keys()].join(","), ranges(this.ownApplied), [...this.batches.keys()].join(",")],
    );
    const fresh: { b: LoadedBatch; leaf: number; verdict: string; at: number }[] = [];
    const unclaimed = new Map<string, number[]>();
    let top = 0;
    for (const r of rows) {
      if (r.kind === "top") top = Number(r.id ?? 0);
      else if (r.kind === "found") this.gaps.delete(Number(r.id));
      else if (r.kind === "missing") this.gaps.set(Number(r.id), now);
      else {
        this.stats.scansRead++;
        const b = this.batches.get(r.batchId!);
        const leaf = b?.leafOf.get(r.serial!);
        if (!b || leaf === undefined) continue;
        fresh.push({ b, leaf, verdict: r.verdict!, at: r.at! });
        const d = b.dyn.get(leaf);
        // A successful check elsewhere of a pack not known here as claimed: its claim is in the database.
        if (!NOT_A_CHECK.has(r.verdict!) && (d?.requestedAt ?? d?.chainClaimedAt ?? null) === null)
          unclaimed.set(r.batchId!, [...(unclaimed.get(r.batchId!) ?? []), leaf]);
      }
    }
    if (top > this.scanCursor) {
      for (const id of this.ownApplied) if (id <= top) this.ownApplied.delete(id);
      this.scanCursor = top;
    }
    for (const [batchId, leaves] of unclaimed) await this.reread(batchId, leaves);
    for (const f of fresh) this.apply(f.b, f.leaf, f.verdict, f.at);
  }

  /** Dispenses, undone dispenses and on-chain claims, from the custody events the indexer wrote. */
  private async readEvents() {
    if (this.lastEventId !== null) {
      const { rows } = await this.pool.query(`SELECT 1 FROM "CustodyEvent" WHERE id = $1`, [this.lastEventId]);
      if (rows.length === 0) return this.reset("an indexed event was rolled back (reorg)");
    }
    const { rows } = await this.pool.query<{
      id: string;
      blockNumber: string;
      eventName: string;
      batchId: string | null;
      args: { indices?: (string | number)[] } | null;
    }>(
      `SELECT id, "blockNumber"::text, "eventName", "batchId",
              CASE WHEN "eventName"::text = ANY($2::text[]) THEN args END AS args
         FROM "CustodyEvent" WHERE "blockNumber" > $1 ORDER BY "blockNumber", "logIndex"`,
      [this.blockCursor.toString(), PACK_EVENTS],
    );
    const touched = new Map<string, Set<number>>();
    const changed = new Set<string>();
    let everything = false;
    for (const r of rows) {
      this.blockCursor = BigInt(r.blockNumber);
      this.lastEventId = r.id;
      if (!r.batchId) everything = true;
      else if (!PACK_EVENTS.includes(r.eventName)) changed.add(r.batchId);
      if (!r.args || !r.batchId || !this.batches.has(r.batchId)) continue;
      const set = touched.get(r.batchId) ?? new Set<number>();
      for (const i of r.args.indices ?? []) set.add(Number(i));
      touched.set(r.batchId, set);
    }
    for (const [batchId, leaves] of touched) await this.reread(batchId, [...leaves]);
    // A recall reaches the next lookup now, not when the batch's facts would have aged out.
    for (const batchId of changed) this.fallback.forget(batchId);
    if (everything) this.tell("all");
    else if (changed.size > 0) this.tell(changed);
  }

  /**
   * Organisations' Chinese names are kept off the ledger (OrganisationProfile): when one is set, changed or
   * removed, every batch's journey may name it differently, so listeners hear "all".
   */
  private async readNames() {
    if (this.listeners.size === 0) return;
    const { rows } = await this.pool.query<{ mark: string }>(
      `SELECT concat(count(*), '|', max("updatedAt")) AS mark FROM "OrganisationProfile"`,
    );
    const mark = rows[0]?.mark ?? "";
    if (this.namesMark !== null && mark !== this.namesMark) this.tell("all");
    this.namesMark = mark;
  }

  private tell(batches: ReadonlySet<string> | "all") {
    for (const listener of this.listeners) {
      try {
        listener(batches);
      } catch (e) {
        console.error(`[verify] replica: a batch event listener failed: ${(e as Error).message}`);
      }
    }
  }

  private reset(why: string) {
    console.error(`[verify] replica: ${why}; batches load again`);
    this.stats.resets++;
    for (const id of this.batches.keys()) this.wanted.add(id);
    this.batches.clear();
    this.held = 0;
    this.lastEventId = null;
    this.tell("all");
  }

  /** Reads packs' claim and dispense state again (kept: wrong PINs and check counts, which come from scans). */
  private async reread(batchId: string, leaves: number[]) {
    const b = this.batches.get(batchId);
    if (!b || leaves.length === 0) return;
    const { rows } = await this.pool.query<StateRow>(
      `SELECT ${STATE_COLUMNS} FROM unnest($2::int[]) AS k(i)
         JOIN "Pack" p ON p."batchId" = $1 AND p."leafIndex" = k.i ${STATE_JOINS}`,
      [batchId, leaves],
    );
    for (const r of rows) this.setState(b, r);
  }

  private setState(b: LoadedBatch, r: StateRow) {
    const has = r.requestedAt || r.claimedAt || r.dispensedAt;
    const d = has ? this.dynOf(b, r.leafIndex) : b.dyn.get(r.leafIndex);
    if (!d) return;
    d.requestedAt = time(r.requestedAt);
    d.claimRegion = r.region;
    d.chainClaimedAt = time(r.claimedAt);
    d.dispensedAt = time(r.dispensedAt);
    d.dispensedBy = r.dispensedBy;
    d.dispensedByName = r.dispensedByName;
  }

  /** Loads a batch whole, if it is registered, all its packs are written and it fits. */
  private async load(batchId: string) {
    const refuse = () => void this.refused.set(batchId, Date.now() + this.retryMs);
    const { rows: found } = await this.pool.query<{ packCount: number }>(
      `SELECT "packCount" FROM "Batch" WHERE id = $1`,
      [batchId],
    );
    const count = found[0]?.packCount;
    if (count === undefined || count > this.maxPacks) return refuse();
    while (this.held + count > this.maxPacks) this.evict();
    const b: LoadedBatch = {
      count,
      leafOf: new SerialIndex(count),
      commitments: Buffer.alloc(count * 32),
      dyn: new Map(),
      usedAt: Date.now(),
    };
    for (let from = 0; from < count; from += this.loadChunk) {
      const { rows } = await this.pool.query<StateRow & { serial: string; commitment: string }>(
        `SELECT p.serial, p.commitment, ${STATE_COLUMNS} FROM "Pack" p ${STATE_JOINS}
          WHERE p."batchId" = $1 AND p."leafIndex" >= $2 AND p."leafIndex" < $3`,
        [batchId, from, from + this.loadChunk],
      );
      for (const r of rows) {
        b.leafOf.set(r.serial, r.leafIndex);
        b.commitments.write(r.commitment.slice(2), r.leafIndex * 32, "hex");
        if (r.requestedAt || r.claimedAt || r.dispensedAt) this.setState(b, r);
      }
    }
    if (b.leafOf.size !== count) return refuse(); // packs still being written
    // The scans so far (those still committing below the cursor arrive through the log, as gaps).
    const { rows: scans } = await this.pool.query<{ serial: string; checks: number; wrong: Date[] | null }>(
      `SELECT s.serial,
              count(*) FILTER (WHERE ${CHECK_AFTER_CLAIM_SQL})::int AS checks,
              array_agg(s."createdAt") FILTER (WHERE s.verdict = 'pin_mismatch' AND s."createdAt" > $3::timestamp(3)) AS wrong
         FROM "ConsumerScan" s
         JOIN "Pack" p ON p."batchId" = s."batchId" AND p.serial = s.serial
         LEFT JOIN "ClaimRequest" c ON c."batchId" = p."batchId" AND c."leafIndex" = p."leafIndex"
        WHERE s."batchId" = $1 AND s.id <= $2 AND NOT (s.id = ANY($4::bigint[]))
        GROUP BY s.serial`,
      [batchId, this.scanCursor, ts(Date.now() - 3_600_000), [...this.gaps.keys()]],
    );
    for (const s of scans) {
      const leaf = b.leafOf.get(s.serial)!;
      if (s.checks === 0 && !s.wrong) continue;
      const d = this.dynOf(b, leaf);
      d.checks = s.checks;
      d.wrong = (s.wrong ?? []).map((t) => t.getTime());
    }
    this.batches.set(batchId, b);
    this.held += count;
    this.stats.loads++;
  }

  private evict() {
    let oldest: [string, LoadedBatch] | undefined;
    for (const e of this.batches) if (!oldest || e[1].usedAt < oldest[1].usedAt) oldest = e;
    if (!oldest) return;
    this.batches.delete(oldest[0]);
    this.held -= oldest[1].count;
    this.stats.evictions++;
  }
}
