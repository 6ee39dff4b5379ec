/**
 * Which organisations a ledger event concerns, and what they are told. A recall or a quarantine goes to every
 * organisation that holds stock of the batch or has a shipment of it on its way to it when the dispatcher reads
 * the event (just after the indexer projected it); a shipment goes to its recipient. Nobody else hears of another
 * organisation's batch.
 */
import { refToSscc } from "@tracemed/codes";
import type { Db, WebhookTopic } from "@tracemed/db";

/** The ledger events deliveries are made of, by topic. */
export const TOPIC_OF_EVENT: Record<string, WebhookTopic> = {
  BatchRecalled: "recall",
  BatchQuarantined: "quarantine",
  BatchShipped: "shipment",
};

export interface LedgerEventRow {
  id: string;
  eventName: string;
  batchId: string | null;
  shipmentId: string | null;
  txHash: string;
  blockNumber: bigint;
  args: unknown;
  occurredAt: Date;
}

/** An event argument as the trail holds it (strings as emitted), or null. */
const rawArg = (event: LedgerEventRow, name: string): string | null => {
  const value = (event.args as Record<string, unknown> | null)?.[name];
  return typeof value === "string" || typeof value === "number" ? String(value) : null;
};
const argOf = (event: LedgerEventRow, name: string) => rawArg(event, name)?.toLowerCase() ?? null;

/** The organisations (lower case) `event` concerns under its topic; empty when none (or no topic). */
export async function concernedOrganisations(db: Db, event: LedgerEventRow): Promise<string[]> {
  const topic = TOPIC_OF_EVENT[event.eventName];
  if (!topic || !event.batchId) return [];
  if (topic === "shipment") {
    const to = argOf(event, "to");
    return to ? [to] : [];
  }
  const [holders, inTransit] = await Promise.all([
    db.holding.findMany({ where: { batchId: event.batchId, held: { gt: 0 } }, select: { account: true } }),
    db.shipment.findMany({
      where: { batchId: event.batchId, status: { in: ["in_transit", "cancel_requested"] } },
      select: { toAccount: true },
    }),
  ]);
  return [
    ...new Set([...holders.map((h) => h.account), ...inTransit.map((s) => s.toAccount)].map((a) => a.toLowerCase())),
  ];
}

/** The JSON a subscriber receives for `event` (without the delivery's own id, which the body then carries). */
export async function deliveryBody(db: Db, event: LedgerEventRow, topic: WebhookTopic, deliveryId: string) {
  const batch = event.batchId ? await db.batch.findUnique({ where: { id: event.batchId } }) : null;
  const shipment =
    topic === "shipment" && event.shipmentId ? await db.shipment.findUnique({ where: { id: event.shipmentId } }) : null;
  const ref = shipment?.ref ?? argOf(event, "ref");
  return JSON.stringify({
    id: deliveryId,
    topic,
    occurredAt: event.occurredAt.toISOString(),
    event: { name: event.eventName, id: event.id, txHash: event.txHash, blockNumber: event.blockNumber.toString() },
    batch: {
      id: event.batchId,
      gtin: batch?.gtin ?? null,
      lot: batch?.lot ?? null,
      expiry: batch ? batch.expiresAt.toISOString().slice(0, 10) : null,
      status: batch?.status ?? null,
      reason: topic === "shipment" ? null : (rawArg(event, "reason") ?? batch?.statusReason ?? null),
    },
    shipment:
      topic === "shipment"
        ? {
            id: event.shipmentId,
            from: shipment?.fromAccount ?? argOf(event, "from"),
            to: shipment?.toAccount ?? argOf(event, "to"),
            quantity: shipment?.quantity ?? Number(rawArg(event, "quantity")),
            ref,
            sscc: ref ? refToSscc(ref) : null,
          }
        : null,
  });
}
