/**
 * The webhook dispatcher (run by apps/indexer beside the indexer): it reads the ledger's events in chain order after
 * its cursor, queues one delivery per concerned subscription (the queue rows and the cursor move in one
 * transaction: no event is lost or queued twice across a restart), and sends the deliveries that are due, several
 * at once and each with a time limit, so a slow or dead receiver never holds back the others. A delivery whose
 * answer was lost (the process died after sending) is sent again: receivers de-duplicate by TraceMed-Delivery.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { Db } from "@tracemed/db";
import type { AddressPolicy } from "./address";
import { postDelivery, type PostResult } from "./deliver";
import { concernedOrganisations, deliveryBody, TOPIC_OF_EVENT, type LedgerEventRow } from "./match";
import { nextAttemptAfter, RETRY_DELAYS_SECONDS } from "./retry";
import type { Sealer } from "@tracemed/config/seal";
import { DELIVERY_HEADER, SIGNATURE_HEADER, signatureHeader } from "./signing";

const CURSOR = "webhooks";

export interface DispatcherConfig {
  db: Db;
  /** opens the subscriptions' sealed secrets (SYSTEM_KEY_SECRET) */
  sealer: Sealer;
  policy: AddressPolicy;
  /** one receiver's time to answer (default 10 s) */
  timeoutMs?: number;
  /** deliveries in flight at once (default 8) */
  concurrency?: number;
  /** ledger events read per step (default 500) */
  batchSize?: number;
  /** seconds after the 1st, 2nd, ... failed try (default RETRY_DELAYS_SECONDS) */
  delays?: readonly number[];
  now?: () => Date;
  post?: (url: string, body: string, headers: Record<string, string>) => Promise<PostResult>;
  log?: (line: string) => void;
}

export const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;

export class WebhookDispatcher {
  private readonly db: Db;
  private readonly now: () => Date;
  private readonly post: NonNullable<DispatcherConfig["post"]>;

  constructor(private readonly config: DispatcherConfig) {
    this.db = config.db;
    this.now = config.now ?? (() => new Date());
    const timeoutMs = config.timeoutMs ?? 10_000;
    this.post =
      config.post ?? ((url, body, headers) => postDelivery(url, body, headers, { policy: config.policy, timeoutMs }));
  }

  /** Queues the deliveries of the ledger events after the cursor; returns how many events it read. */
  async enqueue(): Promise<number> {
    const cursor = await this.db.webhookCursor.findUnique({ where: { name: CURSOR } });
    const events: LedgerEventRow[] = await this.db.custodyEvent.findMany({
      where: cursor
        ? {
            OR: [
              { blockNumber: { gt: cursor.blockNumber } },
              { blockNumber: cursor.blockNumber, logIndex: { gt: cursor.logIndex } },
            ],
          }
        : {},
      orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }],
      take: this.config.batchSize ?? 500,
      select: {
        id: true,
        eventName: true,
        batchId: true,
        shipmentId: true,
        txHash: true,
        blockNumber: true,
        logIndex: true,
        args: true,
        occurredAt: true,
      },
    });
    const last = events.at(-1) as (LedgerEventRow & { logIndex: number }) | undefined;
    if (!last) return 0;
    const rows = [];
    // With no webhook at all (most of a network's life before integrations), the cursor just moves on.
    const anySubscription = (await this.db.webhookSubscription.count({ where: { deletedAt: null } })) > 0;
    for (const event of anySubscription ? events : []) {
      const topic = TOPIC_OF_EVENT[event.eventName];
      if (!topic) continue;
      const organisations = await concernedOrganisations(this.db, event);
      if (organisations.length === 0) continue;
      const subscriptions = await this.db.webhookSubscription.findMany({
        where: { organisation: { in: organisations }, deletedAt: null, topics: { has: topic } },
        select: { id: true },
      });
      for (const s of subscriptions) {
        const id = newId("whd");
        rows.push({
          id,
          subscriptionId: s.id,
          topic,
          eventKey: event.id,
          body: await deliveryBody(this.db, event, topic, id),
          nextAttemptAt: this.now(),
        });
      }
    }
    const at = { blockNumber: last.blockNumber, logIndex: last.logIndex };
    await this.db.$transaction([
      this.db.webhookDelivery.createMany({ data: rows, skipDuplicates: true }),
      this.db.webhookCursor.upsert({ where: { name: CURSOR }, create: { name: CURSOR, ...at }, update: at }),
    ]);
    if (rows.length) this.config.log?.(`queued ${rows.length} deliveries`);
    return events.length;
  }

  /** Sends the deliveries that are due (up to `concurrency` at once); returns how many it tried. */
  async deliverDue(): Promise<number> {
    const now = this.now();
    const due = await this.db.webhookDelivery.findMany({
      where: { status: "pending", nextAttemptAt: { lte: now } },
      orderBy: { nextAttemptAt: "asc" },
      take: 100,
      include: { subscription: { select: { url: true, sealedSecret: true, deletedAt: true } } },
    });
    const concurrency = this.config.concurrency ?? 8;
    let next = 0;
    let tried = 0;
    const worker = async () => {
      while (next < due.length) {
        const delivery = due[next++]!;
        if (await this.attempt(delivery)) tried++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, worker));
    return tried;
  }

  private async attempt(delivery: {
    id: string;
    body: string;
    attempts: number;
    nextAttemptAt: Date | null;
    subscription: { url: string; sealedSecret: string; deletedAt: Date | null };
  }): Promise<boolean> {
    // Claimed by moving its next try past the time limit: another dispatcher that read it too skips it.
    const claimUntil = new Date(this.now().getTime() + (this.config.timeoutMs ?? 10_000) + 60_000);
    const claimed = await this.db.webhookDelivery.updateMany({
      where: { id: delivery.id, status: "pending", nextAttemptAt: delivery.nextAttemptAt },
      data: { nextAttemptAt: claimUntil },
    });
    if (claimed.count !== 1) return false;
    const attempt = delivery.attempts + 1;
    const result: PostResult = delivery.subscription.deletedAt
      ? { status: null, error: "the subscription was deleted" }
      : await this.send(delivery);
    const at = this.now();
    const ok = result.error === null;
    const nextAttemptAt =
      ok || delivery.subscription.deletedAt
        ? null
        : nextAttemptAfter(attempt, at, this.config.delays ?? RETRY_DELAYS_SECONDS);
    await this.db.$transaction([
      this.db.webhookAttempt.create({
        data: {
          id: randomUUID(),
          deliveryId: delivery.id,
          attempt,
          at,
          httpStatus: result.status,
          error: result.error,
          nextAttemptAt,
        },
      }),
      this.db.webhookDelivery.update({
        where: { id: delivery.id },
        data: {
          attempts: attempt,
          status: ok ? "delivered" : nextAttemptAt ? "pending" : "failed",
          nextAttemptAt,
          deliveredAt: ok ? at : null,
        },
      }),
    ]);
    this.config.log?.(`${delivery.id} attempt ${attempt}: ${ok ? "delivered" : result.error}`);
    return true;
  }

  /** POSTs a delivery signed with its subscription's secret; a secret that cannot be opened is a failed try. */
  private async send(delivery: { id: string; body: string; subscription: { url: string; sealedSecret: string } }) {
    let secret: string;
    try {
      secret = this.config.sealer.open(delivery.subscription.sealedSecret);
    } catch {
      return { status: null, error: "the signing secret cannot be opened: SYSTEM_KEY_SECRET changed" };
    }
    const headers = { [DELIVERY_HEADER]: delivery.id, [SIGNATURE_HEADER]: signatureHeader(secret, delivery.body) };
    return this.post(delivery.subscription.url, delivery.body, headers).catch((error: Error) => ({
      status: null,
      error: error.message,
    }));
  }

  /** One round: queue what the indexer added, then send what is due. */
  async step(): Promise<{ events: number; tried: number }> {
    const events = await this.enqueue();
    const tried = await this.deliverDue();
    return { events, tried };
  }

  /** Steps until `signal` aborts, pausing `pollMs` when there was nothing to do. */
  async run(signal: AbortSignal, pollMs = 1_000): Promise<void> {
    while (!signal.aborted) {
      const { events, tried } = await this.step().catch((error: Error) => {
        this.config.log?.(error.message.split("\n")[0]!);
        return { events: 0, tried: 0 };
      });
      if (events === 0 && tried === 0)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
        });
    }
  }
}
