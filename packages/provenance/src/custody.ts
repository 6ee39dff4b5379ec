/**
 * What the custody pages read from the database (the indexer's projection of the ledger): the
 * organisation's holdings, its incoming and outgoing shipments, recent custody events and its own
 * recent dispenses. Accounts are stored lower-case.
 */
import { ROLE, UNDO_WINDOW_HOURS, isExpired, unixHour } from "@tracemed/chain";
import type { Db } from "@tracemed/db";
import { refToSscc } from "@tracemed/codes/browser";
import { inTransit, type HopStatus } from "./provenance";

export const CUSTODY_ROLES = ROLE.MANUFACTURER | ROLE.DISTRIBUTOR | ROLE.PHARMACY;

export interface BatchSummary {
  batchId: string;
  gtin: string;
  lot: string;
  productName: string | null;
  expiresAt: string;
  /** YYMMDD as printed on the packs (AI 17), when known */
  expiry: string | null;
  status: string;
  statusReason: string | null;
  expired: boolean;
  packCount: number;
}

async function batchSummaries(db: Db, ids: string[], now = new Date()): Promise<Map<string, BatchSummary>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const [batches, packSets] = await Promise.all([
    db.batch.findMany({ where: { id: { in: unique } } }),
    db.packSet.findMany({ where: { batchId: { in: unique } }, select: { batchId: true, expiry: true } }),
  ]);
  const products = await db.product.findMany({
    where: { gtin: { in: [...new Set(batches.map((b) => b.gtin))] } },
    select: { gtin: true, name: true },
  });
  const productName = new Map(products.map((p) => [p.gtin, p.name]));
  const expiry = new Map(packSets.map((p) => [p.batchId, p.expiry]));
  return new Map(
    batches.map((b) => [
      b.id,
      {
        batchId: b.id,
        gtin: b.gtin,
        lot: b.lot,
        productName: productName.get(b.gtin) ?? null,
        expiresAt: b.expiresAt.toISOString(),
        expiry: expiry.get(b.id) ?? null,
        status: b.status,
        statusReason: b.statusReason,
        expired: isExpired(b.expiresAt, now),
        packCount: b.packCount,
      },
    ]),
  );
}

async function namesOf(db: Db, accounts: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(accounts)];
  if (unique.length === 0) return new Map();
  const orgs = await db.organisation.findMany({
    where: { account: { in: unique } },
    select: { account: true, name: true },
  });
  return new Map(orgs.map((o) => [o.account, o.name]));
}

export interface HoldingRow extends BatchSummary {
  held: number;
  dispensed: number;
  writtenOff: number;
}

/** The organisation's stock, batch by batch (rows with anything held, dispensed or written off). */
export async function holdingsOf(db: Db, account: string): Promise<HoldingRow[]> {
  const rows = await db.holding.findMany({
    where: { account, OR: [{ held: { gt: 0 } }, { dispensed: { gt: 0 } }, { writtenOff: { gt: 0 } }] },
  });
  const batches = await batchSummaries(
    db,
    rows.map((r) => r.batchId),
  );
  return rows
    .flatMap((r) => {
      const b = batches.get(r.batchId);
      return b ? [{ ...b, held: r.held, dispensed: r.dispensed, writtenOff: r.writtenOff }] : [];
    })
    .sort((a, b) => b.held - a.held || a.lot.localeCompare(b.lot));
}

export interface ShipmentRow {
  id: string;
  batch: BatchSummary | null;
  batchId: string;
  from: string;
  fromName: string | null;
  to: string;
  toName: string | null;
  quantity: number;
  ref: string;
  /** the SSCC the ref carries, or null (e.g. the seeded demo shipments' small numbers) */
  sscc: string | null;
  status: string;
  received: number | null;
  shortfall: number | null;
  shippedAt: string;
  shippedTx: string;
  /** the sender's member who shipped */
  shippedBy: string | null;
  /** when the sender asked to cancel: the recipient may contest by receiving, or accept by refusing */
  cancelRequestedAt: string | null;
  closedAt: string | null;
  /** the member who received, refused or completed the cancellation */
  closedBy: string | null;
}

async function shipmentRows(db: Db, rows: Awaited<ReturnType<Db["shipment"]["findMany"]>>): Promise<ShipmentRow[]> {
  const [batches, names] = await Promise.all([
    batchSummaries(
      db,
      rows.map((r) => r.batchId),
    ),
    namesOf(
      db,
      rows.flatMap((r) => [r.fromAccount, r.toAccount]),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    batchId: r.batchId,
    batch: batches.get(r.batchId) ?? null,
    from: r.fromAccount,
    fromName: names.get(r.fromAccount) ?? null,
    to: r.toAccount,
    toName: names.get(r.toAccount) ?? null,
    quantity: r.quantity,
    ref: r.ref,
    sscc: refToSscc(r.ref),
    status: r.status,
    received: r.received,
    shortfall: r.shortfall,
    shippedAt: r.shippedAt.toISOString(),
    shippedTx: r.shippedTx,
    shippedBy: r.shippedBy,
    cancelRequestedAt: r.cancelRequestedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    closedBy: r.closedBy,
  }));
}

/** Shipments on their way to the organisation, oldest first (the ones waiting longest). */
export async function incomingShipments(db: Db, account: string): Promise<ShipmentRow[]> {
  return shipmentRows(
    db,
    await db.shipment.findMany({
      where: { toAccount: account, status: { in: ["in_transit", "cancel_requested"] } },
      orderBy: { shippedAt: "asc" },
    }),
  );
}

/** The organisation's shipments, newest first; in transit ones first. */
export async function outgoingShipments(db: Db, account: string, take = 50): Promise<ShipmentRow[]> {
  const rows = await db.shipment.findMany({
    where: { fromAccount: account },
    orderBy: [{ shippedBlock: "desc" }],
    take,
  });
  const list = await shipmentRows(db, rows);
  const open = (r: ShipmentRow) => Number(inTransit(r.status as HopStatus));
  return list.sort((a, b) => open(b) - open(a));
}

/** Shipments received by the organisation, newest first. */
export async function receivedShipments(db: Db, account: string, take = 20): Promise<ShipmentRow[]> {
  return shipmentRows(
    db,
    await db.shipment.findMany({
      where: { toAccount: account, status: "received" },
      orderBy: { closedBlock: "desc" },
      take,
    }),
  );
}

/** Shipments carrying this ref (an SSCC is meant to be unique, but the ledger does not enforce it). */
export async function shipmentsByRef(db: Db, ref: string): Promise<ShipmentRow[]> {
  return shipmentRows(
    db,
    await db.shipment.findMany({ where: { ref: ref.toLowerCase() }, orderBy: { shippedBlock: "desc" } }),
  );
}

export interface Recipient {
  account: string;
  name: string;
  roles: number;
  gln: string;
  country: string;
}

/** Active organisations that may hold stock, except the sender. */
export async function recipientsFor(db: Db, account: string): Promise<Recipient[]> {
  const orgs = await db.organisation.findMany({
    where: { suspended: false, NOT: { account } },
    orderBy: { name: "asc" },
  });
  return orgs
    .filter((o) => (o.roles & CUSTODY_ROLES) !== 0)
    .map((o) => ({ account: o.account, name: o.name, roles: o.roles, gln: o.gln, country: o.country }));
}

export interface EventRow {
  id: string;
  eventName: string;
  bizStep: string | null;
  batch: BatchSummary | null;
  quantity: number | null;
  counterparty: string | null;
  /** the member of the acting organisation who signed */
  signedBy: string | null;
  occurredAt: string;
  txHash: string;
}

/** Recent custody events the organisation took part in (as actor or as recipient). */
export async function recentEvents(db: Db, account: string, take = 20): Promise<EventRow[]> {
  const rows = await db.custodyEvent.findMany({
    where: {
      batchId: { not: null },
      OR: [{ actor: account }, { args: { path: ["to"], equals: account } }],
    },
    orderBy: [{ blockNumber: "desc" }, { logIndex: "desc" }],
    take,
  });
  const batches = await batchSummaries(
    db,
    rows.flatMap((r) => (r.batchId ? [r.batchId] : [])),
  );
  const args = rows.map((r) => (r.args ?? {}) as Record<string, unknown>);
  const other = rows.map((r, i) => {
    const a = args[i]!;
    const from = typeof a.from === "string" ? a.from : null;
    const to = typeof a.to === "string" ? a.to : null;
    // The other party: the recipient of what we sent, the sender of what we received, else the actor.
    if (from === account) return to;
    if (to === account) return from;
    return r.actor && r.actor !== account ? r.actor : null;
  });
  const names = await namesOf(
    db,
    other.filter((x): x is string => x !== null),
  );
  return rows.map((r, i) => {
    const a = args[i]!;
    const qty = a.quantity ?? a.received ?? (Array.isArray(a.indices) ? a.indices.length : null) ?? a.packCount ?? null;
    const cp = other[i];
    return {
      id: r.id,
      eventName: r.eventName,
      bizStep: r.bizStep,
      batch: r.batchId ? (batches.get(r.batchId) ?? null) : null,
      quantity: qty === null ? null : Number(qty),
      counterparty: cp ? (names.get(cp) ?? cp) : null,
      signedBy: r.by,
      occurredAt: r.occurredAt.toISOString(),
      txHash: r.txHash,
    };
  });
}

export interface DispenseRow {
  batchId: string;
  leafIndex: number;
  serial: string;
  gtin: string;
  lot: string;
  productName: string | null;
  dispensedAt: string;
  /** the unix hour undoDispense takes (the ledger's block.timestamp / 1 hour at dispensing) */
  hour: number;
  /** the pharmacy's member who dispensed */
  signedBy: string | null;
  tx: string | null;
}

/** The undo window (hours after the start of the hour of dispensing), the ledger's. */
export { UNDO_WINDOW_HOURS };
const HOUR_MS = 3_600_000;

/**
 * The pharmacy's dispenses still inside the undo window, newest first: the ledger allows an undo while
 * `now <= hour * 1 h + 240 h`, so a dispense of hour h is listed until then.
 */
export async function recentDispenses(db: Db, account: string, now = new Date(), take = 200): Promise<DispenseRow[]> {
  const since = new Date((Math.ceil(now.getTime() / HOUR_MS) - UNDO_WINDOW_HOURS) * HOUR_MS);
  const packs = await db.pack.findMany({
    where: { dispensedBy: account, dispensedAt: { gte: since } },
    orderBy: [{ dispensedAt: "desc" }, { leafIndex: "asc" }],
    take,
  });
  const batches = await batchSummaries(
    db,
    packs.map((p) => p.batchId),
  );
  return packs.map((p) => {
    const b = batches.get(p.batchId);
    const at = p.dispensedAt!;
    return {
      batchId: p.batchId,
      leafIndex: p.leafIndex,
      serial: p.serial,
      gtin: b?.gtin ?? "",
      lot: b?.lot ?? "",
      productName: b?.productName ?? null,
      dispensedAt: at.toISOString(),
      hour: unixHour(at),
      signedBy: p.dispenseSignedBy,
      tx: p.dispenseTx,
    };
  });
}
