/**
 * The chain's word on a batch's status when the database is behind it. The database is as fresh as the
 * indexer made it; when the indexer lags or has stopped, a recall or quarantine already on the ledger
 * must still reach every lookup and verdict. So this knows how far behind the chain head the indexed
 * data is, and while it is stale it reads each batch's status from the ledger (one eth_call per batch,
 * kept `statusTtlMs`), and the chain's word wins over the database's.
 *
 * Stale, precisely: the database reflects the chain as it was when the oldest block it lacks was first
 * seen at the head (or, when it lacks none, when the head was last read). Data older than `staleAfterMs`
 * (1 s) is stale. Also stale: a head that could not be read for that long (the chain unreachable), an
 * indexed block above the head (the chain lost blocks), and the first look after a start or a pause
 * (when it is not known since when the lag lasts). Time rather than blocks, because block intervals
 * differ from chain to chain (anvil mines on demand, L2s every 250 ms): the indexer polls every 500 ms,
 * so a running one keeps the lag under a second; blocks within the indexer's confirmations count as
 * lacking too (a recall mined at the head is the chain's word already).
 *
 * A batch with a quarantined event (packages/indexer/src/quarantine.ts: the database refused its projection,
 * and the cursor moved past it) is read from the chain however fresh the data: the database may lack a
 * recall of it for good. So is every batch while a log of the ledger that did not decode (its batch, if
 * any, unknown) is quarantined.
 *
 * When the data is stale and the chain cannot be read either, the status is "unconfirmed": a verdict
 * then says it cannot be sure, never "genuine".
 *
 * Staff sessions ask the same of their organisation (confirmOrganisation): while the data is stale, or an
 * organisation event is quarantined, its suspension and roles come from the ledger, so that a suspension
 * reaches every staff route within a second even when the indexer has stopped.
 *
 * The head, the indexer's cursor and the quarantined batches are read every `pollMs` (250 ms) while
 * lookups come, and not at all after `idleMs` without one.
 */
import type { BatchStatus, LedgerDeployment } from "@tracemed/chain";
import { readBatchStatus, readMember, readOrganisationStanding, readStatusReason } from "@tracemed/chain";
import type { MemberStanding } from "@tracemed/chain";
import type { Db } from "@tracemed/db";
import type { Hex, PublicClient } from "viem";
import { DomainError } from "@tracemed/errors";
import type { BatchProvenance } from "@tracemed/provenance/provenance";
import type { BatchFacts } from "./packInfo";

export interface ChainStatusOptions {
  client: PublicClient;
  db: Db;
  chainId: number;
  ledger: LedgerDeployment;
  /** data older than this is stale (default 1,000 ms) */
  staleAfterMs?: number;
  /** how often the head and the cursor are read while in use (default 250 ms) */
  pollMs?: number;
  /** how long a batch's status read from the chain is used (default 1,000 ms) */
  statusTtlMs?: number;
  /** no reads after this long without a lookup (default 60 s) */
  idleMs?: number;
}

/** A batch's status as a verdict may use it: the ledger's, or "unconfirmed" when neither source could be trusted. */
export type ConfirmedStatus = BatchStatus | "unconfirmed";

/** Overlays a batch's facts with the chain's word on its status when the database is stale. */
export type ConfirmStatus = <T extends Pick<BatchFacts, "status" | "statusReason" | "statusChangedAt">>(
  batchId: string,
  facts: T,
) => Promise<T>;

/** What lookups and verdicts ask of the chain while the database may be behind it. */
export interface StatusGuard {
  confirm: ConfirmStatus;
  /**
   * Whether "unknown" cannot be said of a batch the database lacks: the data is stale and the chain knows
   * the batch (registered in a block not indexed yet), or cannot be asked.
   */
  unsureOfUnknown(batchId: string): Promise<boolean>;
  /**
   * An organisation's roles and suspension as the ledger holds them, when the database may lack a change
   * of them (stale data, or an organisation event quarantined); undefined when the database's row stands
   * (fresh data), or the chain cannot be read (the row is then the last word the indexer saw).
   */
  confirmOrganisation(account: string): Promise<OrganisationStanding | undefined>;
  /**
   * An account's membership (its organisation and permissions) as the ledger holds it, when the database may
   * lack a member change (stale data, or an organisation event quarantined); undefined as for confirmOrganisation.
   */
  confirmMember(account: string): Promise<MemberStanding | undefined>;
}

/** What the ledger says of an organisation: its role bits (0: none, not an organisation) and suspension. */
export interface OrganisationStanding {
  roles: number;
  suspended: boolean;
}

/** A read of the chain, kept `statusTtlMs` (null: the chain could not be read). */
interface Kept<T> {
  at: number;
  value: Promise<T | null>;
}

interface ChainRead extends Kept<BatchStatus> {
  reason?: Promise<{ reason: string | null; at: Date | null }>;
}

export class ChainStatus implements StatusGuard {
  private readonly staleAfterMs: number;
  private readonly pollMs: number;
  private readonly statusTtlMs: number;
  private readonly idleMs: number;
  private readonly cursorKey: string;
  /** the head read last, and when */
  private head: bigint | null = null;
  private headAt = -Infinity;
  /** the last block indexed (-1: none) */
  private indexed = -1n;
  /** heads as first seen, ascending: the oldest one above `indexed` says since when the data lags */
  private seen: { block: bigint; at: number }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private usedAt = 0;
  private observing: Promise<void> | null = null;
  private first: Promise<void> | null = null;
  private readonly reads = new Map<string, ChainRead>();
  /** batches with quarantined events (null: a log that did not decode), each with its first such block */
  private quarantined = new Map<string | null, bigint>();
  /** whether an organisation event is quarantined (the database may lack a suspension) */
  private organisationsQuarantined = false;
  private readonly standings = new Map<string, Kept<OrganisationStanding>>();
  private readonly memberships = new Map<string, Kept<MemberStanding>>();
  readonly stats = { chainReads: 0, chainFailures: 0, overruled: 0, unconfirmed: 0 };

  constructor(private readonly o: ChainStatusOptions) {
    this.staleAfterMs = o.staleAfterMs ?? 1_000;
    this.pollMs = o.pollMs ?? 250;
    this.statusTtlMs = o.statusTtlMs ?? 1_000;
    this.idleMs = o.idleMs ?? 60_000;
    this.cursorKey = `${o.chainId}:${o.ledger.address.toLowerCase()}`;
  }

  /** The batch's facts, with the chain's status (and its reason) in place of the database's when the data is stale. */
  readonly confirm: ConfirmStatus = async (batchId, facts) => {
    await this.watch();
    const since = this.quarantinedSince(batchId);
    if (!this.stale() && since === undefined) return facts;
    const read = this.read(batchId);
    const status = await read.value;
    if (status === null || status === "none") {
      // A recall is final on chain: the database's recall is the truth whatever the chain says now.
      if (facts.status === "recalled") return facts;
      // The chain cannot be read, or does not know a batch the database has (it lost blocks): not sure.
      this.stats.unconfirmed++;
      return { ...facts, status: "unconfirmed" satisfies ConfirmedStatus };
    }
    if (status === facts.status) return facts;
    this.stats.overruled++;
    if (status === "active") return { ...facts, status, statusReason: null, statusChangedAt: null };
    read.reason ??= readStatusReason(
      this.o.client,
      this.o.ledger,
      batchId as Hex,
      status,
      min(since, this.indexed >= 0n ? this.indexed + 1n : BigInt(this.o.ledger.deployedOnBlock)),
    ).catch(() => ({ reason: null, at: null }));
    const why = await read.reason;
    return { ...facts, status, statusReason: why.reason, statusChangedAt: why.at };
  };

  readonly unsureOfUnknown = async (batchId: string): Promise<boolean> => {
    await this.watch();
    if (!this.stale() && this.quarantinedSince(batchId) === undefined) return false;
    const status = await this.read(batchId).value;
    if (status !== "none") this.stats.unconfirmed++;
    return status !== "none";
  };

  readonly confirmOrganisation = async (account: string): Promise<OrganisationStanding | undefined> => {
    await this.watch();
    if (!this.stale() && !this.organisationsQuarantined) return undefined;
    const key = account.toLowerCase();
    const kept = this.keep(this.standings, key, () =>
      readOrganisationStanding(this.o.client, this.o.ledger, key as Hex),
    );
    return (await kept.value) ?? undefined;
  };

  readonly confirmMember = async (account: string): Promise<MemberStanding | undefined> => {
    await this.watch();
    if (!this.stale() && !this.organisationsQuarantined) return undefined;
    const key = account.toLowerCase();
    const kept = this.keep(this.memberships, key, () => readMember(this.o.client, this.o.ledger, key as Hex));
    return (await kept.value) ?? undefined;
  };

  /** How far behind the chain the database is, as the last look found it. */
  freshness() {
    const now = Date.now();
    return {
      stale: this.stale(now),
      lagMs: Math.max(0, now - this.freshAsOf()),
      head: this.head?.toString() ?? null,
      indexed: this.indexed.toString(),
      ...this.stats,
    };
  }

  /** The first block of a quarantined event that may concern the batch, if any. */
  private quarantinedSince(batchId: string): bigint | undefined {
    if (this.quarantined.size === 0) return undefined;
    const own = this.quarantined.get(batchId.toLowerCase());
    const unnamed = this.quarantined.get(null);
    return own === undefined ? unnamed : min(unnamed, own);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private stale(now = Date.now()) {
    return now - this.freshAsOf() > this.staleAfterMs;
  }

  /** The moment up to which the database is known to hold everything the chain held. */
  private freshAsOf(): number {
    if (this.head === null || this.indexed > this.head) return -Infinity;
    const lacking = this.seen.find((s) => s.block > this.indexed);
    return lacking ? lacking.at : this.headAt;
  }

  /** Keeps the head and cursor being read while in use; the first call after a pause waits for a first look. */
  private async watch() {
    this.usedAt = Date.now();
    if (!this.timer) {
      this.seen = [];
      this.head = null;
      this.first = this.observe(true);
      this.timer = setInterval(() => {
        if (Date.now() - this.usedAt > this.idleMs) this.stop();
        else void this.observe(false);
      }, this.pollMs);
      this.timer.unref();
    }
    await this.first;
  }

  private observe(first: boolean): Promise<void> {
    this.observing ??= (async () => {
      const now = Date.now();
      const [head, indexed] = await Promise.all([
        this.o.client.getBlockNumber({ cacheTime: 0 }).catch(() => null),
        this.readIndexed().catch(() => null),
      ]);
      if (indexed !== null) {
        this.indexed = indexed.cursor;
        this.quarantined = indexed.quarantined;
        this.organisationsQuarantined = indexed.organisationsQuarantined;
      }
      if (head !== null) {
        this.head = head;
        this.headAt = now;
        const last = this.seen.at(-1);
        // At the first look, since when the database lacks these blocks is not known: as if always.
        if (!last || head > last.block) this.seen.push({ block: head, at: first ? -Infinity : now });
        while (this.seen.length > 1 && this.seen[1]!.block <= this.indexed) this.seen.shift();
        if (this.seen.length > 1_000) {
          // Bounded while the indexer stays behind: two neighbours become one with the higher block and the
          // earlier time, which can only make the data look older than it is, never fresher.
          const i = this.seen.length >> 1;
          this.seen[i + 1]!.at = this.seen[i]!.at;
          this.seen.splice(i, 1);
        }
      }
    })().finally(() => (this.observing = null));
    return this.observing;
  }

  /**
   * The indexer's cursor, then the quarantined batches: in this order, so that a step which quarantined an
   * event and moved the cursor past it is never seen by half (the cursor moved, the quarantine not yet).
   */
  private async readIndexed() {
    const cursor = await this.o.db.indexerCursor.findUnique({
      where: { ledger: this.cursorKey },
      select: { lastBlock: true },
    });
    const rows = await this.o.db.quarantinedEvent.groupBy({
      by: ["batchId"],
      // An organisation's event names no batch and changes no batch's status; a log that did not decode may.
      where: { ledger: this.cursorKey, OR: [{ batchId: { not: null } }, { eventName: null }] },
      _min: { blockNumber: true },
    });
    // A member's event counts too: a removed member's key must not pass on a projection that missed it.
    const organisationEvents = await this.o.db.quarantinedEvent.count({
      where: {
        ledger: this.cursorKey,
        OR: [
          { eventName: { startsWith: "Organisation" } },
          { eventName: { startsWith: "Member" } },
          { eventName: null },
        ],
      },
    });
    return {
      cursor: cursor?.lastBlock ?? -1n,
      quarantined: new Map(rows.map((q) => [q.batchId?.toLowerCase() ?? null, q._min.blockNumber ?? 0n])),
      organisationsQuarantined: organisationEvents > 0,
    };
  }

  /** The batch's status on chain, read at most once per `statusTtlMs` (null: the chain could not be read). */
  private read(batchId: string): ChainRead {
    return this.keep(this.reads, batchId, () => readBatchStatus(this.o.client, this.o.ledger, batchId as Hex));
  }

  /** `map`'s read for `key` while younger than `statusTtlMs`, else a new one (at most 10,000 kept). */
  private keep<T, K extends Kept<T>>(map: Map<string, K>, key: string, read: () => Promise<T>): K {
    const now = Date.now();
    const kept = map.get(key);
    if (kept && now - kept.at < this.statusTtlMs) return kept;
    this.stats.chainReads++;
    const value = read().catch(() => {
      this.stats.chainFailures++;
      return null;
    });
    if (map.size >= 10_000) map.clear();
    const fresh = { at: now, value } as K;
    map.set(key, fresh);
    return fresh;
  }
}

const min = (a: bigint | undefined, b: bigint): bigint => (a !== undefined && a < b ? a : b);

/** The ledger's word on a status is needed (the database is behind it) and cannot be had: no answer. */
export const statusUnconfirmed = () =>
  new DomainError(
    "StatusUnconfirmed",
    "This batch's recall status cannot be confirmed right now: the ledger cannot be read. Please try again shortly.",
    { retryAfterSeconds: 5 },
  );

/**
 * A batch's provenance with the chain's word on its status while the database is behind it, as
 * lookups and verdicts have it: a recall the indexer has not read yet is shown. When neither source
 * can be trusted there is no answer (503), rather than a status that may be wrong.
 */
export async function confirmProvenance<T extends BatchProvenance>(provenance: T, guard?: StatusGuard): Promise<T> {
  if (!guard) return provenance;
  const view = provenance.batch;
  const facts = {
    status: view.status as string,
    statusReason: view.statusReason,
    statusChangedAt: view.statusChangedAt ? new Date(view.statusChangedAt) : null,
  };
  const confirmed = await guard.confirm(view.id, facts);
  if (confirmed === facts) return provenance;
  if (confirmed.status === "unconfirmed") throw statusUnconfirmed();
  return {
    ...provenance,
    batch: {
      ...view,
      status: confirmed.status as BatchProvenance["batch"]["status"],
      statusReason: confirmed.statusReason,
      statusChangedAt: confirmed.statusChangedAt?.toISOString() ?? null,
    },
  };
}
