/**
 * Turns an ordered run of ledger and council events into the projection tables (Organisation, Member,
 * Batch, Shipment, Holding, Pack state, CouncilOperation). Events are folded in memory first, then written with a handful of bulk
 * statements whatever their number: that is what lets ingest keep up with thousands of events a
 * second on PGlite and PostgreSQL alike. The same fold replays stored events after a reorg.
 */
import type { BatchStatus, CouncilOperationStatus, Prisma, ShipmentStatus } from "@tracemed/db";
import type { Hex } from "viem";
import type { JsonArgs, JsonPackGroup, RawArgs } from "./decode";
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
/** The account that signed (the event's `by`), null for events of a ledger that did not name it. */
const by = (a: JsonArgs) => (typeof a.by === "string" ? a.by : null);

/** What the events of this run did to a hop (undefined: left as it was). */
interface ShipmentChange {
  status?: ShipmentStatus;
  received?: number;
  shortfall?: number;
  cancelRequestedAt?: Date;
  cancelRequestedBy?: string | null;
  closedAt?: Date;
  closedBlock?: bigint;
  closedTx?: string;
  closedBy?: string | null;
}

type MemberChange =
  | {
      kind: "row";
      organisation: string;
      permissions: number;
      addedBlock: bigint;
      addedTx: string;
      addedBy: string | null;
      updatedAt: Date;
    }
  | { kind: "permissions"; organisation: string; permissions: number; updatedAt: Date };

interface OperationClose {
  status: CouncilOperationStatus;
  id: string;
  nonce: number;
  /** the regulator who sent the execution or cancellation (for the quorum's, the approver who completed it) */
  by: string | null;
  /** executed at once by the quorum's approvals rather than after the delay */
  byQuorum: boolean;
  at: Date;
  block: bigint;
  tx: string;
}

/** An operation's scheduling is keyed by its id and nonce: the same call scheduled again gets the next nonce. */
const operationKey = (id: string, nonce: number) => `${id}:${nonce}`;

type OperationChange =
  | {
      kind: "scheduled";
      id: string;
      nonce: number;
      caller: string;
      target: string;
      data: string;
      selector: string;
      schedule: Date;
      at: Date;
      block: bigint;
      tx: string;
      closed?: OperationClose;
    }
  | ({ kind: "closed" } & OperationClose);
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
  /** Changes to hops opened before this run, folded in order (a field left undefined keeps its value). */
  private readonly shipmentChanges = new Map<string, ShipmentChange>();
  private readonly holdings = new Map<
    string,
    { batchId: string; account: string; held: number; dispensed: number; writtenOff: number }
  >();
  /** Final dispense state per pack: details when dispensed, null when undone. */
  private readonly dispensed = new Map<
    string,
    { batchId: string; index: number; at: Date; by: string; signedBy: string | null; tx: string } | null
  >();
  /** Final membership per account: a row to write, permissions to change on the stored row, or null (removed). */
  private readonly members = new Map<string, MemberChange | null>();
  /** Council operations: scheduled (the whole row) or closed (executed or cancelled) per operation id and nonce. */
  private readonly operations = new Map<string, OperationChange>();
  /** The quorum's approvals, one row each (a replay writes them again: duplicates are skipped). */
  private readonly approvals: Prisma.CouncilApprovalCreateManyInput[] = [];
  private readonly claimed = new Map<string, { batchId: string; index: number; at: Date; tx: string }>();
  /** Cases and pallets: their events in chain order (few, and each depends on the rows the one before left). */
  private readonly unitEvents: ProjectableEvent[] = [];
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
      case "MemberAdded":
        this.members.set(str(a, "account"), {
          kind: "row",
          organisation: str(a, "organisation"),
          permissions: num(a, "permissions"),
          addedBlock: e.blockNumber,
          addedTx: e.txHash,
          addedBy: by(a),
          updatedAt: e.occurredAt,
        });
        break;
      case "MemberPermissionsSet": {
        const account = str(a, "account");
        const current = this.members.get(account);
        this.members.set(
          account,
          current?.kind === "row"
            ? { ...current, permissions: num(a, "permissions"), updatedAt: e.occurredAt }
            : {
                kind: "permissions",
                organisation: str(a, "organisation"),
                permissions: num(a, "permissions"),
                updatedAt: e.occurredAt,
              },
        );
        break;
      }
      case "MemberRemoved":
        this.members.set(str(a, "account"), null);
        break;
      case "OperationScheduled": {
        const data = str(a, "data");
        this.operations.set(operationKey(str(a, "operationId"), num(a, "nonce")), {
          kind: "scheduled",
          id: str(a, "operationId"),
          nonce: num(a, "nonce"),
          caller: str(a, "caller"),
          target: str(a, "target"),
          data,
          selector: data.slice(0, 10),
          schedule: new Date(num(a, "schedule") * 1000),
          at: e.occurredAt,
          block: e.blockNumber,
          tx: e.txHash,
        });
        break;
      }
      case "OperationExecuted":
      case "OperationCanceled":
      case "ProposalExecuted":
        // The quorum cancels the proposer's scheduling and executes the call at once in one transaction: its
        // ProposalExecuted comes after the council's OperationCanceled and has the last word.
        this.closeOperation(e, e.name === "OperationCanceled" ? "cancelled" : "executed");
        break;
      case "ProposalApproved":
        this.approvals.push({
          operationId: str(a, "operationId"),
          nonce: num(a, "nonce"),
          approver: str(a, "approver"),
          approvedAt: e.occurredAt,
          tx: e.txHash,
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
          shippedBy: by(a),
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
      case "ShipmentRefused":
      case "ShipmentVoided": {
        const id = str(a, "shipmentId");
        this.close(id, { status: e.name === "ShipmentRefused" ? "refused" : "voided" }, e);
        // The quantity comes back to the sender: known from the shipment (this run, or the database at flush).
        this.returned.push({ id, batchId: str(a, "batchId"), from: str(a, "from") });
        break;
      }
      case "ShipmentCancelRequested":
        this.changeShipment(str(a, "shipmentId"), {
          status: "cancel_requested",
          cancelRequestedAt: e.occurredAt,
          cancelRequestedBy: by(a),
        });
        break;
      case "StockDestroyed":
        this.hold(str(a, "batchId"), str(a, "holder"), { held: -num(a, "quantity"), writtenOff: num(a, "quantity") });
        break;
      case "PacksDispensed":
      case "PacksDispenseUndone": {
        const batchId = str(a, "batchId");
        const pharmacy = str(a, "pharmacy");
        const indices = list(a, "indices");
        const undo = e.name === "PacksDispenseUndone";
        for (const index of indices) {
          this.dispensed.set(
            `${batchId}|${index}`,
            undo ? null : { batchId, index, at: e.occurredAt, by: pharmacy, signedBy: by(a), tx: e.txHash },
          );
        }
        this.hold(
          batchId,
          pharmacy,
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
      case "UnitPacked":
      case "UnitUnpacked":
      case "UnitTakenOver":
        this.unitEvents.push(e);
        break;
      case "Initialized":
      case "Upgraded":
        // The proxy's initialisation and the council's upgrades: in the audit trail, nothing to project.
        break;
      default:
        throw new Error(`the projector does not know the event ${e.name}`);
    }
  }

  /** Closes one scheduling of a council operation (keeping its row when it was scheduled in this run). */
  private closeOperation(e: ProjectableEvent, status: CouncilOperationStatus): void {
    const a = e.args;
    const closed: OperationClose = {
      status,
      id: str(a, "operationId"),
      nonce: num(a, "nonce"),
      by: typeof a.by === "string" ? a.by : null,
      byQuorum: e.name === "ProposalExecuted",
      at: e.occurredAt,
      block: e.blockNumber,
      tx: e.txHash,
    };
    const key = operationKey(closed.id, closed.nonce);
    const scheduled = this.operations.get(key);
    this.operations.set(
      key,
      scheduled?.kind === "scheduled" ? { ...scheduled, closed } : { kind: "closed", ...closed },
    );
  }

  /** Refused and voided hops: their quantity goes back to the sender. */
  private readonly returned: { id: string; batchId: string; from: string }[] = [];

  private hold(batchId: string, account: string, d: { held?: number; dispensed?: number; writtenOff?: number }) {
    const key = `${batchId}|${account}`;
    const h = this.holdings.get(key) ?? { batchId, account, held: 0, dispensed: 0, writtenOff: 0 };
    h.held += d.held ?? 0;
    h.dispensed += d.dispensed ?? 0;
    h.writtenOff += d.writtenOff ?? 0;
    this.holdings.set(key, h);
  }

  /** Ends a hop: received (its receipt's figures), refused or voided, signed by the event's `by`. */
  private close(id: string, c: { status: ShipmentStatus; received?: number; shortfall?: number }, e: ProjectableEvent) {
    this.changeShipment(id, {
      ...c,
      closedAt: e.occurredAt,
      closedBlock: e.blockNumber,
      closedTx: e.txHash,
      closedBy: by(e.args),
    });
  }

  /** Applies `c` to the hop: its new row when opened in this run, else the change folded for the stored row. */
  private changeShipment(id: string, c: ShipmentChange) {
    const opened = this.newShipments.get(id);
    if (opened) Object.assign(opened, c);
    else this.shipmentChanges.set(id, { ...this.shipmentChanges.get(id), ...c });
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
           "shippedAt", "shippedBlock", "shippedTx", "closedAt", "closedBlock", "closedTx", "shippedBy",
           "cancelRequestedAt", "cancelRequestedBy", "closedBy")
         SELECT id, b, f, t, q, r, st::"ShipmentStatus", rc, sf, sa::timestamp(3), sb, stx, ca::timestamp(3), cb, ctx,
                sby, cra::timestamp(3), crb, cby
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::int[], $9::int[],
                       $10::text[], $11::bigint[], $12::text[], $13::text[], $14::bigint[], $15::text[], $16::text[],
                       $17::text[], $18::text[], $19::text[])
             AS v(id, b, f, t, q, r, st, rc, sf, sa, sb, stx, ca, cb, ctx, sby, cra, crb, cby)
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
        ss.map((x) => opt(x.shippedBy)),
        ss.map((x) => (x.cancelRequestedAt ? ts(x.cancelRequestedAt as Date) : null)),
        ss.map((x) => opt(x.cancelRequestedBy)),
        ss.map((x) => opt(x.closedBy)),
      );
    }
    await this.flushMembers(tx);
    await this.flushOperations(tx);
    await this.flushUnits(tx);
    // Refused and voided shipments: give the quantity back to the sender.
    for (const v of this.returned) {
      const opened = this.newShipments.get(v.id);
      const quantity = opened
        ? opened.quantity
        : ((await tx.shipment.findUnique({ where: { id: v.id }, select: { quantity: true } }))?.quantity ?? 0);
      this.hold(v.batchId, v.from, { held: quantity });
    }
    if (this.shipmentChanges.size > 0) {
      const rows = [...this.shipmentChanges.entries()];
      const col = <T>(f: (c: ShipmentChange) => T | undefined) => rows.map(([, c]) => f(c) ?? null);
      // A null in v keeps the stored value: a change names only what its events said.
      await tx.$executeRawUnsafe(
        `UPDATE "Shipment" s SET status = v.status::"ShipmentStatus",
           received = COALESCE(v.received, s.received), shortfall = COALESCE(v.shortfall, s.shortfall),
           "cancelRequestedAt" = COALESCE(v.cra::timestamp(3), s."cancelRequestedAt"),
           "cancelRequestedBy" = COALESCE(v.crb, s."cancelRequestedBy"),
           "closedAt" = COALESCE(v.at::timestamp(3), s."closedAt"), "closedBlock" = COALESCE(v.block, s."closedBlock"),
           "closedTx" = COALESCE(v.tx, s."closedTx"), "closedBy" = COALESCE(v.by, s."closedBy")
         FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::text[], $7::text[], $8::bigint[],
                     $9::text[], $10::text[])
           AS v(id, status, received, shortfall, cra, crb, at, block, tx, by)
         WHERE s.id = v.id`,
        rows.map(([id]) => id),
        col((c) => c.status),
        col((c) => c.received),
        col((c) => c.shortfall),
        col((c) => c.cancelRequestedAt && ts(c.cancelRequestedAt)),
        col((c) => c.cancelRequestedBy),
        col((c) => c.closedAt && ts(c.closedAt)),
        col((c) => c.closedBlock?.toString()),
        col((c) => c.closedTx),
        col((c) => c.closedBy),
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
        `UPDATE "Pack" p SET "dispensedAt" = v.at::timestamp(3), "dispensedBy" = v.by, "dispenseSignedBy" = v.signer,
           "dispenseTx" = v.tx
         FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[])
           AS v(batch, idx, at, by, signer, tx)
         WHERE p."batchId" = v.batch AND p."leafIndex" = v.idx`,
        dispensed.map(([k]) => k.split("|")[0]),
        dispensed.map(([k]) => Number(k.split("|")[1])),
        dispensed.map(([, d]) => (d ? ts(d.at) : null)),
        dispensed.map(([, d]) => d?.by ?? null),
        dispensed.map(([, d]) => d?.signedBy ?? null),
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

  /** Members: rows written whole, permission changes applied to the stored row, removed ones deleted. */
  private async flushMembers(tx: Tx): Promise<void> {
    for (const [account, m] of this.members) {
      if (m === null) await tx.member.deleteMany({ where: { account } });
      else if (m.kind === "permissions") {
        await tx.member.updateMany({
          where: { account, organisation: m.organisation },
          data: { permissions: m.permissions, updatedAt: m.updatedAt },
        });
      } else {
        const { kind: _kind, ...row } = m;
        await tx.member.upsert({ where: { account }, create: { account, ...row }, update: row });
      }
    }
  }

  /**
   * Council operations: a scheduling (re)opens its row; an execution or cancellation closes that nonce's. The
   * quorum's approvals are written beside them.
   */
  private async flushOperations(tx: Tx): Promise<void> {
    for (const o of this.operations.values()) {
      const { id, nonce } = o;
      const closed = o.kind === "closed" ? o : o.closed;
      const closing = closed && {
        status: closed.status,
        closedAt: closed.at,
        closedBlock: closed.block,
        closedTx: closed.tx,
        closedBy: closed.by,
        executedByQuorum: closed.byQuorum,
      };
      if (o.kind === "scheduled") {
        const row = {
          nonce: o.nonce,
          caller: o.caller,
          target: o.target,
          data: o.data,
          selector: o.selector,
          schedule: o.schedule,
          status: "scheduled" as const,
          scheduledAt: o.at,
          scheduledBlock: o.block,
          scheduledTx: o.tx,
          closedAt: null,
          closedBlock: null,
          closedTx: null,
          closedBy: null,
          executedByQuorum: false,
          ...closing,
        };
        await tx.councilOperation.upsert({ where: { id_nonce: { id, nonce } }, create: { id, ...row }, update: row });
      } else if (closing) {
        await tx.councilOperation.updateMany({ where: { id, nonce }, data: closing });
      }
    }
    if (this.approvals.length > 0) {
      await tx.councilApproval.createMany({ data: this.approvals, skipDuplicates: true });
    }
  }

  /**
   * Cases and pallets, event by event: a packed unit's row and its packs, its children now inside it; an opened
   * unit's children free units of its opener; a unit taken over held by its receiver. Idempotent: a replay
   * writes the same rows.
   */
  private async flushUnits(tx: Tx): Promise<void> {
    for (const e of this.unitEvents) {
      const a = e.args;
      const sscc = ssccText(a.sscc);
      const organisation = str(a, "organisation");
      if (e.name === "UnitPacked") {
        const row = {
          organisation,
          holder: organisation,
          contentsRoot: str(a, "contentsRoot"),
          packs: num(a, "packs"),
          status: "packed" as const,
          parentSscc: null,
          packedAt: e.occurredAt,
          packedBlock: e.blockNumber,
          packedTx: e.txHash,
          packedBy: str(a, "by"),
          openedAt: null,
          openedBlock: null,
          openedBy: null,
        };
        await tx.logisticUnit.upsert({ where: { sscc }, create: { sscc, ...row }, update: row });
        const packs = (a.groups as JsonPackGroup[]).flatMap((g) =>
          g.indices.map((packIndex) => ({ sscc, batchId: g.batchId, packIndex })),
        );
        if (packs.length > 0) await tx.logisticUnitPack.createMany({ data: packs, skipDuplicates: true });
        const children = (a.children as string[]).map(ssccText);
        await tx.logisticUnit.updateMany({
          where: { sscc: { in: children } },
          data: { parentSscc: sscc, holder: organisation },
        });
      } else if (e.name === "UnitUnpacked") {
        await tx.logisticUnit.updateMany({
          where: { sscc },
          data: {
            status: "opened",
            holder: organisation,
            parentSscc: null,
            openedAt: e.occurredAt,
            openedBlock: e.blockNumber,
            openedBy: str(a, "by"),
          },
        });
        await tx.logisticUnit.updateMany({
          where: { parentSscc: sscc },
          data: { parentSscc: null, holder: organisation },
        });
      } else {
        await tx.logisticUnit.updateMany({ where: { sscc }, data: { holder: organisation, parentSscc: null } });
      }
    }
  }
}

/** An SSCC as stored: its 18 digits (the event carries the number). */
const ssccText = (n: unknown) => String(n).padStart(18, "0");
