/**
 * Batches as staff see them in lists, from the indexed ledger (not the chain): master data, status,
 * and where the packs are now. A regulator sees every batch; any other organisation the batches it
 * made, holds or held, or shipped or received (so a pharmacy sees what passed through it).
 */
import { ROLE, isExpired } from "@tracemed/chain";
import type { Db, Prisma } from "@tracemed/db";
import { stockOf } from "../stock";

export interface BatchRow {
  id: string;
  gtin: string;
  lot: string;
  productName: string | null;
  manufacturer: string;
  manufacturerAccount: string;
  status: "active" | "quarantined" | "recalled";
  statusReason: string | null;
  expiresAt: string;
  expired: boolean;
  packCount: number;
  holders: { account: string; name: string; held: number }[];
  inTransit: number;
  dispensed: number;
  writtenOff: number;
  registeredAt: string;
}

export interface BatchListOptions {
  /** who is looking: its account and role bits */
  viewer: { account: string; roles: number };
  status?: "active" | "quarantined" | "recalled" | "expired";
  now?: Date;
  limit?: number;
}

/** Batches `viewer` may see, newest registration first, with holders and totals. */
export async function listBatches(db: Db, o: BatchListOptions): Promise<BatchRow[]> {
  const now = o.now ?? new Date();
  const me = o.viewer.account.toLowerCase();
  const all = (o.viewer.roles & ROLE.REGULATOR) !== 0;
  let ids: string[] | null = null;
  if (!all) {
    const [made, held, moved] = await Promise.all([
      db.batch.findMany({ where: { manufacturerAccount: me }, select: { id: true } }),
      db.holding.findMany({ where: { account: me }, select: { batchId: true } }),
      db.shipment.findMany({ where: { OR: [{ fromAccount: me }, { toAccount: me }] }, select: { batchId: true } }),
    ]);
    ids = [...new Set([...made.map((b) => b.id), ...held.map((h) => h.batchId), ...moved.map((s) => s.batchId)])];
  }
  const statusWhere: Prisma.BatchWhereInput =
    o.status === "expired"
      ? { status: "active", expiresAt: { lt: now } }
      : o.status === "active"
        ? { status: "active", expiresAt: { gte: now } }
        : o.status
          ? { status: o.status }
          : {};
  const batches = await db.batch.findMany({
    where: { ...(ids ? { id: { in: ids } } : {}), ...statusWhere },
    orderBy: [{ registeredBlock: "desc" }],
    take: o.limit ?? 500,
  });
  if (batches.length === 0) return [];
  const { holdings, products, inTransit } = await stockOf(db, batches);
  const accounts = [...new Set([...batches.map((b) => b.manufacturerAccount), ...holdings.map((h) => h.account)])];
  const orgs = await db.organisation.findMany({
    where: { account: { in: accounts } },
    select: { account: true, name: true },
  });
  const name = new Map(orgs.map((x) => [x.account, x.name]));
  const product = new Map(products.map((p) => [p.gtin, `${p.name} ${p.strength}`]));
  return batches.map((b) => {
    const mine = holdings.filter((h) => h.batchId === b.id);
    return {
      id: b.id,
      gtin: b.gtin,
      lot: b.lot,
      productName: product.get(b.gtin) ?? null,
      manufacturer: name.get(b.manufacturerAccount) ?? b.manufacturerAccount,
      manufacturerAccount: b.manufacturerAccount,
      status: b.status as BatchRow["status"],
      statusReason: b.statusReason,
      expiresAt: b.expiresAt.toISOString(),
      expired: isExpired(b.expiresAt, now),
      packCount: b.packCount,
      holders: mine
        .filter((h) => h.held > 0)
        .map((h) => ({ account: h.account, name: name.get(h.account) ?? h.account, held: h.held }))
        .sort((x, y) => y.held - x.held),
      inTransit: inTransit(b.id),
      dispensed: mine.reduce((s, h) => s + h.dispensed, 0),
      writtenOff: mine.reduce((s, h) => s + h.writtenOff, 0),
      registeredAt: b.registeredAt.toISOString(),
    };
  });
}

/** Whether `viewer` may open batch `batchId`'s provenance page. */
export async function canSeeBatch(
  db: Db,
  viewer: { account: string; roles: number },
  batchId: string,
): Promise<boolean> {
  if ((viewer.roles & ROLE.REGULATOR) !== 0) return true;
  const me = viewer.account.toLowerCase();
  const id = batchId.toLowerCase();
  const [made, held, moved] = await Promise.all([
    db.batch.count({ where: { id, manufacturerAccount: me } }),
    db.holding.count({ where: { batchId: id, account: me } }),
    db.shipment.count({ where: { batchId: id, OR: [{ fromAccount: me }, { toAccount: me }] } }),
  ]);
  return made + held + moved > 0;
}
