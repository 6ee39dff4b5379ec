/**
 * A batch's custody history as a GS1 EPCIS 2.0 JSON-LD document, for trading partners and
 * regulators (US DSCSA, EU FMD) to load into their own EPCIS repositories.
 *
 * One ledger event becomes one ObjectEvent, so a re-export gives the same eventIDs and partners can
 * de-duplicate; a receipt with a shortfall becomes two (the receipt, and the shortfall written off
 * at the recipient), so that the document accounts for every pack the batch registered. CBV values
 * are bare ("shipping", "in_transit", "owning_party"), identifiers are GS1 Digital Link URIs: the lot
 * `{PUBLIC_ORIGIN}/01/{gtin}/10/{lot}` as epcClass, a pack `{PUBLIC_ORIGIN}/01/{gtin}/21/{serial}`, a
 * party `https://id.gs1.org/417/{gln}`, a place
 * `https://id.gs1.org/414/{gln}`. Consumer verifications (PacksClaimed) are not custody steps and
 * would disclose when patients scanned their packs, so they are left out.
 *
 * A recipient's refusal is a CBV "receiving" step at the recipient with disposition "returned" (CBV 2.0:
 * the object was sent back), its bizLocation the sender's place, where the ledger books the packs back.
 * A sender's request to cancel moves nothing: the packs are seen still "in_transit" at the sender, with no
 * bizStep (CBV has none for a request); the completed cancellation is "void_shipping" as before.
 */
import { createHash } from "node:crypto";
import { buildDigitalLink } from "@tracemed/codes/browser";
import type { Db } from "@tracemed/db";
import { parseBatchId } from "@tracemed/provenance/packKey";
import { batchNotFound, snapshot, type Tx } from "@tracemed/provenance/provenance";

export const EPCIS_CONTEXT = "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld";

export interface QuantityElement {
  epcClass: string;
  quantity: number;
}

export interface SourceElement {
  type: "owning_party" | "possessing_party" | "location";
  source: string;
}

export interface DestinationElement {
  type: "owning_party" | "possessing_party" | "location";
  destination: string;
}

export interface ObjectEvent {
  type: "ObjectEvent";
  eventTime: string;
  eventTimeZoneOffset: string;
  eventID: string;
  epcList?: string[];
  quantityList?: QuantityElement[];
  action: "ADD" | "OBSERVE" | "DELETE";
  bizStep?: string;
  disposition?: string;
  readPoint?: { id: string };
  bizLocation?: { id: string };
  bizTransactionList?: { bizTransaction: string }[];
  sourceList?: SourceElement[];
  destinationList?: DestinationElement[];
  ilmd?: Record<string, string>;
}

export interface EpcisDocument {
  "@context": string[];
  type: "EPCISDocument";
  schemaVersion: "2.0";
  creationDate: string;
  epcisBody: { eventList: ObjectEvent[] };
}

export interface EpcisOptions {
  /**
   * the public origin (PUBLIC_ORIGIN, `https://trace.example.org`), under which lot and pack Digital
   * Links are written: partners resolve them there
   */
  origin: string;
  /** the document's creationDate (default: now) */
  now?: Date;
}

/**
 * The deterministic eventID of a ledger event: a UUID (RFC 9562 version 8, the custom layout) made
 * from the SHA-256 of its ledger id (blockHash:logIndex). Not the CBV 2.0 event hash (`ni:///`),
 * which is defined over the event's canonical content.
 */
export function eventIdOf(custodyEventId: string): string {
  const b = createHash("sha256").update(custodyEventId).digest();
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.subarray(0, 16).toString("hex");
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The ledger transaction as a URI: `urn:tracemed:eip155:{chainId}:tx:{hash}` (CAIP-2 chain id). */
export function txUri(chainId: string | null, txHash: string): string {
  return chainId ? `urn:tracemed:eip155:${chainId}:tx:${txHash}` : `urn:tracemed:tx:${txHash}`;
}

const party = (gln: string) => `https://id.gs1.org/417/${gln}`;
const place = (gln: string) => `https://id.gs1.org/414/${gln}`;

/** The batch's custody events as an EPCIS 2.0 JSON-LD document. */
export async function batchEpcisDocument(db: Db, batchId: string, options: EpcisOptions): Promise<EpcisDocument> {
  const id = parseBatchId(batchId);
  const eventList = await snapshot(db, (tx) => readEvents(tx, id, options.origin.replace(/\/+$/, "")));
  return {
    "@context": [EPCIS_CONTEXT],
    type: "EPCISDocument",
    schemaVersion: "2.0",
    creationDate: (options.now ?? new Date()).toISOString(),
    epcisBody: { eventList },
  };
}

async function readEvents(tx: Tx, id: string, base: string): Promise<ObjectEvent[]> {
  const batch = await tx.batch.findUnique({ where: { id } });
  if (!batch) throw batchNotFound(id);
  const rows = await tx.custodyEvent.findMany({
    where: { batchId: id, eventName: { not: "PacksClaimed" } },
    orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }],
  });
  const shipments = new Map((await tx.shipment.findMany({ where: { batchId: id } })).map((s) => [s.id, s] as const));
  const cursor = await tx.indexerCursor.findFirst({ orderBy: { lastBlock: "desc" } });
  const chainId = cursor?.ledger.split(":")[0] ?? null;

  const accounts = new Set<string>([batch.manufacturerAccount]);
  const packIndices = new Set<number>();
  for (const r of rows) {
    const a = r.args as Record<string, unknown>;
    for (const k of ["from", "to", "holder", "pharmacy", "manufacturer", "by"]) {
      if (typeof a[k] === "string") accounts.add(a[k] as string);
    }
    if (Array.isArray(a.indices)) for (const i of a.indices) packIndices.add(Number(i));
  }
  const glnOf = new Map(
    (await tx.organisation.findMany({ where: { account: { in: [...accounts] } } })).map((o) => [o.account, o.gln]),
  );
  const serialOf = new Map(
    packIndices.size === 0
      ? []
      : (
          await tx.pack.findMany({
            where: { batchId: id, leafIndex: { in: [...packIndices] } },
            select: { leafIndex: true, serial: true },
          })
        ).map((p) => [p.leafIndex, p.serial]),
  );

  const lotUri = buildDigitalLink({ gtin: batch.gtin, lot: batch.lot }, { base });
  const packUri = (serial: string) => buildDigitalLink({ gtin: batch.gtin, serial }, { base });
  const lot = (quantity: number): QuantityElement[] => [{ epcClass: lotUri, quantity }];
  const at = (account: string | undefined) => {
    const gln = account ? glnOf.get(account) : undefined;
    return gln ? { readPoint: { id: place(gln) }, bizLocation: { id: place(gln) } } : {};
  };
  const readPointOnly = (account: string | undefined) => {
    const gln = account ? glnOf.get(account) : undefined;
    return gln ? { readPoint: { id: place(gln) } } : {};
  };
  const sources = (account: string): SourceElement[] => {
    const gln = glnOf.get(account);
    if (!gln) return [];
    return [
      { type: "owning_party", source: party(gln) },
      { type: "possessing_party", source: party(gln) },
      { type: "location", source: place(gln) },
    ];
  };
  const destinations = (account: string): DestinationElement[] =>
    sources(account).map((s) => ({ type: s.type, destination: s.source }));
  const transfer = (from: string, to: string) => {
    const sourceList = sources(from);
    const destinationList = destinations(to);
    return {
      ...(sourceList.length > 0 ? { sourceList } : {}),
      ...(destinationList.length > 0 ? { destinationList } : {}),
    };
  };
  const packs = (indices: number[]) => {
    const known = indices.map((i) => serialOf.get(i)).filter((s): s is string => s !== undefined);
    const unknown = indices.length - known.length;
    return {
      ...(known.length > 0 ? { epcList: known.map(packUri) } : {}),
      ...(unknown > 0 ? { quantityList: lot(unknown) } : {}),
    };
  };

  // Packs neither dispensed nor written off so far: what a quarantine holds.
  let outstanding = batch.packCount;
  const events: ObjectEvent[] = [];
  for (const r of rows) {
    const a = r.args as Record<string, unknown>;
    const str = (k: string) => String(a[k]);
    const num = (k: string) => Number(a[k]);
    const head = {
      type: "ObjectEvent" as const,
      eventTime: r.occurredAt.toISOString(),
      eventTimeZoneOffset: "+00:00",
      eventID: eventIdOf(r.id),
    };
    const txList = { bizTransactionList: [{ bizTransaction: txUri(chainId, r.txHash) }] };
    /** `quantity` packs of the lot seen (OBSERVE) in this transaction; no bizStep where CBV has none. */
    const observe = (
      quantity: number,
      bizStep: string | undefined,
      disposition: string,
      where: Partial<ObjectEvent> = {},
    ): ObjectEvent => ({
      ...head,
      quantityList: lot(quantity),
      action: "OBSERVE",
      ...(bizStep ? { bizStep } : {}),
      disposition,
      ...where,
      ...txList,
    });
    /** Packs of the lot written off (CBV destroying) at the holder's place. */
    const writeOff = (quantity: number, holder: string, disposition: "destroyed" | "unknown") =>
      observe(quantity, "destroying", disposition, at(holder));
    switch (r.eventName) {
      case "BatchCommissioned":
        events.push({
          ...head,
          quantityList: lot(num("packCount")),
          action: "ADD",
          bizStep: "commissioning",
          disposition: "active",
          ...at(str("manufacturer")),
          ...txList,
          ilmd: {
            "cbvmda:lotNumber": batch.lot,
            "cbvmda:itemExpirationDate": batch.expiresAt.toISOString().slice(0, 10),
          },
        });
        break;
      case "BatchShipped":
        events.push({
          ...observe(num("quantity"), "shipping", "in_transit", readPointOnly(str("from"))),
          ...transfer(str("from"), str("to")),
        });
        break;
      case "ShipmentReceived":
        outstanding -= num("shortfall");
        events.push({
          ...observe(num("received"), "receiving", "active", at(str("to"))),
          ...transfer(str("from"), str("to")),
        });
        // The ledger writes the packs that did not arrive off at the recipient: they leave the
        // supply chain there, as a destroyed pack does, but nobody saw what became of them.
        if (num("shortfall") > 0) {
          events.push({
            ...writeOff(num("shortfall"), str("to"), "unknown"),
            eventID: eventIdOf(`${r.id}#shortfall`),
          });
        }
        break;
      case "ShipmentRefused": {
        const s = shipments.get(str("shipmentId"));
        const from = glnOf.get(str("from"));
        events.push({
          ...observe(s?.quantity ?? 0, "receiving", "returned", {
            ...readPointOnly(str("to")),
            ...(from ? { bizLocation: { id: place(from) } } : {}),
          }),
          ...transfer(str("from"), str("to")),
        });
        break;
      }
      case "ShipmentCancelRequested": {
        const s = shipments.get(str("shipmentId"));
        events.push({
          ...observe(s?.quantity ?? 0, undefined, "in_transit", readPointOnly(str("from"))),
          ...(s ? transfer(s.fromAccount, s.toAccount) : {}),
        });
        break;
      }
      case "ShipmentVoided": {
        const s = shipments.get(str("shipmentId"));
        events.push({
          ...observe(s?.quantity ?? 0, "void_shipping", "active", at(str("from"))),
          ...(s ? transfer(s.fromAccount, s.toAccount) : {}),
        });
        break;
      }
      case "StockDestroyed":
        outstanding -= num("quantity");
        events.push(writeOff(num("quantity"), str("holder"), "destroyed"));
        break;
      case "PacksDispensed":
      case "PacksDispenseUndone": {
        const indices = (a.indices as string[]).map(Number);
        const undo = r.eventName === "PacksDispenseUndone";
        outstanding += undo ? indices.length : -indices.length;
        events.push({
          ...head,
          ...packs(indices),
          action: "OBSERVE",
          // An undone dispense puts the packs back on the pharmacy's shelf; CBV has no step for it.
          ...(undo ? {} : { bizStep: "dispensing" }),
          disposition: undo ? "active" : "dispensed",
          ...at(str("pharmacy")),
          ...txList,
        });
        break;
      }
      case "BatchQuarantined":
        events.push(observe(outstanding, "holding", "non_sellable_other"));
        break;
      case "BatchReleased":
        events.push(observe(outstanding, undefined, "active"));
        break;
      case "BatchRecalled":
        // A recall covers the whole lot, dispensed packs included (patients are reached too).
        events.push(observe(batch.packCount, undefined, "recalled"));
        break;
    }
  }
  return events;
}
