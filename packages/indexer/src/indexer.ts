/**
 * Keeps the database in step with the ledger's events, from the deployment block on.
 *
 * - Resumable and gap-free: a block range's events, their projections, the block hashes and the
 *   cursor are written in one transaction; a crash anywhere leaves the previous cursor intact.
 * - Idempotent: events are keyed by blockHash:logIndex and only newly inserted ones are projected.
 * - Reorg-safe: the cursor's block hash is checked against the chain before every step; on a
 *   mismatch (a reorg, or a chain that restarted without its last blocks) everything past the last
 *   block whose hash still matches is rolled back and the affected projections are replayed.
 * - Never stalled by one event: a log that does not decode, or whose projection the database refuses
 *   (a constraint, a value out of range), is quarantined (QuarantinedEvent: kept raw with its block,
 *   transaction and error, logged, listed on the regulator's dashboard) and the rest of its range is
 *   projected and the cursor moves on (quarantine.ts).
 * - One writer: a lease row in the database (renewed while alive) elects the indexer that writes;
 *   others wait and take over when it lapses. Every write transaction re-checks the lease (fencing).
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import type { LedgerDeployment } from "@tracemed/chain";
import type { Db, LedgerEventName, Prisma } from "@tracemed/db";
import { BlockNotFoundError, numberToHex, type Address, type Hex, type PublicClient, type RpcLog } from "viem";
import { COUNCIL_TOPICS, decodeLogs, type LedgerEvent, type RawArgs, type UndecodableLog } from "./decode";
import { releaseLease, takeLease } from "@tracemed/db";
import { Projection, type ProjectableEvent } from "./projector";
import { ProjectionError, projectOrQuarantine, quarantineLine, type Quarantined } from "./quarantine";
import { reopenRegistrations } from "./registrations";

export interface IndexerConfig {
  db: Db;
  client: PublicClient;
  chainId: number;
  ledger: LedgerDeployment;
  /**
   * The regulator council (the AccessManager the ledger obeys), whose operations are followed from the
   * ledger's deployment block on with the ledger's events, under the ledger's cursor. Absent: none followed.
   */
  council?: { address: Address };
  /** The council's quorum (CouncilQuorum), whose approvals are followed as the council's operations are. */
  quorum?: { address: Address };
  /**
   * Cases and pallets (LogisticUnits), whose events are followed with the ledger's, under the ledger's cursor (it
   * is deployed after the ledger, so reading it from the ledger's block misses nothing). Absent: none followed.
   */
  units?: { address: Address };
  /**
   * Which blocks count as settled enough to index (default "latest", the embedded chain's): the chain's own
   * "finalized" (else "safe") block, its "safe" block, its head, or the head minus `confirmations`. A chain
   * that does not know the tag falls back to `confirmations`.
   */
  finality?: Finality;
  /** Blocks to wait before indexing a block, in "confirmations" mode and where a tag is unknown (default 0). */
  confirmations?: number;
  /**
   * A head that has not moved for this long counts as settled whatever the mode (default 30 s; 0: never). A
   * chain that mines only on transactions (Hardhat's node, an idle permissioned network) would otherwise
   * leave its last blocks unindexed until the next write, and a regulator's first onboarding unseen.
   */
  idleSettleMs?: number;
  maxBlocksPerStep?: number;
  leaseMs?: number;
  pollMs?: number;
  holder?: string;
  log?: (line: string) => void;
}

export const FINALITIES = ["finalized", "safe", "latest", "confirmations"] as const;
export type Finality = (typeof FINALITIES)[number];

export type StepResult =
  | { kind: "follower"; leader: string | null }
  | { kind: "idle"; head: bigint }
  | { kind: "indexed"; from: bigint; to: bigint; events: number; caughtUp: boolean; quarantined: Quarantined[] }
  | { kind: "rolled-back"; to: bigint; removed: number };

class LeaseLost extends Error {}

/** The ledger's events about an organisation (replayed whole after a reorg touches one of them). */
const ORGANISATION_EVENTS: LedgerEventName[] = [
  "OrganisationOnboarded",
  "OrganisationUpdated",
  "OrganisationPrefixesSet",
  "OrganisationSuspended",
  "OrganisationReinstated",
];

/** The ledger's events about a member (replayed per account after a reorg touches one of them). */
const MEMBER_EVENTS: LedgerEventName[] = ["MemberAdded", "MemberPermissionsSet", "MemberRemoved"];

/**
 * The council's and its quorum's events about an operation (replayed per operation id after a reorg touches one of
 * them).
 */
const COUNCIL_EVENTS: LedgerEventName[] = [
  "OperationScheduled",
  "OperationExecuted",
  "OperationCanceled",
  "ProposalApproved",
  "ProposalExecuted",
];

/** The cases-and-pallets contract's events (replayed whole after a reorg touches one of them: they are few). */
const UNIT_EVENTS: LedgerEventName[] = ["UnitPacked", "UnitUnpacked", "UnitTakenOver"];

/** Logs per eth_getLogs call aimed at: about 3-4 MB of JSON, well under viem's 10 MiB body limit. */
const TARGET_LOGS = 4_000;

interface FetchedRange {
  events: LedgerEvent[];
  undecodable: UndecodableLog[];
  toBlock: { number: bigint; hash: Hex; timestamp: bigint };
}

export class Indexer {
  readonly key: string;
  readonly holder: string;
  private readonly confirmations: bigint;
  private readonly finality: Finality;
  private readonly idleSettleMs: number;
  /** The chain's head as last seen, and since when it has not moved (for idleSettleMs). */
  private seenHead?: { number: bigint; since: number };
  /** Block tags this chain refused (asked once), and whether the idle rule is in force (logged once). */
  private readonly unknownTags = new Set<string>();
  private readonly loggedTags = new Set<string>();
  private idleSettled = false;
  private readonly maxBlocks: bigint;
  /** Blocks per step now: sized from the density of the last range (see fetchRange). */
  private span: bigint;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly log: (line: string) => void;

  constructor(private readonly cfg: IndexerConfig) {
    this.key = `${cfg.chainId}:${cfg.ledger.address.toLowerCase()}`;
    this.holder = cfg.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.confirmations = BigInt(cfg.confirmations ?? 0);
    this.finality = cfg.finality ?? "latest";
    this.idleSettleMs = cfg.idleSettleMs ?? 30_000;
    this.maxBlocks = BigInt(cfg.maxBlocksPerStep ?? 2_000);
    // Start small: a dense backlog (a multicall can emit hundreds of events a block) must not overflow the first answer.
    this.span = this.maxBlocks < 16n ? this.maxBlocks : 16n;
    this.leaseMs = cfg.leaseMs ?? 10_000;
    this.pollMs = cfg.pollMs ?? 500;
    this.log = cfg.log ?? (() => {});
  }

  /** Takes or renews the write lease; returns the current leader. */
  async acquireLease(): Promise<string | null> {
    if (await takeLease(this.cfg.db, this.key, this.holder, this.leaseMs)) return this.holder;
    const current = await this.cfg.db.indexerLease.findUnique({ where: { ledger: this.key } });
    return current?.holder ?? null;
  }

  /** Gives the lease up (clean shutdown), so another indexer can take over at once. */
  async releaseLease(): Promise<void> {
    await releaseLease(this.cfg.db, this.key, this.holder);
  }

  /** One step: check for a reorg, then index up to maxBlocksPerStep confirmed blocks. */
  async step(): Promise<StepResult> {
    const leader = await this.acquireLease();
    if (leader !== this.holder) return { kind: "follower", leader };

    const { db, client, ledger } = this.cfg;
    const cursor = await db.indexerCursor.findUnique({ where: { ledger: this.key } });
    const start = BigInt(ledger.deployedOnBlock);
    if (cursor) {
      const hash = await hashAt(client, cursor.lastBlock);
      if (hash !== cursor.lastHash) return this.rollBack(cursor.lastBlock);
    }
    const last = cursor ? cursor.lastBlock : start - 1n;
    const head = await this.settledHead();
    if (head <= last) return { kind: "idle", head };
    const from = last + 1n;
    const wanted = head < from + this.span - 1n ? head : from + this.span - 1n;
    const t = performance.now();
    const fetched =
      this.prefetched && this.prefetched.from === from && this.prefetched.to <= wanted
        ? await this.prefetched.result
        : await this.fetchRange(from, wanted);
    this.prefetched = undefined;
    const { events, undecodable, toBlock } = fetched;
    const to = toBlock.number;
    // Catching up: fetch (and decode) the next range while this one is written.
    if (to < head) {
      const nextTo = head < to + this.span ? head : to + this.span;
      const result = this.fetchRange(to + 1n, nextTo);
      result.catch(() => undefined);
      this.prefetched = { from: to + 1n, to: nextTo, result };
    }
    this.timings.fetch += performance.now() - t;
    const written = performance.now();
    const blocks = new Map<bigint, string>([[to, toBlock.hash]]);
    for (const e of events) blocks.set(e.blockNumber, e.blockHash);
    for (const u of undecodable) blocks.set(u.blockNumber, u.blockHash);

    let quarantined: Quarantined[] = [];
    await this.write(last, async (tx) => {
      quarantined = await projectOrQuarantine(tx, this.key, { from, to }, events, undecodable, (batch) =>
        project(tx, batch),
      );
      await tx.indexedBlock.createMany({
        data: [...blocks].map(([number, hash]) => ({ ledger: this.key, number, hash })),
        skipDuplicates: true,
      });
      await tx.indexerCursor.upsert({
        where: { ledger: this.key },
        create: { ledger: this.key, lastBlock: to, lastHash: toBlock.hash },
        update: { lastBlock: to, lastHash: toBlock.hash },
      });
      await tx.indexedBlock.deleteMany({ where: { ledger: this.key, number: { lt: to - 10_000n } } });
    });
    this.timings.write += performance.now() - written;
    for (const q of quarantined) this.log(quarantineLine(q));
    return { kind: "indexed", from, to, events: events.length, caughtUp: to === head, quarantined };
  }

  private prefetched?: { from: bigint; to: bigint; result: Promise<FetchedRange> };

  /**
   * The last block to index now, per the finality mode. Tags are asked of the chain each step: anvil answers
   * "finalized" 64 blocks and "safe" 32 blocks behind its head, Hardhat's node (EDR) answers its head for
   * both, and a chain without them (an older or permissioned client) refuses or answers null.
   */
  private async settledHead(): Promise<bigint> {
    const { client } = this.cfg;
    // cacheTime 0: viem otherwise answers from a cache filled by receipt polling, and a block just mined would be missed.
    const latest = await client.getBlockNumber({ cacheTime: 0 });
    const now = Date.now();
    if (this.seenHead?.number !== latest) this.seenHead = { number: latest, since: now };
    if (this.finality === "latest") return latest;
    let settled: bigint | undefined;
    const tags = this.finality === "finalized" ? ["finalized", "safe"] : this.finality === "safe" ? ["safe"] : [];
    for (const tag of tags) {
      settled = await this.taggedBlock(tag);
      if (settled !== undefined) break;
    }
    settled ??= latest - this.confirmations;
    if (settled >= latest || this.idleSettleMs === 0 || now - this.seenHead.since < this.idleSettleMs) {
      this.idleSettled = false;
      return settled < latest ? settled : latest;
    }
    if (!this.idleSettled) {
      this.log(
        `the chain has made no block for ${Math.round((now - this.seenHead.since) / 1000)} s: indexing up to its ` +
          `head ${latest} (${this.finality} is at ${settled}); a chain that mines only on transactions settles no other way`,
      );
    }
    this.idleSettled = true;
    return latest;
  }

  /** The number of the block `tag` names, or undefined when this chain does not (or not yet) name one. */
  private async taggedBlock(tag: string): Promise<bigint | undefined> {
    if (this.unknownTags.has(tag)) return undefined;
    let refused = false;
    const block = await this.cfg.client
      .request({ method: "eth_getBlockByNumber", params: [tag as "finalized", false] })
      .catch((error: Error) => {
        // Nothing finalized yet (geth says "finalized block not found" early on): ask again next step.
        if (/not found/i.test(error.message)) return null;
        // A refused tag is not asked again; a node that is down is (the step fails and is retried).
        if (!/tag|invalid|not supported|unsupported|-32602/i.test(error.message)) throw error;
        refused = true;
        return null;
      });
    if (block?.number) return BigInt(block.number);
    if (refused || !this.loggedTags.has(tag)) {
      this.log(`the chain names no "${tag}" block: waiting ${this.confirmations} confirmation(s) instead`);
      this.loggedTags.add(tag);
    }
    if (refused) this.unknownTags.add(tag);
    return undefined;
  }

  /**
   * The ledger's events of [from, to], decoded, and the header of the last block fetched. The range is
   * cut to what the last ranges' density of logs says fits about TARGET_LOGS (so that a dense backlog
   * is not first downloaded whole only to be refused by the client's body limit); it halves and retries
   * if a node or the client still refuses the answer as too large.
   */
  private async fetchRange(from: bigint, want: bigint): Promise<FetchedRange> {
    const { client, ledger, council, quorum, units } = this.cfg;
    const governance = [council, quorum].flatMap((c) => (c ? [c.address] : []));
    const own = units ? [ledger.address, units.address] : [ledger.address];
    const address = governance.length > 0 || units ? [...own, ...governance] : ledger.address;
    let to = want;
    let logs: RpcLog[];
    for (;;) {
      try {
        // The raw JSON-RPC answer: our decoder reads its hex directly (no per-log formatting by viem).
        logs = await client.request({
          method: "eth_getLogs",
          params: [{ address, fromBlock: numberToHex(from), toBlock: numberToHex(to) }],
        });
        break;
      } catch (error) {
        // Too many logs for one answer (the node's result cap, or the client's body limit): halve the range.
        if (
          to === from ||
          !/size limit|too large|more than|limit exceeded|response size|query returned/i.test(
            String((error as Error).message),
          )
        ) {
          throw error;
        }
        this.span = (to - from + 1n) / 2n || 1n;
        to = from + this.span - 1n;
      }
    }
    this.adaptSpan(to - from + 1n, logs.length);
    if (governance.length > 0) {
      // Of the council's and quorum's logs, only operations and approvals: role and target settings are the chain's.
      const ownAddresses = new Set(own.map((a) => a.toLowerCase()));
      logs = logs.filter((l) => ownAddresses.has(l.address.toLowerCase()) || COUNCIL_TOPICS.has(l.topics[0] ?? ""));
    }
    const block = await client.getBlock({ blockNumber: to });
    const times = new Map<string, number>();
    for (const log of logs) {
      const hash = log.blockHash;
      if (hash && (log as { blockTimestamp?: unknown }).blockTimestamp === undefined && !times.has(hash)) {
        times.set(hash, Number((await client.getBlock({ blockHash: hash })).timestamp));
      }
    }
    const t = performance.now();
    const undecodable: UndecodableLog[] = [];
    const events = decodeLogs(
      logs,
      (hash) => times.get(hash) ?? Number(block.timestamp),
      (u) => undecodable.push(u),
    );
    this.timings.decode += performance.now() - t;
    await this.nameCouncilSenders(events);
    return { events, undecodable, toBlock: { number: to, hash: block.hash, timestamp: block.timestamp } };
  }

  /**
   * The council's OperationExecuted and OperationCanceled do not say who sent them; the transaction's sender
   * does (the regulator who executed or cancelled: AccessManager acts on msg.sender). It is stored as the
   * event's `by`, like the ledger's own events, so a replay after a reorganisation reads it back. A node that
   * cannot serve the transaction leaves it unnamed rather than holding the indexer back.
   */
  private async nameCouncilSenders(events: LedgerEvent[]): Promise<void> {
    const senders = new Map<string, string | null>();
    for (const e of events) {
      if (e.name !== "OperationExecuted" && e.name !== "OperationCanceled") continue;
      if (!senders.has(e.txHash)) {
        const tx = await this.cfg.client.getTransaction({ hash: e.txHash as Hex }).catch(() => null);
        senders.set(e.txHash, tx ? tx.from.toLowerCase() : null);
      }
      const from = senders.get(e.txHash) ?? null;
      if (from === null) continue;
      e.args = { ...e.args, by: from };
      e.by = from;
    }
  }

  /** Next span from the density just seen: about TARGET_LOGS logs, growing at most 4-fold a step. */
  private adaptSpan(blocks: bigint, logs: number) {
    const grown = this.span * 4n;
    const fits = logs === 0 ? grown : (blocks * BigInt(TARGET_LOGS)) / BigInt(logs);
    const next = fits < grown ? fits : grown;
    this.span = next < 1n ? 1n : next > this.maxBlocks ? this.maxBlocks : next;
  }

  /** Time spent per phase since construction (for benchmarks). */
  readonly timings = { fetch: 0, decode: 0, write: 0 };

  /** Runs until `signal` aborts: indexes, follows the leader, and survives the chain or database going away. */
  async run(signal: AbortSignal): Promise<void> {
    let wasLeader = false;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const r = await this.step();
        failures = 0;
        if (r.kind === "follower") {
          if (wasLeader) this.log(`lost the write lease to ${r.leader}`);
          wasLeader = false;
        } else {
          if (!wasLeader) this.log(`holding the write lease as ${this.holder}`);
          wasLeader = true;
        }
        if (r.kind === "indexed") {
          if (r.events > 0) this.log(`indexed blocks ${r.from}-${r.to}: ${r.events} events`);
          if (!r.caughtUp) continue;
        }
        if (r.kind === "rolled-back") {
          this.log(`chain reorganised: rolled back to block ${r.to} (${r.removed} events removed)`);
          continue;
        }
      } catch (error) {
        failures++;
        if (!(error instanceof LeaseLost)) {
          this.log(`indexer step failed (${failures}): ${(error as Error).message.split("\n")[0]}`);
        }
        await sleep(Math.min(5_000, 200 * 2 ** Math.min(failures, 5)), undefined, { signal }).catch(() => undefined);
        continue;
      }
      await sleep(this.pollMs, undefined, { signal }).catch(() => undefined);
    }
  }

  /** Runs `fn` in one transaction, only while this indexer holds the lease and the cursor is at `expectedLast`. */
  private async write(expectedLast: bigint, fn: (tx: Prisma.TransactionClient) => Promise<void>): Promise<void> {
    await this.cfg.db.$transaction(
      async (tx) => {
        const lease = await tx.$queryRawUnsafe<{ holder: string }[]>(
          `SELECT holder FROM "IndexerLease" WHERE ledger = $1 AND holder = $2 AND "expiresAt" > now() FOR UPDATE`,
          this.key,
          this.holder,
        );
        if (lease.length === 0) throw new LeaseLost("the write lease lapsed");
        const cursor = await tx.indexerCursor.findUnique({ where: { ledger: this.key } });
        const last = cursor ? cursor.lastBlock : BigInt(this.cfg.ledger.deployedOnBlock) - 1n;
        if (last !== expectedLast) throw new LeaseLost("another indexer moved the cursor");
        await fn(tx);
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
  }

  /** Rolls back past the last indexed block whose hash the chain still has, and replays what it affected. */
  private async rollBack(lastBlock: bigint): Promise<StepResult> {
    this.prefetched = undefined;
    const { db, client } = this.cfg;
    const stored = await db.indexedBlock.findMany({
      where: { ledger: this.key, number: { lte: lastBlock } },
      orderBy: { number: "desc" },
      take: 1_000,
    });
    let ancestor = BigInt(this.cfg.ledger.deployedOnBlock) - 1n;
    let ancestorHash = "";
    for (const b of stored) {
      const hash = await hashAt(client, b.number);
      if (hash === b.hash) {
        ancestor = b.number;
        ancestorHash = b.hash;
        break;
      }
    }
    let removed = 0;
    await this.write(lastBlock, async (tx) => {
      const gone = await tx.custodyEvent.findMany({
        where: { blockNumber: { gt: ancestor } },
        select: { batchId: true, eventName: true, args: true },
      });
      removed = gone.length;
      const batches = [...new Set(gone.map((e) => e.batchId).filter((b): b is string => !!b))];
      /** The values of argument `arg` in the gone events named in `names`. */
      const named = (names: LedgerEventName[], arg: string) => [
        ...new Set(
          gone.filter((e) => names.includes(e.eventName)).map((e) => String((e.args as Record<string, unknown>)[arg])),
        ),
      ];
      const accounts = named(ORGANISATION_EVENTS, "account");
      const members = named(MEMBER_EVENTS, "account");
      const operations = named(COUNCIL_EVENTS, "operationId");
      const unitsTouched = gone.some((e) => UNIT_EVENTS.includes(e.eventName));
      await tx.custodyEvent.deleteMany({ where: { blockNumber: { gt: ancestor } } });
      await tx.indexedBlock.deleteMany({ where: { ledger: this.key, number: { gt: ancestor } } });
      await tx.quarantinedEvent.deleteMany({ where: { ledger: this.key, blockNumber: { gt: ancestor } } });
      await tx.batch.deleteMany({ where: { id: { in: batches } } });
      await tx.shipment.deleteMany({ where: { batchId: { in: batches } } });
      await tx.holding.deleteMany({ where: { batchId: { in: batches } } });
      await tx.organisation.deleteMany({ where: { account: { in: accounts } } });
      await tx.member.deleteMany({ where: { account: { in: members } } });
      await tx.councilOperation.deleteMany({ where: { id: { in: operations } } });
      await tx.councilApproval.deleteMany({ where: { operationId: { in: operations } } });
      if (unitsTouched) await tx.logisticUnit.deleteMany({}); // its packs go with it (cascade)
      await tx.pack.updateMany({
        where: { batchId: { in: batches } },
        data: { claimedAt: null, claimTx: null, dispensedAt: null, dispensedBy: null, dispenseTx: null },
      });
      const replay = await tx.custodyEvent.findMany({
        where: {
          OR: [
            { batchId: { in: batches } },
            { eventName: { in: ORGANISATION_EVENTS } },
            ...(members.length > 0 ? [{ eventName: { in: MEMBER_EVENTS } }] : []),
            ...(operations.length > 0 ? [{ eventName: { in: COUNCIL_EVENTS } }] : []),
            ...(unitsTouched ? [{ eventName: { in: UNIT_EVENTS } }] : []),
          ],
        },
        orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }],
      });
      const projection = new Projection();
      for (const e of replay) {
        const args = e.args as ProjectableEvent["args"];
        if (ORGANISATION_EVENTS.includes(e.eventName) && !accounts.includes(String(args.account))) continue;
        if (MEMBER_EVENTS.includes(e.eventName) && !members.includes(String(args.account))) continue;
        if (COUNCIL_EVENTS.includes(e.eventName) && !operations.includes(String(args.operationId))) continue;
        projection.add({
          name: e.eventName,
          args,
          raw: e.rawArgs as RawArgs | null,
          occurredAt: e.occurredAt,
          blockNumber: e.blockNumber,
          txHash: e.txHash,
        });
      }
      await projection.flush(tx);
      await reopenRegistrations(tx, batches);
      if (ancestor < BigInt(this.cfg.ledger.deployedOnBlock)) {
        await tx.indexerCursor.deleteMany({ where: { ledger: this.key } });
      } else {
        await tx.indexerCursor.update({
          where: { ledger: this.key },
          data: { lastBlock: ancestor, lastHash: ancestorHash },
        });
      }
    });
    return { kind: "rolled-back", to: ancestor, removed };
  }
}

/** Stores events (ignoring ones already stored) and projects the new ones. */
async function project(tx: Prisma.TransactionClient, events: LedgerEvent[]): Promise<void> {
  const inserted = await insertEvents(tx, events);
  const projection = new Projection();
  for (const e of events) {
    if (!inserted.has(e.id)) continue;
    try {
      projection.add(e);
    } catch (error) {
      throw new ProjectionError(`${e.name}: ${(error as Error).message}`, { cause: error });
    }
  }
  await projection.flush(tx);
}

/** Inserts events, ignoring ones already stored; returns the ids that were new. */
async function insertEvents(tx: Prisma.TransactionClient, events: LedgerEvent[]): Promise<Set<string>> {
  if (events.length === 0) return new Set();
  // One JSON text rather than thirteen arrays (node-postgres escapes array elements one by one in JavaScript).
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO "CustodyEvent" (id, "blockNumber", "blockHash", "logIndex", "txHash", "eventName", "bizStep", "batchId",
       "shipmentId", actor, by, args, "occurredAt", "rawArgs")
     SELECT * FROM json_to_recordset($1::json) AS v(id text, "blockNumber" bigint, "blockHash" text, "logIndex" int,
       "txHash" text, name "LedgerEventName", "bizStep" "BizStep", "batchId" text, "shipmentId" text, actor text,
       by text, args jsonb, "occurredAt" timestamp(3), raw jsonb)
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    // Timestamps as UTC text (a zone in the text is ignored by timestamp(3)), block numbers as decimal text.
    JSON.stringify(events.map(({ log: _log, ...e }) => ({ ...e, blockNumber: e.blockNumber.toString() }))),
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * The hash of the chain's block `blockNumber`, or null when the chain has no such block (it lost it:
 * a reorganisation or a node restarted without its last blocks). A node that cannot answer is not a
 * chain without blocks: that throws, and the step is tried again, rather than every indexed block
 * being rolled back.
 */
async function hashAt(client: PublicClient, blockNumber: bigint): Promise<Hex | null> {
  try {
    return (await client.getBlock({ blockNumber })).hash;
  } catch (error) {
    if (error instanceof BlockNotFoundError) return null;
    throw error;
  }
}
