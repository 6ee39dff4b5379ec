/**
 * What the consumer's pack page renders for a scanned code: the pack's public facts (PackInfo: product,
 * batch, expiry, status) and its journey as the public may read it (readPolicy's PublicPackView).
 *
 * The QR's landing must be as fast as the API, so a page view makes no query once its batch is warm:
 * - the facts come from the replica (replica.ts) and the batch facts verifyPack uses (packCache.ts): the
 *   status is never older than a verdict's, and a recall shows on the next view after it reaches the service;
 * - the batch's provenance (product, manufacturer, hops) is read once and kept per batch until the replica's
 *   event poll sees a custody or status event of the batch (or of an organisation, whose names it shows);
 * - the pack's own part (its dispense, and the hops to its dispenser) is computed from the kept hops and the
 *   replica's state of the pack. A batch not in the replica (not loaded yet, or larger than its budget) is
 *   read from the database for every view, as before.
 */
import type { Db } from "@tracemed/db";
import {
  iso,
  packProvenance,
  pathToHolder,
  readBatchProvenance,
  snapshot,
  type BatchProvenance,
  type CustodyLinks,
  type Party,
  type Receipt,
} from "@tracemed/provenance/provenance";
import { readPackKey, type PackKey } from "@tracemed/provenance/packKey";
import { packView, type PublicPackView } from "@tracemed/provenance/readPolicy";
import type { PackInfo } from "./packInfo";
import type { ReplicaDispense, VerifyReplica } from "./replica";

export interface PackPage {
  info: PackInfo;
  /** null when the pack is unknown (or its journey could not be read: the page still shows its facts) */
  journey: PublicPackView | null;
}

/** `printed`: what the scanned code carried beyond the key (the AI 17 expiry, YYMMDD), when it did. */
export type PackPageSource = (
  key: { gtin: string; lot: string; serial: string },
  printed: { expiry: string | null },
) => Promise<PackPage>;

/** A batch's provenance as kept, with what each pack's part looks up in it. */
type KeptBatch = { provenance: BatchProvenance } & CustodyLinks & {
    /** the organisations of its hops, by account */
    parties: Map<string, Party>;
    /** when each received hop was received (ms) */
    receivedAt: Map<string, number>;
  };

/** Batches' provenance, kept until an event of the batch is seen (bounded: cleared past `max` batches). */
class BatchProvenances {
  private readonly kept = new Map<string, Promise<KeptBatch>>();
  /** provenance reads made (one per batch and change, whatever the number of views) */
  reads = 0;

  constructor(
    private readonly db: Db,
    replica: VerifyReplica,
    private readonly max = 10_000,
  ) {
    replica.onBatchEvents((batches) => {
      if (batches === "all") this.kept.clear();
      else for (const id of batches) this.kept.delete(id);
    });
  }

  get(batchId: string): Promise<KeptBatch> {
    let p = this.kept.get(batchId);
    if (p) return p;
    this.reads++;
    p = snapshot(this.db, (tx) => readBatchProvenance(tx, batchId, new Date())).then((read) => {
      const parties = new Map<string, Party>();
      const receivedAt = new Map<string, number>();
      for (const h of read.provenance.hops) {
        for (const party of [h.from, h.to]) parties.set(party.account, party);
        if (h.closed) receivedAt.set(h.shipmentId, Date.parse(h.closed.at));
      }
      return { ...read, parties, receivedAt };
    });
    if (this.kept.size >= this.max) this.kept.clear();
    this.kept.set(batchId, p);
    // A failed read is not kept (an invalidation meanwhile has removed it already: then nothing to do).
    p.catch(() => this.kept.get(batchId) === p && this.kept.delete(batchId));
    return p;
  }
}

/** The public view of a pack from its batch's kept provenance and the replica's state of the pack. */
function packViewOf(kept: KeptBatch, key: PackKey, leafIndex: number, dispense: ReplicaDispense | null) {
  const { provenance } = kept;
  const by: Party = kept.parties.get(dispense?.by ?? "") ?? {
    account: dispense?.by ?? "",
    name: dispense?.byName ?? null,
    nameZh: null,
    gln: null,
    country: null,
  };
  const at = dispense?.at.getTime() ?? 0;
  // Receipts before the dispense, by time: the replica knows a dispense's time, not its place in the chain.
  // Block times are whole seconds: a receipt by the pharmacy in the dispense's second came before it when it
  // is the only one it could have dispensed from; when there is another to choose from, the database (which
  // knows the order) answers (undefined).
  const receivedAt = (r: Receipt) => kept.receivedAt.get(r.shipmentId) ?? Infinity;
  const mine = dispense ? (kept.receipts.get(dispense.by) ?? []) : [];
  const sameSecond = mine.filter((r) => receivedAt(r) === at).length;
  if (sameSecond > 1 || (sameSecond === 1 && mine.some((r) => receivedAt(r) < at))) return undefined;
  const path = dispense ? pathToHolder(provenance, kept, dispense.by, (r) => receivedAt(r) <= at) : null;
  return packView(
    {
      batch: provenance,
      // What the public view does not show (transactions, blocks, signers, claims) is left empty.
      pack: {
        serial: key.serial,
        leafIndex,
        claimed: null,
        dispensed: dispense ? { by, at: iso(dispense.at), txHash: "", blockNumber: 0, signedBy: null } : null,
      },
      events: [],
      pathToDispenser: path,
    },
    "public",
  );
}

/** The batch's status as the page's facts have it (the batch facts verdicts use), over the kept view's. */
function withStatusOf(info: PackInfo, view: PublicPackView): PublicPackView {
  const status = info.status;
  if (status !== "active" && status !== "quarantined" && status !== "recalled") return view;
  return {
    ...view,
    batch: { ...view.batch, status, statusReason: info.statusReason ?? null, expired: info.expired ?? false },
  };
}

/**
 * The pack page's data. Throws the key's DomainError (InvalidGtin, InvalidLot, InvalidSerial) for a
 * malformed code. `stats.provenanceReads` counts the batch provenance reads made.
 */
export function packPageSource(deps: {
  replica: VerifyReplica;
  db: Db;
}): PackPageSource & { stats: () => { provenanceReads: number } } {
  const batches = new BatchProvenances(deps.db, deps.replica);
  const source: PackPageSource = async (raw, printed) => {
    const key = readPackKey(raw);
    const info = await deps.replica.info(key, new Date(), printed);
    if (!info.known) return { info, journey: null };
    const pack = deps.replica.packOf(key);
    // The batch's kept journey when the replica holds the pack; else (or when only the chain's order of
    // events can say) the database's.
    let journey = pack
      ? await batches.get(key.batchId).then(
          (kept) => packViewOf(kept, key, pack.leafIndex, pack.dispense),
          () => null,
        )
      : undefined;
    journey ??= await packProvenance(deps.db, key.batchId, key.serial).then(
      (p) => packView(p, "public"),
      () => null,
    );
    return { info, journey: journey && withStatusOf(info, journey) };
  };
  return Object.assign(source, { stats: () => ({ provenanceReads: batches.reads }) });
}
