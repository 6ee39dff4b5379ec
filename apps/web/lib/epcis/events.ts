/**
 * The events an organisation may query (`GET /epcis/events`): the ledger's events of the batches it made or handled
 * (shipped, received, held) as the export writes them, and the events it captured itself. The regulator sees every
 * batch. Framework-free (tests call it).
 */
import { ROLE } from "@tracemed/chain";
import type { Db } from "@tracemed/db";
import { batchEpcisDocument } from "@tracemed/epcis/export";

export interface QueryScope {
  organisation: string;
  roles: number;
}

/** The ids of the batches the organisation made or handled (every batch for the regulator). */
async function visibleBatches(db: Db, scope: QueryScope): Promise<string[]> {
  if (scope.roles & ROLE.REGULATOR) return (await db.batch.findMany({ select: { id: true } })).map((b) => b.id);
  const me = scope.organisation.toLowerCase();
  const [made, shipped, held] = await Promise.all([
    db.batch.findMany({ where: { manufacturerAccount: me }, select: { id: true } }),
    db.shipment.findMany({
      where: { OR: [{ fromAccount: me }, { toAccount: me }] },
      select: { batchId: true },
      distinct: ["batchId"],
    }),
    db.holding.findMany({ where: { account: me }, select: { batchId: true } }),
  ]);
  return [...new Set([...made.map((b) => b.id), ...shipped.map((s) => s.batchId), ...held.map((h) => h.batchId)])];
}

/** Every event visible to the organisation, as EPCIS 2.0 JSON-LD events (recordTime set). */
export async function visibleEvents(db: Db, scope: QueryScope, origin: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const id of await visibleBatches(db, scope)) {
    const doc = await batchEpcisDocument(db, id, { origin });
    for (const e of doc.epcisBody.eventList) out.push({ ...e, recordTime: e.eventTime });
  }
  const captured = await db.epcisEvent.findMany({
    where: { organisation: scope.organisation.toLowerCase() },
    orderBy: { eventTime: "asc" },
  });
  for (const c of captured) {
    out.push({
      ...(c.body as Record<string, unknown>),
      eventID: c.eventId ?? c.eventHash,
      recordTime: c.recordTime.toISOString(),
    });
  }
  return out;
}
