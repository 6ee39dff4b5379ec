/**
 * Where a batch (and one pack of it) has been, read back from the indexed ledger: every custody hop
 * in chain order, how stock split between holders, who holds what now, and every recall, quarantine
 * and release. Pure functions of a database client (no environment, no `server-only`), so the
 * route handlers and node tests share them.
 *
 * Everything one answer says comes from one REPEATABLE READ snapshot: the indexer writes a block
 * range in one transaction, so totals read this way always conserve, even while it is writing.
 */
import { isExpired } from "@tracemed/chain";
import { Prisma, type Db } from "@tracemed/db";
import { parseBatchId } from "./packKey";
import { DomainError } from "@tracemed/errors";

/** A Prisma client inside a transaction (what every reader below runs on). */
export type Tx = Prisma.TransactionClient;

/** An organisation of the network as an answer names it. `name`/`gln`/`country` are null if it is not onboarded. */
export interface Party {
  account: string;
  name: string | null;
  /** its name in Chinese, when its admins gave one (OrganisationProfile) */
  nameZh: string | null;
  gln: string | null;
  country: string | null;
}

/** Where on the ledger something was written, and who signed it. */
export interface LedgerRef {
  at: string;
  txHash: string;
  blockNumber: number;
  /**
   * the account that signed: a member of the organisation the row names (or the council); null for
   * events of a ledger that did not record it
   */
  signedBy: string | null;
}

/**
 * Where a hop stands: in transit (a cancellation requested keeps it so until the recipient receives or
 * refuses it, or the notice runs out), received, refused (back in the sender's stock), voided.
 */
export type HopStatus = "in_transit" | "cancel_requested" | "received" | "refused" | "voided";

/** Still on its way: the packs belong to no holder's stock. */
export const inTransit = (status: HopStatus) => status === "in_transit" || status === "cancel_requested";

/** One custody hop (a shipment of part of a batch from one holder to another). */
export interface Hop {
  shipmentId: string;
  from: Party;
  to: Party;
  quantity: number;
  /** packs the recipient confirmed (null until received) */
  received: number | null;
  /** shipped minus received, written off at the recipient (null until received) */
  shortfall: number | null;
  status: HopStatus;
  /** the sender's reference for the hop (bytes32) */
  ref: string;
  shipped: LedgerRef;
  /** the sender's request to cancel (the recipient may contest it by receiving), or null */
  cancelRequested: { at: string; signedBy: string | null } | null;
  /** the receipt, the refusal or the completed cancellation; null while in transit */
  closed: LedgerRef | null;
}

/** A hop in the custody tree with the hops its recipient shipped on from what it received. */
export interface CustodyNode {
  shipmentId: string;
  from: Party;
  to: Party;
  quantity: number;
  received: number | null;
  status: HopStatus;
  children: CustodyNode[];
}

export interface CustodyTree {
  /** the manufacturer, which received every pack at registration */
  holder: Party;
  registered: number;
  children: CustodyNode[];
}

export interface HoldingView {
  party: Party;
  held: number;
  dispensed: number;
  writtenOff: number;
  /** shipped by this party and not yet received, refused or cancelled */
  inTransitOut: number;
}

export interface StatusEvent extends LedgerRef {
  kind: "recalled" | "quarantined" | "released";
  reason: string | null;
  by: Party;
}

export interface WriteOff extends LedgerRef {
  party: Party;
  quantity: number;
  reason: string;
}

export interface ProductView {
  name: string;
  strength: string;
  dosageForm: string;
  packSize: string;
}

export interface BatchView {
  id: string;
  gtin: string;
  lot: string;
  /** YYMMDD (UTC date of the last second the batch may be dispensed) */
  expiry: string;
  expiresAt: string;
  expired: boolean;
  packCount: number;
  status: "active" | "quarantined" | "recalled";
  statusReason: string | null;
  statusChangedAt: string | null;
  registered: LedgerRef;
  manufacturer: Party;
  /** master data, when the manufacturer entered it */
  product: ProductView | null;
}

export interface Totals {
  registered: number;
  held: number;
  inTransit: number;
  dispensed: number;
  writtenOff: number;
  /** registered = held + inTransit + dispensed + writtenOff (always true on a consistent index) */
  conserved: boolean;
}

export interface BatchProvenance {
  batch: BatchView;
  hops: Hop[];
  custodyTree: CustodyTree;
  holdings: HoldingView[];
  totals: Totals;
  statusEvents: StatusEvent[];
  writeOffs: WriteOff[];
  /** the last ledger block the database has indexed: the answer is true as of this block */
  indexedThroughBlock: number | null;
}

export interface PackEvent extends LedgerRef {
  kind: "dispensed" | "dispense_undone" | "claimed";
  by: Party;
}

/** A pharmacy's dispense of packs to patients, or its undo of one (the packs go back on its shelf). */
export interface DispenseEvent extends LedgerRef {
  kind: "dispensed" | "dispense_undone";
  by: Party;
  /** the packs by leaf index, with their serial where the database holds the pack's record */
  packs: { index: number; serial: string | null }[];
}

export interface PackProvenance {
  batch: BatchProvenance;
  pack: {
    serial: string;
    leafIndex: number;
    /** the first recorded consumer verification */
    claimed: LedgerRef | null;
    dispensed: (LedgerRef & { by: Party }) | null;
  };
  /** this pack's own ledger events, in chain order */
  events: PackEvent[];
  /**
   * For a dispensed pack, the hops that brought its batch from the manufacturer to the dispensing
   * pharmacy (see `custodyTree` on how a hop's stock is attributed); null while not dispensed.
   */
  pathToDispenser: Hop[] | null;
}

export interface ProvenanceOptions {
  /** the time `expired` is judged at (default: now) */
  now?: Date;
}

/** The one answer for a batch id the ledger (as indexed) does not know. */
export const batchNotFound = (id: string) =>
  new DomainError(
    "BatchNotFound",
    `No batch with id ${id} is registered on the ledger (a batch registered in the last few seconds may not be indexed yet).`,
  );

/** Runs `read` on one consistent snapshot of the database. */
export function snapshot<T>(db: Db, read: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(read, {
    isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead,
    maxWait: 5_000,
    timeout: 30_000,
  });
}

/** The batch's provenance: master data, hops, custody tree, holdings, totals and status history. */
export async function batchProvenance(
  db: Db,
  batchId: string,
  options: ProvenanceOptions = {},
): Promise<BatchProvenance> {
  const id = parseBatchId(batchId);
  return snapshot(db, (tx) => readBatchProvenance(tx, id, options.now ?? new Date()).then((r) => r.provenance));
}

/**
 * The batch's provenance with every dispense and undo of a dispense, pack by pack, from the same
 * snapshot (the CSV export lists them, so that its rows account for every pack).
 */
export async function batchProvenanceWithDispenses(
  db: Db,
  batchId: string,
  options: ProvenanceOptions = {},
): Promise<BatchProvenance & { dispenses: DispenseEvent[] }> {
  const id = parseBatchId(batchId);
  return snapshot(db, async (tx) => {
    const { provenance } = await readBatchProvenance(tx, id, options.now ?? new Date());
    const rows = await tx.custodyEvent.findMany({
      where: { batchId: id, eventName: { in: ["PacksDispensed", "PacksDispenseUndone"] } },
      orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }],
    });
    const pharmacyOf = (r: (typeof rows)[number]) => String((r.args as Record<string, unknown>).pharmacy);
    const indicesOf = (r: (typeof rows)[number]) =>
      ((r.args as Record<string, unknown>).indices as (string | number)[]).map(Number);
    const parties = await partiesOf(tx, rows.map(pharmacyOf), provenance);
    const wanted = [...new Set(rows.flatMap(indicesOf))];
    const serialOf = new Map(
      wanted.length === 0
        ? []
        : (
            await tx.pack.findMany({
              where: { batchId: id, leafIndex: { in: wanted } },
              select: { leafIndex: true, serial: true },
            })
          ).map((p) => [p.leafIndex, p.serial]),
    );
    const dispenses: DispenseEvent[] = rows.map((r) => ({
      kind: r.eventName === "PacksDispensed" ? "dispensed" : "dispense_undone",
      by: parties(pharmacyOf(r)),
      packs: indicesOf(r).map((index) => ({ index, serial: serialOf.get(index) ?? null })),
      ...eventRef(r),
    }));
    return { ...provenance, dispenses };
  });
}

/** One pack's provenance: its batch's, plus its own dispense and claim events and the path to its dispenser. */
export async function packProvenance(
  db: Db,
  batchId: string,
  serial: string,
  options: ProvenanceOptions = {},
): Promise<PackProvenance> {
  const id = parseBatchId(batchId);
  return snapshot(db, async (tx) => {
    const { provenance, parentOf, receipts } = await readBatchProvenance(tx, id, options.now ?? new Date());
    const pack = await tx.pack.findUnique({ where: { batchId_serial: { batchId: id, serial } } });
    if (!pack) {
      throw new DomainError(
        "PackNotFound",
        `Batch ${provenance.batch.lot} of GTIN ${provenance.batch.gtin} has no pack with serial "${serial}".`,
      );
    }
    const rows = await tx.custodyEvent.findMany({
      where: {
        batchId: id,
        eventName: { in: ["PacksDispensed", "PacksDispenseUndone", "PacksClaimed"] },
        args: { path: ["indices"], array_contains: [String(pack.leafIndex)] },
      },
      orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }],
    });
    const parties = await partiesOf(
      tx,
      rows.map((r) => r.actor ?? ""),
      provenance,
    );
    const kinds = { PacksDispensed: "dispensed", PacksDispenseUndone: "dispense_undone", PacksClaimed: "claimed" };
    const events: PackEvent[] = rows.map((r) => ({
      kind: kinds[r.eventName as keyof typeof kinds] as PackEvent["kind"],
      by: parties(r.actor ?? ""),
      ...eventRef(r),
    }));
    const lastDispense = [...rows].reverse().find((r) => r.eventName !== "PacksClaimed");
    const dispensedRow = lastDispense?.eventName === "PacksDispensed" ? lastDispense : undefined;
    const firstClaim = rows.find((r) => r.eventName === "PacksClaimed");

    const at: Position | null = dispensedRow ? [dispensedRow.blockNumber, dispensedRow.logIndex] : null;
    const pathToDispenser =
      dispensedRow && at
        ? pathToHolder(provenance, { parentOf, receipts }, dispensedRow.actor ?? "", (r) => before(r.at, at))
        : null;
    return {
      batch: provenance,
      pack: {
        serial: pack.serial,
        leafIndex: pack.leafIndex,
        claimed: firstClaim ? eventRef(firstClaim) : null,
        dispensed: dispensedRow ? { by: parties(dispensedRow.actor ?? ""), ...eventRef(dispensedRow) } : null,
      },
      events,
      pathToDispenser,
    };
  });
}

/** [blockNumber, logIndex]: a ledger event's place in chain order. */
type Position = [bigint, number];
const before = (a: Position, b: Position) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);

/** A receipt of stock by a holder: the hop, and where its ShipmentReceived event is in chain order. */
export interface Receipt {
  shipmentId: string;
  at: Position;
}
/** Receipts into each holder, in chain order: where a holder's stock came from. */
type Receipts = Map<string, Receipt[]>;

/** How a batch's hops link up (see `custodyTree`): what readBatchProvenance returns beside the provenance. */
export interface CustodyLinks {
  /** each hop's parent: the hop its sender's stock came from (null: the manufacturer's own stock) */
  parentOf: Map<string, string | null>;
  receipts: Receipts;
}

function latestReceipt(receipts: Receipts, account: string, counts: (r: Receipt) => boolean): string | null {
  let found: string | null = null;
  for (const r of receipts.get(account) ?? []) if (counts(r)) found = r.shipmentId;
  return found;
}

/**
 * The hops that brought stock of a batch to `holder`: its latest receipt among those that `count` (say,
 * those before it dispensed a pack), then the hop that stock came from, back to the manufacturer.
 */
export function pathToHolder(
  provenance: BatchProvenance,
  links: CustodyLinks,
  holder: string,
  count: (r: Receipt) => boolean,
): Hop[] {
  const hopById = new Map(provenance.hops.map((h) => [h.shipmentId, h]));
  const path: Hop[] = [];
  for (let hop = latestReceipt(links.receipts, holder, count); hop; hop = links.parentOf.get(hop) ?? null) {
    path.unshift(hopById.get(hop)!);
  }
  return path;
}

export const iso = (d: Date) => d.toISOString();
const ledgerRef = (at: Date, txHash: string, blockNumber: bigint, signedBy: string | null): LedgerRef => ({
  at: iso(at),
  txHash,
  blockNumber: Number(blockNumber),
  signedBy,
});
/** Where an audit-trail event was written, and by whom. */
const eventRef = (e: { occurredAt: Date; txHash: string; blockNumber: bigint; by: string | null }) =>
  ledgerRef(e.occurredAt, e.txHash, e.blockNumber, e.by);

/** YYMMDD of a UTC date. */
export function yymmdd(d: Date): string {
  return d.toISOString().slice(2, 10).replaceAll("-", "");
}

/** Looks up the organisations behind `accounts` (plus those already in `known`); unknown ones get null fields. */
async function partiesOf(tx: Tx, accounts: string[], known?: BatchProvenance): Promise<(account: string) => Party> {
  const map = new Map<string, Party>();
  if (known) {
    for (const p of [known.batch.manufacturer, ...known.holdings.map((h) => h.party)]) map.set(p.account, p);
    for (const h of known.hops) for (const p of [h.from, h.to]) map.set(p.account, p);
  }
  const missing = [...new Set(accounts.filter((a) => a && !map.has(a)))];
  if (missing.length > 0) {
    const [orgs, profiles] = await Promise.all([
      tx.organisation.findMany({ where: { account: { in: missing } } }),
      tx.organisationProfile.findMany({ where: { account: { in: missing } }, select: { account: true, nameZh: true } }),
    ]);
    const zh = new Map(profiles.map((p) => [p.account, p.nameZh]));
    for (const o of orgs) {
      map.set(o.account, {
        account: o.account,
        name: o.name,
        nameZh: zh.get(o.account) ?? null,
        gln: o.gln,
        country: o.country,
      });
    }
  }
  return (account) => map.get(account) ?? { account, name: null, nameZh: null, gln: null, country: null };
}

const STATUS_KIND: Record<string, StatusEvent["kind"]> = {
  BatchRecalled: "recalled",
  BatchQuarantined: "quarantined",
  BatchReleased: "released",
};
/** The keys of STATUS_KIND, as the event names they are. */
const STATUS_EVENTS = ["BatchRecalled", "BatchQuarantined", "BatchReleased"] as const;

/** Reads a batch's provenance inside a snapshot; also returns the custody tree's links for pack paths. */
export async function readBatchProvenance(
  tx: Tx,
  id: string,
  now: Date,
): Promise<{ provenance: BatchProvenance } & CustodyLinks> {
  const batch = await tx.batch.findUnique({ where: { id } });
  if (!batch) throw batchNotFound(id);
  const product = await tx.product.findUnique({ where: { gtin: batch.gtin } });
  const shipments = await tx.shipment.findMany({ where: { batchId: id } });
  const holdings = await tx.holding.findMany({ where: { batchId: id }, orderBy: { account: "asc" } });
  // Only the events that order hops and carry statuses: dispense and claim events (one per
  // pharmacy transaction, possibly many) are summed up in the holdings instead.
  const events = await tx.custodyEvent.findMany({
    where: {
      batchId: id,
      eventName: { in: ["BatchCommissioned", "BatchShipped", "ShipmentReceived", "StockDestroyed", ...STATUS_EVENTS] },
    },
    orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }],
  });
  const cursor = await tx.indexerCursor.findFirst({ orderBy: { lastBlock: "desc" } });

  const party = await partiesOf(tx, [
    batch.manufacturerAccount,
    ...shipments.flatMap((s) => [s.fromAccount, s.toAccount]),
    ...holdings.map((h) => h.account),
    ...events.map((e) => e.actor ?? ""),
  ]);

  const shippedAt = new Map<string, Position>();
  const receipts: Receipts = new Map();
  const statusEvents: StatusEvent[] = [];
  const writeOffs: WriteOff[] = [];
  let registeredBy: string | null = null;
  for (const e of events) {
    const at: Position = [e.blockNumber, e.logIndex];
    const args = e.args as Record<string, unknown>;
    if (e.eventName === "BatchCommissioned") registeredBy = e.by;
    else if (e.eventName === "BatchShipped" && e.shipmentId) shippedAt.set(e.shipmentId, at);
    else if (e.eventName === "ShipmentReceived" && e.shipmentId) {
      const to = String(args.to);
      receipts.set(to, [...(receipts.get(to) ?? []), { shipmentId: e.shipmentId, at }]);
    } else if (e.eventName === "StockDestroyed") {
      writeOffs.push({
        party: party(String(args.holder)),
        quantity: Number(args.quantity),
        reason: String(args.reason),
        ...eventRef(e),
      });
    } else if (STATUS_KIND[e.eventName]) {
      statusEvents.push({
        kind: STATUS_KIND[e.eventName]!,
        reason: typeof args.reason === "string" ? args.reason : null,
        by: party(e.actor ?? ""),
        ...eventRef(e),
      });
    }
  }

  const position = (s: (typeof shipments)[number]): Position => shippedAt.get(s.id) ?? [s.shippedBlock, -1];
  shipments.sort((a, b) => (before(position(a), position(b)) ? -1 : before(position(b), position(a)) ? 1 : 0));

  const hops: Hop[] = shipments.map((s) => ({
    shipmentId: s.id,
    from: party(s.fromAccount),
    to: party(s.toAccount),
    quantity: s.quantity,
    received: s.received,
    shortfall: s.shortfall,
    status: s.status as HopStatus,
    ref: s.ref,
    shipped: ledgerRef(s.shippedAt, s.shippedTx, s.shippedBlock, s.shippedBy),
    cancelRequested: s.cancelRequestedAt ? { at: iso(s.cancelRequestedAt), signedBy: s.cancelRequestedBy } : null,
    closed:
      s.closedAt && s.closedTx && s.closedBlock !== null
        ? ledgerRef(s.closedAt, s.closedTx, s.closedBlock, s.closedBy)
        : null,
  }));

  // Stock of one batch is fungible, so a hop is attributed to the sender's most recent receipt
  // before it shipped (the manufacturer's own stock when it has none): the tree shows how the
  // registered packs split between holders as they moved down the chain.
  const parentOf = new Map<string, string | null>();
  const nodes = new Map<string, CustodyNode>();
  const tree: CustodyTree = { holder: party(batch.manufacturerAccount), registered: batch.packCount, children: [] };
  for (const s of shipments) {
    const node: CustodyNode = {
      shipmentId: s.id,
      from: party(s.fromAccount),
      to: party(s.toAccount),
      quantity: s.quantity,
      received: s.received,
      status: s.status as HopStatus,
      children: [],
    };
    nodes.set(s.id, node);
    const shipped = position(s);
    const parent = latestReceipt(receipts, s.fromAccount, (r) => before(r.at, shipped));
    parentOf.set(s.id, parent);
    (parent ? nodes.get(parent)!.children : tree.children).push(node);
  }

  const inTransitOut = new Map<string, number>();
  for (const s of shipments) {
    if (inTransit(s.status)) inTransitOut.set(s.fromAccount, (inTransitOut.get(s.fromAccount) ?? 0) + s.quantity);
  }
  const accounts = [...new Set([...holdings.map((h) => h.account), ...inTransitOut.keys()])];
  const holdingViews: HoldingView[] = accounts
    .map((account) => {
      const h = holdings.find((x) => x.account === account);
      return {
        party: party(account),
        held: h?.held ?? 0,
        dispensed: h?.dispensed ?? 0,
        writtenOff: h?.writtenOff ?? 0,
        inTransitOut: inTransitOut.get(account) ?? 0,
      };
    })
    .filter((h) => h.held + h.dispensed + h.writtenOff + h.inTransitOut > 0);

  const sum = (f: (h: HoldingView) => number) => holdingViews.reduce((n, h) => n + f(h), 0);
  const totals: Totals = {
    registered: batch.packCount,
    held: sum((h) => h.held),
    inTransit: sum((h) => h.inTransitOut),
    dispensed: sum((h) => h.dispensed),
    writtenOff: sum((h) => h.writtenOff),
    conserved: false,
  };
  totals.conserved = totals.held + totals.inTransit + totals.dispensed + totals.writtenOff === totals.registered;

  const provenance: BatchProvenance = {
    batch: {
      id: batch.id,
      gtin: batch.gtin,
      lot: batch.lot,
      expiry: yymmdd(batch.expiresAt),
      expiresAt: iso(batch.expiresAt),
      expired: isExpired(batch.expiresAt, now),
      packCount: batch.packCount,
      status: batch.status as BatchView["status"],
      statusReason: batch.statusReason,
      statusChangedAt: batch.statusChangedAt ? iso(batch.statusChangedAt) : null,
      registered: ledgerRef(batch.registeredAt, batch.registeredTx, batch.registeredBlock, registeredBy),
      manufacturer: party(batch.manufacturerAccount),
      product: product
        ? { name: product.name, strength: product.strength, dosageForm: product.dosageForm, packSize: product.packSize }
        : null,
    },
    hops,
    custodyTree: tree,
    holdings: holdingViews,
    totals,
    statusEvents,
    writeOffs,
    indexedThroughBlock: cursor ? Number(cursor.lastBlock) : null,
  };
  return { provenance, parentOf, receipts };
}
