/**
 * Turns an ordered run of ledger events into the projection tables (Organisation, Batch, Shipment,
 * Holding, Pack state). Events are folded in memory first, then written with a handful of bulk
 * statements whatever their number: that is what lets ingest keep up with thousands of events a
 * second on PGlite and PostgreSQL alike. The same fold replays stored events after a reorg.
 */
import type { BatchStatus, Prisma, ShipmentStatus } from "@tracemed/db";
import type { Hex } from "viem";
import type { JsonArgs, RawArgs } from "./decode";
import { closeRegistrations } from "./registrations";
import { countryText } from "./text";

export interface ProjectableEvent {
  name: string;
  args: JsonArgs;
  /** exact bytes of the strings `args` holds escaped (decode.ts) */
  raw?: RawArgs | null;
  occurredAt: Date;
  blockNumber: bigint;
  txHash: string;
}

type Tx = Prisma.TransactionClient;

const BATCH_STATUS: Record<string, BatchStatus> = {
  BatchRecalled: "recalled",
  BatchQuarantined: "quarantined",
  BatchReleased: "active",
};

/** Timestamps go to timestamp(3) columns as UTC text, as Prisma stores DateTime. */
const ts = (d: Date) => d.toISOString().replace("Z", "");
const str = (a: JsonArgs, k: string) => String(a[k]);
const num = (a: JsonArgs, k: string) => Number(a[k]);
const list = (a: JsonArgs, k: string) => (a[k] as string[]).map(Number);
/** The exact bytes of string argument `k`, when its text is escaped (stored in a bytea column beside it). */
const rawOf = (e: ProjectableEvent, k: string): Uint8Array<ArrayBuffer> | null => {
  const hex = e.raw?.[k];
  return typeof hex === "string" ? new Uint8Array(Buffer.from(hex.slice(2), "hex")) : null;
};

interface OrgRow {
  account: string;
  name?: string;
  nameRaw?: Uint8Array<ArrayBuffer> | null;
  roles?: number;
  gln?: string;
  country?: string;
  suspended?: boolean;
  companyPrefixes?: string[];
  onboardedAt?: Date;
  updatedAt: Date;
}

export class Projection {
  private readonly orgs = new Map<string, OrgRow>();
  private readonly newBatches: (Prisma.BatchCreateManyInput & { lotRaw: Uint8Array | null })[] = [];
  private readonly batchStatus = new Map<
    string,
    { status: BatchStatus; reason: string | null; reasonRaw: Uint8Array<ArrayBuffer> | null; at: Date }
  >();
  private readonly newShipments = new Map<string, Prisma.ShipmentCreateManyInput>();
  private readonly closedShipments = new Map<
    string,
    { status: ShipmentStatus; received: number | null; shortfall: number | null; at: Date; block: bigint; tx: string }
  >();
  private readonly holdings = new Map<
    string,
    { batchId: string; account: string; held: number; dispensed: number; writtenOff: number }
  >();
  /** Final dispense state per pack: details when dispensed, null when undone. */
  private readonly dispensed = new Map<
    string,
    { batchId: string; index: number; at: Date; by: string; tx: string } | null
  >();
  private readonly claimed = new Map<string, { batchId: string; index: number; at: Date; tx: string }>();
  count = 0;

  add(e: ProjectableEvent): void {
    this.count++;
    const a = e.args;
    switch (e.name) {
      case "OrganisationOnboarded":
      case "OrganisationUpdated": {
        const row = this.org(str(a, "account"), e.occurredAt);
        Object.assign(row, {
          name: str(a, "name"),
          nameRaw: rawOf(e, "name"),
          roles: num(a, "roles"),
          gln: String(a.gln).padStart(13, "0"),
          country: countryText(str(a, "country") as Hex),
        });
        if (e.name === "OrganisationOnboarded") Object.assign(row, { onboardedAt: e.occurredAt, suspended: false });
        break;
      }
      case "OrganisationPrefixesSet":
        this.org(str(a, "account"), e.occurredAt).companyPrefixes = a.prefixes as string[];
        break;
      case "OrganisationSuspended":
      case "OrganisationReinstated":
        this.org(str(a, "account"), e.occurredAt).suspended = e.name === "OrganisationSuspended";
        break;
      case "BatchCommissioned": {
        const id = str(a, "batchId");
        this.newBatches.push({
          id,
          gtin: String(a.gtin).padStart(14, "0"),
          lot: str(a, "lot"),
          lotRaw: rawOf(e, "lot"),
          expiresAt: new Date(num(a, "expiresAt") * 1000),
          packCount: num(a, "packCount"),
          packsRoot: str(a, "packsRoot"),
          manufacturerAccount: str(a, "manufacturer"),
          status: "active",
          registeredAt: e.occurredAt,
          registeredBlock: e.blockNumber,
          registeredTx: e.txHash,
        });
        this.hold(id, str(a, "manufacturer"), { held: num(a, "packCount") });
        break;
      }
      case "BatchRecalled":
      case "BatchQuarantined":
      case "BatchReleased":
        this.batchStatus.set(str(a, "batchId"), {
          status: BATCH_STATUS[e.name]!,
          reason: typeof a.reason === "string" ? a.reason : null,
          reasonRaw: rawOf(e, "reason"),
          at: e.occurredAt,
        });
        break;
      case "BatchShipped": {
        const id = str(a, "shipmentId");
        this.newShipments.set(id, {
          id,
          batchId: str(a, "batchId"),
          fromAccount: str(a, "from"),
          toAccount: str(a, "to"),
          quantity: num(a, "quantity"),
          ref: str(a, "ref"),
          status: "in_transit",
          shippedAt: e.occurredAt,
          shippedBlock: e.blockNumber,
          shippedTx: e.txHash,
        });
        this.hold(str(a, "batchId"), str(a, "from"), { held: -num(a, "quantity") });
        break;
      }
      case "ShipmentReceived": {
        const received = num(a, "received");
        const shortfall = num(a, "shortfall");
        this.close(str(a, "shipmentId"), { status: "received", received, shortfall }, e);
        this.hold(str(a, "batchId"), str(a, "to"), { held: received, writtenOff: shortfall });
        break;
      }
      case "ShipmentVoided": {
        const id = str(a, "shipmentId");
        this.close(id, { status: "voided", received: null, shortfall: null }, e);
        // The quantity comes back to the sender: known from the shipment (this run, or the database at flush).
        this.voided.push({ id, batchId: str(a, "batchId"), from: str(a, "from") });
        break;
      }
      case "StockDestroyed":
        this.hold(str(a, "batchId"), str(a, "holder"), { held: -num(a, "quantity"), writtenOff: num(a, "quantity") });
        break;
      case "PacksDispensed":
      case "PacksDispenseUndone": {
        const batchId = str(a, "batchId");
        const by = str(a, "pharmacy");
        const indices = list(a, "indices");
        const undo = e.name === "PacksDispenseUndone";
        for (const index of indices) {
          this.dispensed.set(
            `${batchId}|${index}`,
            undo ? null : { batchId, index, at: e.occurredAt, by, tx: e.txHash },
          );
        }
        this.hold(
          batchId,
          by,
          undo
            ? { held: indices.length, dispensed: -indices.length }
            : { held: -indices.length, dispensed: indices.length },
        );
        break;
      }
      case "PacksClaimed": {
        const batchId = str(a, "batchId");
        for (const index of list(a, "indices")) {
          this.claimed.set(`${batchId}|${index}`, { batchId, index, at: e.occurredAt, tx: e.txHash });
        }
        break;
      }
      default:
        throw new Error(`the projector does not know the event ${e.name}`);
    }
  }

  private readonly voided: { id: string; batchId: string; from: string }[] = [];

  private hold(batchId: string, account: string, d: { held?: number; dispensed?: number; writtenOff?: number }) {
    const key = `${batchId}|${account}`;
    const h = this.holdings.get(key) ?? { batchId, account, held: 0, dispensed: 0, writtenOff: 0 };
    h.held += d.held ?? 0;
    h.dispensed += d.dispensed ?? 0;
    h.writtenOff += d.writtenOff ?? 0;
    this.holdings.set(key, h);
  }

  private close(
    id: string,
    c: { status: ShipmentStatus; received: number | null; shortfall: number | null },
    e: ProjectableEvent,
  ) {
    const opened = this.newShipments.get(id);
    if (opened) {
      Object.assign(opened, {
        status: c.status,
        received: c.received,
        shortfall: c.shortfall,
        closedAt: e.occurredAt,
        closedBlock: e.blockNumber,
        closedTx: e.txHash,
      });
    } else {
      this.closedShipments.set(id, { ...c, at: e.occurredAt, block: e.blockNumber, tx: e.txHash });
    }
  }

  /** The organisation's row folded so far (made on first use), marked as changed at `at`. */
  private org(account: string, at: Date): OrgRow {
    const row = this.orgs.get(account) ?? { account, updatedAt: at };
    row.updatedAt = at;
    this.orgs.set(account, row);
    return row;
  }

  /** Writes everything folded so far, inside the caller's transaction. */
  async flush(tx: Tx): Promise<void> {
    for (const o of this.orgs.values()) {
      if (o.onboardedAt) {
        await tx.organisation.upsert({
          where: { account: o.account },
          create: {
            account: o.account,
            name: o.name!,
            nameRaw: o.nameRaw ?? null,
            roles: o.roles!,
            gln: o.gln!,
            country: o.country!,
            suspended: o.suspended ?? false,
            companyPrefixes: o.companyPrefixes ?? [],
            onboardedAt: o.onboardedAt,
            updatedAt: o.updatedAt,
          },
          update: {
            name: o.name,
            nameRaw: o.nameRaw,
            roles: o.roles,
            gln: o.gln,
            country: o.country,
            suspended: o.suspended,
            companyPrefixes: o.companyPrefixes,
            updatedAt: o.updatedAt,
          },
        });
      } else {
        const { account, ...changes } = o;
        await tx.organisation.updateMany({ where: { account }, data: changes });
      }
    }
    if (this.newBatches.length > 0) {
      // Idempotent on the batch id only: a second batch with the same (GTIN, lot) is a conflict the
      // indexer must see (it quarantines the event), not a row to skip in silence.
      const bs = this.newBatches;
      await tx.$executeRawUnsafe(
        `INSERT INTO "Batch" (id, gtin, lot, "lotRaw", "expiresAt", "packCount", "packsRoot", "manufacturerAccount",
           status, "registeredAt", "registeredBlock", "registeredTx")
         SELECT id, g, l, decode(lr, 'hex'), e::timestamp(3), n, r, m, st::"BatchStatus", ra::timestamp(3), rb, rt
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[],
                       $9::text[], $10::text[], $11::bigint[], $12::text[])
             AS v(id, g, l, lr, e, n, r, m, st, ra, rb, rt)
         ON CONFLICT (id) DO NOTHING`,
        bs.map((b) => b.id),
        bs.map((b) => b.gtin),
        bs.map((b) => b.lot),
        bs.map((b) => (b.lotRaw ? Buffer.from(b.lotRaw).toString("hex") : null)),
        bs.map((b) => ts(b.expiresAt as Date)),
        bs.map((b) => b.packCount),
        bs.map((b) => b.packsRoot),
        bs.map((b) => b.manufacturerAccount),
        bs.map((b) => b.status),
        bs.map((b) => ts(b.registeredAt as Date)),
        bs.map((b) => String(b.registeredBlock)),
        bs.map((b) => b.registeredTx),
      );
      await closeRegistrations(
        tx,
        bs.map((b) => b.id),
      );
    }
    for (const [id, s] of this.batchStatus) {
      await tx.batch.updateMany({
        where: { id },
        data: { status: s.status, statusReason: s.reason, statusReasonRaw: s.reasonRaw, statusChangedAt: s.at },
      });
    }
    if (this.newShipments.size > 0) {
      // One statement for any number of hops (Prisma's createMany is far slower at thousands of rows).
      const ss = [...this.newShipments.values()];
      const opt = <T>(v: T | null | undefined) => (v === undefined ? null : v);
      await tx.$executeRawUnsafe(
        `INSERT INTO "Shipment" (id, "batchId", "fromAccount", "toAccount", quantity, ref, status, received, shortfall,
           "shippedAt", "shippedBlock", "shippedTx", "closedAt", "closedBlock", "closedTx")
         SELECT id, b, f, t, q, r, st::"ShipmentStatus", rc, sf, sa::timestamp(3), sb, stx, ca::timestamp(3), cb, ctx
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::int[], $9::int[],
                       $10::text[], $11::bigint[], $12::text[], $13::text[], $14::bigint[], $15::text[])
             AS v(id, b, f, t, q, r, st, rc, sf, sa, sb, stx, ca, cb, ctx)
         ON CONFLICT (id) DO NOTHING`,
        ss.map((x) => x.id),
        ss.map((x) => x.batchId),
        ss.map((x) => x.fromAccount),
        ss.map((x) => x.toAccount),
        ss.map((x) => x.quantity),
        ss.map((x) => x.ref),
        ss.map((x) => x.status),
        ss.map((x) => opt(x.received)),
        ss.map((x) => opt(x.shortfall)),
        ss.map((x) => ts(x.shippedAt as Date)),
        ss.map((x) => String(x.shippedBlock)),
        ss.map((x) => x.shippedTx),
        ss.map((x) => (x.closedAt ? ts(x.closedAt as Date) : null)),
        ss.map((x) => (x.closedBlock === undefined || x.closedBlock === null ? null : String(x.closedBlock))),
        ss.map((x) => opt(x.closedTx)),
      );
    }
    // Voided shipments opened before this run: give the quantity back to the sender.
    for (const v of this.voided) {
      const opened = this.newShipments.get(v.id);
      const quantity = opened
        ? opened.quantity
        : ((await tx.shipment.findUnique({ where: { id: v.id }, select: { quantity: true } }))?.quantity ?? 0);
      this.hold(v.batchId, v.from, { held: quantity });
    }
    if (this.closedShipments.size > 0) {
      const rows = [...this.closedShipments.entries()];
      await tx.$executeRawUnsafe(
        `UPDATE "Shipment" s SET status = v.status::"ShipmentStatus", received = v.received, shortfall = v.shortfall,
           "closedAt" = v.at::timestamp(3), "closedBlock" = v.block, "closedTx" = v.tx
         FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::bigint[], $7::text[])
           AS v(id, status, received, shortfall, at, block, tx)
         WHERE s.id = v.id`,
        rows.map(([id]) => id),
        rows.map(([, c]) => c.status),
        rows.map(([, c]) => c.received),
        rows.map(([, c]) => c.shortfall),
        rows.map(([, c]) => ts(c.at)),
        rows.map(([, c]) => c.block.toString()),
        rows.map(([, c]) => c.tx),
      );
    }
    if (this.holdings.size > 0) {
      const hs = [...this.holdings.values()];
      await tx.$executeRawUnsafe(
        `INSERT INTO "Holding" ("batchId", account, held, dispensed, "writtenOff")
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::int[])
         ON CONFLICT ("batchId", account) DO UPDATE SET
           held = "Holding".held + EXCLUDED.held,
           dispensed = "Holding".dispensed + EXCLUDED.dispensed,
           "writtenOff" = "Holding"."writtenOff" + EXCLUDED."writtenOff"`,
        hs.map((h) => h.batchId),
        hs.map((h) => h.account),
        hs.map((h) => h.held),
        hs.map((h) => h.dispensed),
        hs.map((h) => h.writtenOff),
      );
    }
    const dispensed = [...this.dispensed.entries()];
    if (dispensed.length > 0) {
      await tx.$executeRawUnsafe(
        `UPDATE "Pack" p SET "dispensedAt" = v.at::timestamp(3), "dispensedBy" = v.by, "dispenseTx" = v.tx
         FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[]) AS v(batch, idx, at, by, tx)
         WHERE p."batchId" = v.batch AND p."leafIndex" = v.idx`,
        dispensed.map(([k]) => k.split("|")[0]),
        dispensed.map(([k]) => Number(k.split("|")[1])),
        dispensed.map(([, d]) => (d ? ts(d.at) : null)),
        dispensed.map(([, d]) => d?.by ?? null),
        dispensed.map(([, d]) => d?.tx ?? null),
      );
    }
    if (this.claimed.size > 0) {
      const cs = [...this.claimed.values()];
      await tx.$executeRawUnsafe(
        `UPDATE "Pack" p SET "claimedAt" = v.at::timestamp(3), "claimTx" = v.tx
         FROM unnest($1::text[], $2::int[], $3::text[], $4::text[]) AS v(batch, idx, at, tx)
         WHERE p."batchId" = v.batch AND p."leafIndex" = v.idx`,
        cs.map((c) => c.batchId),
        cs.map((c) => c.index),
        cs.map((c) => ts(c.at)),
        cs.map((c) => c.tx),
      );
    }
  }
}
