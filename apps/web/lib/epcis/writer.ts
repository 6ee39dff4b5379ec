/**
 * The capture writer: a job's stored events, in document order, become ledger writes signed by the organisation's
 * system member. Calls are batched into one `multicall` per contract (at most MAX_CALLS_PER_TX calls); before an
 * event's calls join a batch, the batch with them is simulated, so an event the ledger would refuse is refused
 * alone (its error in the ledger's own words, in the job's locale) and never sinks the others. One writer per
 * system member at a time (`inTurn` of @tracemed/chain): its transaction nonces never race. Framework-free (tests call it).
 */
import { custodyLedgerAbi, describeLedgerError, logisticUnitsAbi } from "@tracemed/chain";
import type { Db } from "@tracemed/db";
import { planOf } from "@tracemed/epcis/mapping";
import {
  encodeFunctionData,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
} from "viem";
import type { Locale } from "@/lib/i18n/locales";
import { localiseLedgerError } from "@/lib/i18n/ledgerErrors";
import { messagesFor } from "@/lib/i18n/messages";
import { resolvePlan, type PlannedCall, type ProofSource, type Registrar } from "./resolve";

export const MAX_CALLS_PER_TX = 50;

export interface WriterDeps {
  db: Db;
  publicClient: PublicClient;
  /** the system member's wallet */
  wallet: WalletClient<Transport, Chain, Account>;
  ledger: Address;
  /** the cases-and-pallets contract, null where the network has none */
  units: Address | null;
  proofs: ProofSource;
  register: Registrar;
  /** calls per multicall (default MAX_CALLS_PER_TX; 1 sends every event alone, the benchmark's baseline) */
  maxCallsPerTx?: number;
}

interface Pending {
  eventId: string;
  calls: PlannedCall[];
  /** the event's first calls only: still pending once they are mined (its own calls follow) */
  partial?: boolean;
}

const ABI: Record<PlannedCall["target"], Abi> = {
  ledger: custodyLedgerAbi as unknown as Abi,
  units: logisticUnitsAbi as unknown as Abi,
};

const encode = (c: PlannedCall): Hex =>
  encodeFunctionData({ abi: ABI[c.target], functionName: c.functionName, args: c.args as unknown[] });

class Batcher {
  private target: PlannedCall["target"] | null = null;
  private pending: Pending[] = [];
  private calls = 0;

  constructor(
    private readonly deps: WriterDeps,
    private readonly locale: Locale,
  ) {}

  private address(target: PlannedCall["target"]): Address | null {
    return target === "ledger" ? this.deps.ledger : this.deps.units;
  }

  private data(extra: PlannedCall[] = []): Hex[] {
    return [...this.pending.flatMap((p) => p.calls), ...extra].map(encode);
  }

  /** Adds an event's calls to the batch when the batch with them would be accepted; else the ledger's refusal. */
  async add(
    eventId: string,
    calls: PlannedCall[],
    partial = false,
  ): Promise<{ refused: { code: string; message: string } } | null> {
    const target = calls[0]!.target;
    const address = this.address(target);
    if (!address) {
      return {
        refused: {
          code: "UnitsUnavailable",
          message: messagesFor(this.locale).epcis.refusals.noUnits,
        },
      };
    }
    const max = this.deps.maxCallsPerTx ?? MAX_CALLS_PER_TX;
    if (this.target !== target || (this.calls > 0 && this.calls + calls.length > max)) await this.flush();
    this.target = target;
    try {
      await this.deps.publicClient.simulateContract({
        address,
        abi: ABI[target],
        functionName: "multicall",
        args: [this.data(calls)],
        account: this.deps.wallet.account,
      });
    } catch (error) {
      const info = describeLedgerError(error);
      return { refused: { code: info.code, message: localiseLedgerError(this.locale, info) } };
    }
    this.pending.push({ eventId, calls, partial });
    this.calls += calls.length;
    return null;
  }

  /**
   * Sends the batch (one multicall) and marks its events written, or refused when it failed when mined; false
   * then.
   */
  async flush(): Promise<boolean> {
    if (this.pending.length === 0 || !this.target) return true;
    const batch = this.pending;
    const address = this.address(this.target)!;
    const abi = ABI[this.target];
    const data = this.data();
    this.pending = [];
    this.calls = 0;
    const ids = batch.map((p) => p.eventId);
    try {
      const hash = await this.deps.wallet.writeContract({
        address,
        abi,
        functionName: "multicall",
        args: [data],
        chain: this.deps.wallet.chain,
        account: this.deps.wallet.account,
      });
      const receipt = await this.deps.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 100 });
      if (receipt.status !== "success") throw new Error("reverted");
      await this.deps.db.epcisEvent.updateMany({
        where: { id: { in: batch.filter((p) => !p.partial).map((p) => p.eventId) } },
        data: { status: "written", txHash: hash },
      });
      return true;
    } catch (error) {
      const info = describeLedgerError(error);
      await this.deps.db.epcisEvent.updateMany({
        where: { id: { in: ids } },
        data: { status: "refused", errorCode: info.code, errorMessage: localiseLedgerError(this.locale, info) },
      });
      return false;
    }
  }
}

/**
 * Writes the pending events of a capture job, in document order, and closes the job. Safe to run again after a
 * crash: only events still pending are taken.
 */
export async function runCaptureJob(deps: WriterDeps, jobId: string): Promise<void> {
  const { db } = deps;
  const job = await db.epcisCaptureJob.findUnique({ where: { id: jobId } });
  if (!job || !job.running) return;
  const locale = (job.locale === "zh-CN" ? "zh-CN" : "en") as Locale;
  const batcher = new Batcher(deps, locale);
  const ctx = {
    db,
    words: messagesFor(locale).epcis.refusals,
    organisation: job.organisation,
    proofs: deps.proofs,
    register: deps.register,
    parties: new Map<string, { account: string } | null>(),
  };
  const jobErrors: { code: string; message: string }[] = [];
  try {
    for (let cursor = -1; ;) {
      const events = await db.epcisEvent.findMany({
        where: { jobId, status: "pending", index: { gt: cursor } },
        orderBy: { index: "asc" },
        take: 500,
      });
      if (events.length === 0) break;
      const recorded: string[] = [];
      for (const e of events) {
        cursor = e.index;
        const plan = planOf(e.body as Record<string, unknown>);
        if (plan.kind === "record") {
          recorded.push(e.id);
          continue;
        }
        if (plan.kind === "unsupported") {
          await refuse(db, e.id, "EpcisUnsupportedEvent", messagesFor(locale).epcis.unsupported[plan.reason]);
          continue;
        }
        let resolution = await resolvePlan(ctx, plan);
        // What this event needs may be what the batch before it writes (a receipt after a shipment): send the
        // batch, let the indexer catch up, and look again once.
        if ("refused" in resolution && plan.kind !== "commission") {
          await batcher.flush();
          await waitForIndexer(deps);
          resolution = await resolvePlan(ctx, plan);
        }
        if ("refused" in resolution) {
          await refuse(db, e.id, "EpcisUnsupportedEvent", resolution.refused);
          continue;
        }
        if (resolution.first) {
          // Mined before the event's own calls are tried: those are simulated on the state it leaves. The event
          // stays pending until its own calls are written, so a restart in between resolves it again.
          const before = await batcher.add(e.id, resolution.first, true);
          if (before) {
            await refuse(db, e.id, before.refused.code, before.refused.message);
            continue;
          }
          if (!(await batcher.flush())) continue;
        }
        const refusal = await batcher.add(e.id, resolution.calls);
        if (refusal) {
          await resolution.undo?.();
          await refuse(db, e.id, refusal.refused.code, refusal.refused.message);
        }
      }
      // Events with no ledger effect are marked together (a document of 10,000 observations is one update).
      await db.epcisEvent.updateMany({ where: { id: { in: recorded } }, data: { status: "recorded" } });
    }
    await batcher.flush();
  } catch (error) {
    const info = describeLedgerError(error);
    jobErrors.push({ code: info.code, message: localiseLedgerError(locale, info) });
  }
  const refused = await db.epcisEvent.count({ where: { jobId, status: "refused" } });
  await db.epcisCaptureJob.update({
    where: { id: jobId },
    data: {
      running: false,
      success: refused === 0 && jobErrors.length === 0,
      finishedAt: new Date(),
      errors: jobErrors,
    },
  });
}

async function refuse(db: Db, id: string, code: string, message: string): Promise<void> {
  await db.epcisEvent.update({ where: { id }, data: { status: "refused", errorCode: code, errorMessage: message } });
}

/** Waits until the indexer has read the chain's head (at most 10 s). */
async function waitForIndexer({ db, publicClient }: WriterDeps): Promise<void> {
  const head = await publicClient.getBlockNumber({ cacheTime: 0 }).catch(() => null);
  if (head === null) return;
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    const cursor = await db.indexerCursor.findFirst({ orderBy: { lastBlock: "desc" } });
    if (cursor && BigInt(cursor.lastBlock) >= head) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}
