/**
 * Cases and pallets as EPCIS 2.0 events (the LogisticUnit rows the indexer keeps of the LogisticUnits contract):
 * a unit packed is an AggregationEvent ADD `packing` (parentID its SSCC, childEPCs its packs and child units), a
 * unit opened an AggregationEvent DELETE `unpacking`. Identifiers are Digital Links on the public origin, as the
 * export writes packs; eventIDs are deterministic, so a re-export de-duplicates at the partner.
 */
import { buildDigitalLink, ssccDigitalLink } from "@tracemed/codes/browser";
import type { Db } from "@tracemed/db";
import { eventIdOf, txUri } from "./export";

export interface AggregationEvent {
  type: "AggregationEvent";
  eventTime: string;
  eventTimeZoneOffset: string;
  eventID: string;
  parentID: string;
  childEPCs: string[];
  action: "ADD" | "DELETE";
  bizStep: "packing" | "unpacking";
  disposition: "in_progress";
  readPoint?: { id: string };
  bizTransactionList?: { bizTransaction: string }[];
}

/** The packing and unpacking events of these units, in time order. */
export async function unitEvents(db: Db, ssccs: string[], origin: string): Promise<AggregationEvent[]> {
  if (ssccs.length === 0) return [];
  const base = origin.replace(/\/+$/, "");
  const units = await db.logisticUnit.findMany({ where: { sscc: { in: ssccs } } });
  const [packs, children, cursor] = await Promise.all([
    db.logisticUnitPack.findMany({ where: { sscc: { in: ssccs } } }),
    db.logisticUnit.findMany({ where: { parentSscc: { in: ssccs } }, select: { sscc: true, parentSscc: true } }),
    db.indexerCursor.findFirst({ orderBy: { lastBlock: "desc" } }),
  ]);
  const chainId = cursor?.ledger.split(":")[0] ?? null;
  const batchIds = [...new Set(packs.map((p) => p.batchId))];
  const [batches, serials] = await Promise.all([
    db.batch.findMany({ where: { id: { in: batchIds } }, select: { id: true, gtin: true, lot: true } }),
    db.pack.findMany({
      where: {
        OR: batchIds.map((batchId) => ({
          batchId,
          leafIndex: { in: packs.filter((p) => p.batchId === batchId).map((p) => p.packIndex) },
        })),
      },
      select: { batchId: true, leafIndex: true, serial: true },
    }),
  ]);
  const gtinOf = new Map(batches.map((b) => [b.id, b.gtin]));
  const serialOf = new Map(serials.map((s) => [`${s.batchId}:${s.leafIndex}`, s.serial]));
  const places = new Map(
    (await db.organisation.findMany({ where: { account: { in: units.map((u) => u.organisation) } } })).map((o) => [
      o.account,
      o.gln,
    ]),
  );

  const out: AggregationEvent[] = [];
  for (const u of units) {
    const childEPCs = [
      ...packs
        .filter((p) => p.sscc === u.sscc)
        .flatMap((p) => {
          const gtin = gtinOf.get(p.batchId);
          const serial = serialOf.get(`${p.batchId}:${p.packIndex}`);
          return gtin && serial ? [buildDigitalLink({ gtin, serial }, { base })] : [];
        }),
      ...children.filter((c) => c.parentSscc === u.sscc).map((c) => ssccDigitalLink(base, c.sscc)),
    ];
    const gln = places.get(u.organisation);
    const common = {
      type: "AggregationEvent" as const,
      eventTimeZoneOffset: "+00:00",
      parentID: ssccDigitalLink(base, u.sscc),
      childEPCs,
      disposition: "in_progress" as const,
      ...(gln ? { readPoint: { id: `https://id.gs1.org/414/${gln}` } } : {}),
    };
    out.push({
      ...common,
      eventTime: u.packedAt.toISOString(),
      eventID: eventIdOf(`unit:${u.sscc}:packed`),
      action: "ADD",
      bizStep: "packing",
      bizTransactionList: [{ bizTransaction: txUri(chainId, u.packedTx) }],
    });
    if (u.status === "opened" && u.openedAt) {
      out.push({
        ...common,
        eventTime: u.openedAt.toISOString(),
        eventID: eventIdOf(`unit:${u.sscc}:opened`),
        action: "DELETE",
        bizStep: "unpacking",
      });
    }
  }
  return out.sort((a, b) => Date.parse(a.eventTime) - Date.parse(b.eventTime));
}
