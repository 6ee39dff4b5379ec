/**
 * The events an organisation may query (`GET /epcis/events`): the ledger's events of the batches it made or handled
 * (shipped, received, held) as the export writes them, the packing and unpacking of the cases and pallets it packed,
 * held or shipped or received, and the events it captured itself. The regulator sees every batch and unit.
 * Framework-free (tests call it).
 */
import { ROLE } from "@tracemed/chain";
import type { Db } from "@tracemed/db";
import { refToSscc } from "@tracemed/codes";
import { batchEpcisDocument } from "@tracemed/epcis/export";
import { unitEvents } from "@tracemed/epcis/units";

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

/** The SSCCs of the units the organisation packed or holds, or that were shipped to or by it (every one for the regulator). */
async function visibleUnits(db: Db, scope: QueryScope): Promise<string[]> {
  if (scope.roles & ROLE.REGULATOR)
    return (await db.logisticUnit.findMany({ select: { sscc: true } })).map((u) => u.sscc);
  const me = scope.organisation.toLowerCase();
  const [own, shipped] = await Promise.all([
    db.logisticUnit.findMany({ where: { OR: [{ organisation: me }, { holder: me }] }, select: { sscc: true } }),
    db.shipment.findMany({
      where: { OR: [{ fromAccount: me }, { toAccount: me }] },
      select: { ref: true },
      distinct: ["ref"],
    }),
  ]);
  const refs = shipped.map((s) => refToSscc(s.ref)).filter((x): x is string => x !== null);
  const known = refs.length
    ? (await db.logisticUnit.findMany({ where: { sscc: { in: refs } }, select: { sscc: true } })).map((u) => u.sscc)
    : [];
  return [...new Set([...own.map((u) => u.sscc), ...known])];
}

/** Every event visible to the organisation, as EPCIS 2.0 JSON-LD events (recordTime set). */
export async function visibleEvents(db: Db, scope: QueryScope, origin: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const id of await visibleBatches(db, scope)) {
    const doc = await batchEpcisDocument(db, id, { origin });
    for (const e of doc.epcisBody.eventList) out.push({ ...e, recordTime: e.eventTime });
  }
  for (const e of await unitEvents(db, await visibleUnits(db, scope), origin)) {
    out.push({ ...e, recordTime: e.eventTime });
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
