/**
 * What the regulator's dashboard reads from the indexed ledger and the verification records: the
 * network at a glance (batches by status, shipments in transit, recent custody events, events the
 * indexer could not record) and the
 * signals worth a look (bursts of wrong PINs, verifications far from where the pack was delivered,
 * consumer reports; packs verified more than once are in @tracemed/verification/checks, beside the one
 * definition of a later check). Framework-free: the page and node tests share it.
 */
import { ROLE } from "@tracemed/chain";
import type { Db } from "@tracemed/db";

export interface SignalOptions {
  /** how far back to look (default 30 days) */
  sinceDays?: number;
  /** rows per list (default 50) */
  limit?: number;
  now?: Date;
}

/** One pack, as signals name it. */
export interface PackRef {
  batchId: string;
  gtin: string;
  lot: string;
  serial: string;
  productName: string | null;
}

export interface WrongPinBurst extends PackRef {
  wrongPins: number;
  locked: number;
  /** distinct clients (by salted hash) that typed them */
  clients: number;
  firstAt: string;
  lastAt: string;
  /** the manufacturer's flag count (PackFlag wrong_pins), when flagged */
  flagged: number | null;
}

export interface FarVerification extends PackRef {
  /** where the verification came from */
  region: string;
  /** where the pack was delivered: the dispensing pharmacy's country, else those of the pharmacies that received the batch */
  deliveredCountries: string[];
  deliveredTo: string[];
  verdict: string;
  at: string;
}

export interface BatchStatusCount {
  status: string;
  batches: number;
  packs: number;
}

export interface InTransit {
  shipmentId: string;
  batchId: string;
  gtin: string;
  lot: string;
  from: string;
  to: string;
  quantity: number;
  shippedAt: string;
  txHash: string;
}

export interface RecentEvent {
  eventName: string;
  bizStep: string | null;
  batchId: string | null;
  lot: string | null;
  actor: string | null;
  actorName: string | null;
  /** the account that signed: a member of the acting organisation, or the council */
  signedBy: string | null;
  at: string;
  txHash: string;
  blockNumber: number;
}

const since = (o: SignalOptions) => new Date((o.now ?? new Date()).getTime() - (o.sinceDays ?? 30) * 86_400_000);
const PIN_MATCHED = `('genuine', 'already_verified', 'dispensed', 'recalled', 'quarantined', 'expired')`;

/** Packs that drew several wrong PINs: someone guessing, or a label that was copied badly. */
export async function wrongPinBursts(db: Db, o: SignalOptions & { atLeast?: number } = {}): Promise<WrongPinBurst[]> {
  const rows = await db.$queryRawUnsafe<
    (Omit<WrongPinBurst, "firstAt" | "lastAt"> & { firstAt: Date; lastAt: Date })[]
  >(
    `SELECT s."batchId", b.gtin, b.lot, s.serial, pr.name AS "productName",
            count(*) FILTER (WHERE s.verdict = 'pin_mismatch')::int AS "wrongPins",
            count(*) FILTER (WHERE s.verdict = 'locked')::int AS locked,
            count(DISTINCT s."clientHash")::int AS clients,
            min(s."createdAt") AS "firstAt", max(s."createdAt") AS "lastAt",
            max(f.count) AS flagged
       FROM "ConsumerScan" s
       JOIN "Batch" b ON b.id = s."batchId"
       LEFT JOIN "Product" pr ON pr.gtin = b.gtin
       LEFT JOIN "PackFlag" f ON f."batchId" = s."batchId" AND f.serial = s.serial AND f.reason = 'wrong_pins'
      WHERE s.verdict IN ('pin_mismatch', 'locked') AND s."createdAt" > $1
      GROUP BY s."batchId", b.gtin, b.lot, s.serial, pr.name
     HAVING count(*) FILTER (WHERE s.verdict = 'pin_mismatch') >= $3
      ORDER BY "wrongPins" DESC, "lastAt" DESC
      LIMIT $2`,
    since(o),
    o.limit ?? 50,
    o.atLeast ?? 3,
  );
  return rows.map((r) => ({ ...r, firstAt: r.firstAt.toISOString(), lastAt: r.lastAt.toISOString() }));
}

/**
 * Correct-PIN verifications from a country other than where the pack was delivered: the
 * dispensing pharmacy's country for a dispensed pack, else the countries of the pharmacies that
 * received its batch. Packs not yet at any pharmacy are not judged (nothing to compare with).
 */
export async function farVerifications(db: Db, o: SignalOptions = {}): Promise<FarVerification[]> {
  const rows = await db.$queryRawUnsafe<(Omit<FarVerification, "at"> & { at: Date })[]>(
    `WITH delivered AS (
       SELECT sh."batchId", array_agg(DISTINCT o.country) AS countries, array_agg(DISTINCT o.name) AS names
         FROM "Shipment" sh
         JOIN "Organisation" o ON o.account = sh."toAccount"
        WHERE sh.status = 'received' AND (o.roles & ${ROLE.PHARMACY}) <> 0
        GROUP BY sh."batchId"
     )
     SELECT s."batchId", b.gtin, b.lot, s.serial, pr.name AS "productName", s.region, s.verdict, s."createdAt" AS at,
            CASE WHEN dp.country IS NOT NULL THEN ARRAY[dp.country] ELSE d.countries END AS "deliveredCountries",
            CASE WHEN dp.name IS NOT NULL THEN ARRAY[dp.name] ELSE d.names END AS "deliveredTo"
       FROM "ConsumerScan" s
       JOIN "Batch" b ON b.id = s."batchId"
       JOIN delivered d ON d."batchId" = s."batchId"
       LEFT JOIN "Product" pr ON pr.gtin = b.gtin
       LEFT JOIN "Pack" p ON p."batchId" = s."batchId" AND p.serial = s.serial
       LEFT JOIN "Organisation" dp ON dp.account = p."dispensedBy"
      WHERE s.region IS NOT NULL AND s.verdict IN ${PIN_MATCHED} AND s."createdAt" > $1
        AND NOT (upper(s.region) = ANY (CASE WHEN dp.country IS NOT NULL THEN ARRAY[dp.country] ELSE d.countries END))
      ORDER BY s."createdAt" DESC
      LIMIT $2`,
    since(o),
    o.limit ?? 50,
  );
  return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
}

/** Batches (and their packs) per ledger status; expired active batches are counted as "expired". */
export async function batchesByStatus(db: Db, now = new Date()): Promise<BatchStatusCount[]> {
  const rows = await db.$queryRawUnsafe<BatchStatusCount[]>(
    `SELECT CASE WHEN status = 'active' AND "expiresAt" < $1 THEN 'expired' ELSE status::text END AS status,
            count(*)::int AS batches, coalesce(sum("packCount"), 0)::int AS packs
       FROM "Batch" GROUP BY 1 ORDER BY 1`,
    now,
  );
  return rows;
}

/** Shipments not yet received or cancelled, oldest first. */
export async function shipmentsInTransit(db: Db, limit = 100): Promise<InTransit[]> {
  const rows = await db.$queryRawUnsafe<
    {
      shipmentId: string;
      batchId: string;
      gtin: string;
      lot: string;
      from: string | null;
      fromAccount: string;
      to: string | null;
      toAccount: string;
      quantity: number;
      shippedAt: Date;
      txHash: string;
    }[]
  >(
    `SELECT sh.id AS "shipmentId", sh."batchId", b.gtin, b.lot, f.name AS "from", sh."fromAccount",
            t.name AS "to", sh."toAccount", sh.quantity, sh."shippedAt", sh."shippedTx" AS "txHash"
       FROM "Shipment" sh
       JOIN "Batch" b ON b.id = sh."batchId"
       LEFT JOIN "Organisation" f ON f.account = sh."fromAccount"
       LEFT JOIN "Organisation" t ON t.account = sh."toAccount"
      WHERE sh.status IN ('in_transit', 'cancel_requested')
      ORDER BY sh."shippedAt" ASC
      LIMIT $1`,
    limit,
  );
  return rows.map((r) => ({
    shipmentId: r.shipmentId,
    batchId: r.batchId,
    gtin: r.gtin,
    lot: r.lot,
    from: r.from ?? r.fromAccount,
    to: r.to ?? r.toAccount,
    quantity: r.quantity,
    shippedAt: r.shippedAt.toISOString(),
    txHash: r.txHash,
  }));
}

/** The latest ledger events, newest first. */
export async function recentEvents(db: Db, limit = 30): Promise<RecentEvent[]> {
  const rows = await db.$queryRawUnsafe<
    (Omit<RecentEvent, "at" | "blockNumber"> & { occurredAt: Date; blockNumber: bigint })[]
  >(
    `SELECT e."eventName", e."bizStep", e."batchId", b.lot, e.actor, o.name AS "actorName", e.by AS "signedBy",
            e."occurredAt",
            e."txHash", e."blockNumber"
       FROM "CustodyEvent" e
       LEFT JOIN "Batch" b ON b.id = e."batchId"
       LEFT JOIN "Organisation" o ON o.account = e.actor
      ORDER BY e."blockNumber" DESC, e."logIndex" DESC
      LIMIT $1`,
    limit,
  );
  return rows.map(({ occurredAt, blockNumber, ...r }) => ({
    ...r,
    at: occurredAt.toISOString(),
    blockNumber: Number(blockNumber),
  }));
}

/** A ledger event the indexer could not record (packages/indexer/src/quarantine.ts). */
export interface QuarantinedEvent {
  eventName: string | null;
  batchId: string | null;
  lot: string | null;
  blockNumber: number;
  txHash: string;
  logIndex: number;
  error: string;
  firstSeenAt: string;
}

/**
 * Ledger events the indexer quarantined (it could not decode or project them, and went on past them):
 * how many, and the latest. The database may lack their effect, e.g. a batch's status may be stale.
 */
export async function quarantinedEvents(db: Db, limit = 50): Promise<{ count: number; events: QuarantinedEvent[] }> {
  const [count, rows] = await Promise.all([
    db.quarantinedEvent.count(),
    db.$queryRawUnsafe<
      (Omit<QuarantinedEvent, "blockNumber" | "firstSeenAt"> & { blockNumber: bigint; firstSeenAt: Date })[]
    >(
      `SELECT q."eventName", q."batchId", b.lot, q."blockNumber", q."txHash", q."logIndex", q.error, q."firstSeenAt"
         FROM "QuarantinedEvent" q
         LEFT JOIN "Batch" b ON b.id = q."batchId"
        ORDER BY q."blockNumber" DESC, q."logIndex" DESC
        LIMIT $1`,
      limit,
    ),
  ]);
  return {
    count,
    events: rows.map(({ blockNumber, firstSeenAt, ...r }) => ({
      ...r,
      blockNumber: Number(blockNumber),
      firstSeenAt: firstSeenAt.toISOString(),
    })),
  };
}
