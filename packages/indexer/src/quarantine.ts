/**
 * No single event stalls the indexer. A range's events are projected in one go inside a savepoint; if
 * the database or the projector refuses that, the range is halved and each half projected in its own
 * savepoint, in chain order, until the events refused stand alone; those are quarantined: kept raw (block, transaction, log index, topics,
 * data) with the error in QuarantinedEvent, while the rest of the range is projected and the cursor
 * moves on. Together with the logs that do not decode at all (decode.ts), that table is what the
 * database may lack: the regulator's dashboard lists it, and `batchId` says which batch's state in the
 * database may be stale (a quarantined recall would leave a recalled batch "active" there).
 *
 * Only refusals that the event's own data causes are quarantined: the projector's own errors (an
 * event it does not know, arguments it cannot read) and PostgreSQL's data exceptions and constraint
 * violations (SQLSTATE classes 22 and 23). Anything else (the connection lost, the lease lost, a
 * timeout) fails the step as before, and the step is retried: a passing outage must not quarantine
 * good events. Idempotent: a re-read range quarantines the same events again (same ids), drops what
 * now projects, and a reorg removes the quarantined events of orphaned blocks with the rest.
 */
import type { Prisma } from "@tracemed/db";
import type { LedgerEvent, RawLog, UndecodableLog } from "./decode";
import { chainText } from "./text";

type Tx = Prisma.TransactionClient;

/** An event kept out of the projection, as stored in QuarantinedEvent. */
export interface Quarantined {
  id: string;
  blockNumber: bigint;
  blockHash: string;
  logIndex: number;
  txHash: string;
  eventName: string | null;
  batchId: string | null;
  log: RawLog;
  error: string;
}

/** The projector's own refusal of an event (as opposed to the database going away). */
export class ProjectionError extends Error {}

/** Prisma's codes for a value the database refuses: too long, unique, foreign key, null, out of range, bad value. */
const DATA_CODES = new Set(["P2000", "P2002", "P2003", "P2004", "P2007", "P2011", "P2020", "P2023"]);

/** A field of a database error, wherever Prisma and its driver adapter put it (meta.driverAdapterError.cause). */
function dbField(error: unknown, keys: string[], ok: (v: string) => boolean): string | null {
  const seen = new Set<unknown>();
  const walk = (e: unknown): string | null => {
    if (!e || typeof e !== "object" || seen.has(e)) return null;
    seen.add(e);
    const o = e as Record<string, unknown>;
    for (const key of keys) {
      const v = o[key];
      if (typeof v === "string" && ok(v)) return v;
    }
    for (const key of ["meta", "cause", "driverAdapterError"]) {
      const found = walk(o[key]);
      if (found) return found;
    }
    return null;
  };
  return walk(error);
}

/** The SQLSTATE of a database error (Prisma's own codes start with P). */
const sqlState = (error: unknown) =>
  dbField(error, ["originalCode", "code"], (v) => /^[0-9A-Z]{5}$/.test(v) && !v.startsWith("P"));

/** Whether the event's own data caused `error` (so the event is quarantined rather than the step retried). */
export function isEventFault(error: unknown): boolean {
  if (error instanceof ProjectionError) return true;
  const state = sqlState(error);
  if (state) return state.startsWith("22") || state.startsWith("23");
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && DATA_CODES.has(code);
}

/** The database's own message, or the error's, storable as text whatever it quotes. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line =
    dbField(error, ["originalMessage"], (v) => v.trim() !== "") ??
    message.split("\n").findLast((l) => l.trim() !== "") ??
    message;
  return chainText(Buffer.from(line.trim().slice(0, 500))).text;
}

/** Runs `fn` in a savepoint: null when it succeeded, the error's reason when the event's data made it fail. */
async function attempt(tx: Tx, fn: () => Promise<void>): Promise<string | null> {
  await tx.$executeRawUnsafe(`SAVEPOINT project_events`);
  try {
    await fn();
    await tx.$executeRawUnsafe(`RELEASE SAVEPOINT project_events`);
    return null;
  } catch (error) {
    if (!isEventFault(error)) throw error;
    await tx.$executeRawUnsafe(`ROLLBACK TO SAVEPOINT project_events`);
    await tx.$executeRawUnsafe(`RELEASE SAVEPOINT project_events`);
    return reason(error);
  }
}

/**
 * Projects a range's events with `project` (inside the caller's transaction), quarantining those that
 * cannot be projected and the range's undecodable logs; returns what it quarantined.
 */
export async function projectOrQuarantine(
  tx: Tx,
  ledger: string,
  range: { from: bigint; to: bigint },
  events: LedgerEvent[],
  undecodable: UndecodableLog[],
  project: (events: LedgerEvent[]) => Promise<void>,
): Promise<Quarantined[]> {
  // An undecodable log's topics cannot be trusted to name a batch.
  const out: Quarantined[] = undecodable.map((u) => ({ ...u, batchId: null }));
  /** Projects `run` in chain order, halving a refused run until the events at fault stand alone. */
  const isolate = async (run: LedgerEvent[], error: string | null): Promise<void> => {
    if (error === null) return;
    const e = run[0]!;
    if (run.length === 1) {
      out.push({
        id: e.id,
        blockNumber: e.blockNumber,
        blockHash: e.blockHash,
        logIndex: e.logIndex,
        txHash: e.txHash,
        eventName: e.name,
        batchId: e.batchId,
        log: e.log,
        error,
      });
      return;
    }
    const first = run.slice(0, run.length >> 1);
    const rest = run.slice(run.length >> 1);
    await isolate(first, await attempt(tx, () => project(first)));
    await isolate(rest, await attempt(tx, () => project(rest)));
  };
  // One refused event among thousands costs about 2 log2(n) attempts, not n.
  await isolate(events, await attempt(tx, () => project(events)));
  // What stays quarantined in this range is exactly what was refused now: an event that projects on a
  // later run (the cursor reset after a fix) leaves the quarantine.
  await tx.$executeRawUnsafe(
    `DELETE FROM "QuarantinedEvent" WHERE ledger = $1 AND "blockNumber" BETWEEN $2 AND $3 AND NOT (id = ANY($4::text[]))`,
    ledger,
    range.from.toString(),
    range.to.toString(),
    out.map((q) => q.id),
  );
  if (out.length > 0) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "QuarantinedEvent" (id, ledger, "blockNumber", "blockHash", "logIndex", "txHash", address, topics, data,
         "eventName", "batchId", error)
       SELECT id, $1, bn, bh, li, th, ad, string_to_array(tp, ','), decode(d, 'hex'), en, bi, er
         FROM unnest($2::text[], $3::bigint[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::text[],
                     $10::text[], $11::text[], $12::text[]) AS v(id, bn, bh, li, th, ad, tp, d, en, bi, er)
       ON CONFLICT (id) DO UPDATE SET error = EXCLUDED.error`,
      ledger,
      out.map((q) => q.id),
      out.map((q) => q.blockNumber.toString()),
      out.map((q) => q.blockHash),
      out.map((q) => q.logIndex),
      out.map((q) => q.txHash),
      out.map((q) => q.log.address.toLowerCase()),
      out.map((q) => q.log.topics.join(",")),
      out.map((q) => q.log.data.slice(2)),
      out.map((q) => q.eventName),
      out.map((q) => q.batchId),
      out.map((q) => q.error),
    );
  }
  return out;
}

/** The log line of a quarantined event. */
export function quarantineLine(q: Quarantined): string {
  return (
    `quarantined ${q.eventName ?? "an unknown log"} at block ${q.blockNumber} (tx ${q.txHash}, log ${q.logIndex})` +
    `${q.batchId ? ` of batch ${q.batchId}` : ""}: ${q.error}; indexing goes on, the database may lack its effect`
  );
}
