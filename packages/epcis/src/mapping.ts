/**
 * What a captured EPCIS event asks of the ledger (issue 15, spec section 4), decided from the event alone:
 * the writer (apps/web/lib/epcis) turns a plan into calls, simulates each, and batches them. Identifiers may be
 * EPC URIs or GS1 Digital Links (identifiers.ts); CBV values bare, URN or web URI (vocabulary.ts).
 *
 * | event                                                   | plan        | ledger call                          |
 * | ObjectEvent ADD commissioning, sgtins of one GTIN + ilmd | commission  | batch registration with the serials  |
 * | AggregationEvent ADD packing (parentID SSCC)             | pack        | LogisticUnits.pack                   |
 * | AggregationEvent DELETE unpacking                        | unpack      | LogisticUnits.unpack                 |
 * | ObjectEvent OBSERVE shipping + destination party         | ship        | ship per batch, ref = the SSCC       |
 * | ObjectEvent receiving with SSCCs                         | receive     | confirmReceipt of that ref's shipments |
 * | dispensing / retail_selling / DELETE decommissioning     | dispense    | dispenseMany with the pack proofs    |
 * | destroying                                               | destroy     | writeOff(batch, quantity, reason)    |
 * | anything else (an OBSERVE at a read point, ...)          | record      | none: stored only                    |
 */
import { epcIdentity, type EpcIdentity } from "./identifiers";
import { bareCbv } from "./vocabulary";

export interface PackRef {
  gtin: string;
  serial: string;
}
export interface LotQuantity {
  gtin: string;
  lot: string;
  quantity: number;
}

export type LedgerPlan =
  | { kind: "commission"; gtin: string; lot: string; expiry: string; serials: string[] }
  | { kind: "pack"; sscc: string; packs: PackRef[]; children: string[] }
  | { kind: "unpack"; sscc: string }
  | { kind: "ship"; toGln: string; ssccs: string[]; packs: PackRef[]; lots: LotQuantity[] }
  | { kind: "receive"; ssccs: string[] }
  | { kind: "dispense"; packs: PackRef[] }
  | { kind: "destroy"; packs: PackRef[]; lots: LotQuantity[]; reason: string }
  | { kind: "record"; reason: string }
  | { kind: "unsupported"; reason: UnsupportedReason; message: string };

/** Why an event cannot become a ledger write (apps word each reason in their languages). */
export type UnsupportedReason =
  | "commissioningPacks"
  | "commissioningIlmd"
  | "parentNotSscc"
  | "packingChildren"
  | "shippingDestination"
  | "shippingContents"
  | "dispensePacks"
  | "destroyContents";

const unsupported = (reason: UnsupportedReason, message: string): LedgerPlan => ({
  kind: "unsupported",
  reason,
  message,
});

type Event = Record<string, unknown>;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const ids = (v: unknown): EpcIdentity[] =>
  strings(v)
    .map(epcIdentity)
    .filter((x): x is EpcIdentity => x !== null);

function split(list: EpcIdentity[]) {
  const packs: PackRef[] = [];
  const ssccs: string[] = [];
  for (const id of list) {
    if (id.kind === "sgtin") packs.push({ gtin: id.gtin, serial: id.serial });
    else if (id.kind === "sscc") ssccs.push(id.sscc);
  }
  return { packs, ssccs };
}

function lotsOf(v: unknown): LotQuantity[] {
  if (!Array.isArray(v)) return [];
  const out: LotQuantity[] = [];
  for (const q of v as { epcClass?: unknown; quantity?: unknown }[]) {
    const id = typeof q.epcClass === "string" ? epcIdentity(q.epcClass) : null;
    const quantity = Number(q.quantity);
    if (id?.kind === "lgtin" && Number.isInteger(quantity) && quantity > 0) {
      out.push({ gtin: id.gtin, lot: id.lot, quantity });
    }
  }
  return out;
}

/** The GLN of the party the goods go to: owning party first, then possessing party (PGLN or GLN forms). */
function destinationGln(event: Event): string | null {
  const list = Array.isArray(event.destinationList) ? (event.destinationList as Record<string, unknown>[]) : [];
  for (const type of ["owning_party", "possessing_party", "location"]) {
    for (const d of list) {
      if (typeof d.type !== "string" || bareCbv(d.type) !== type || typeof d.destination !== "string") continue;
      const id = epcIdentity(d.destination);
      if (id?.kind === "pgln" || id?.kind === "sgln") return id.gln;
    }
  }
  return null;
}

/** ilmd value by its local name, whatever the prefix (`cbvmda:lotNumber`, `lotNumber`, `{urn...}lotNumber`). */
function ilmdValue(event: Event, name: string): string | null {
  const ilmd = event.ilmd as Record<string, unknown> | undefined;
  if (!ilmd || typeof ilmd !== "object") return null;
  for (const [k, v] of Object.entries(ilmd)) {
    const local = k.replace(/^.*[:}]/, "");
    if (local === name && (typeof v === "string" || typeof v === "number")) return String(v);
  }
  return null;
}

/** What the event asks of the ledger. */
export function planOf(event: Event): LedgerPlan {
  const type = event.type;
  const action = event.action;
  const step = typeof event.bizStep === "string" ? bareCbv(event.bizStep) : null;
  const epcs = ids(event.epcList);

  if (type === "ObjectEvent" && action === "ADD" && step === "commissioning") {
    const { packs } = split(epcs);
    const gtins = new Set(packs.map((p) => p.gtin));
    const lot = ilmdValue(event, "lotNumber");
    const expiry = ilmdValue(event, "itemExpirationDate");
    if (packs.length === 0 || gtins.size !== 1) {
      return unsupported("commissioningPacks", "A commissioning event must list serialised packs (SGTIN) of one GTIN.");
    }
    if (!lot || !expiry || !/^\d{4}-\d\d-\d\d$/.test(expiry)) {
      return unsupported(
        "commissioningIlmd",
        "A commissioning event must give ilmd lotNumber and itemExpirationDate (YYYY-MM-DD).",
      );
    }
    return { kind: "commission", gtin: [...gtins][0]!, lot, expiry, serials: packs.map((p) => p.serial) };
  }

  if (type === "AggregationEvent" && (step === "packing" || step === "unpacking")) {
    const parent = typeof event.parentID === "string" ? epcIdentity(event.parentID) : null;
    if (parent?.kind !== "sscc") return unsupported("parentNotSscc", "The parentID of a unit must be an SSCC.");
    if (action === "DELETE" || step === "unpacking") return { kind: "unpack", sscc: parent.sscc };
    const { packs, ssccs } = split(ids(event.childEPCs));
    if (packs.length + ssccs.length === 0) {
      return unsupported("packingChildren", "A packing event must list its children (SGTINs or SSCCs).");
    }
    return { kind: "pack", sscc: parent.sscc, packs, children: ssccs };
  }

  if (type === "ObjectEvent" && step === "shipping") {
    const toGln = destinationGln(event);
    if (!toGln) {
      return unsupported("shippingDestination", "A shipping event must name its destination party (PGLN or GLN).");
    }
    const { packs, ssccs } = split(epcs);
    const lots = lotsOf(event.quantityList);
    if (packs.length + ssccs.length + lots.length === 0) {
      return unsupported("shippingContents", "A shipping event must list SSCCs, SGTINs or lot quantities.");
    }
    return { kind: "ship", toGln, ssccs, packs, lots };
  }

  if (type === "ObjectEvent" && step === "receiving") {
    const { ssccs } = split(epcs);
    if (ssccs.length === 0) return { kind: "record", reason: "a receipt without SSCC: nothing to confirm" };
    return { kind: "receive", ssccs };
  }

  if (
    type === "ObjectEvent" &&
    (step === "dispensing" || step === "retail_selling" || (step === "decommissioning" && action === "DELETE"))
  ) {
    const { packs } = split(epcs);
    if (packs.length === 0) return unsupported("dispensePacks", "Dispensing needs serialised packs (SGTIN).");
    return { kind: "dispense", packs };
  }

  if (type === "ObjectEvent" && step === "destroying") {
    const { packs } = split(epcs);
    const lots = lotsOf(event.quantityList);
    if (packs.length + lots.length === 0) {
      return unsupported("destroyContents", "A destroying event must list SGTINs or lot quantities.");
    }
    const reason = typeof event.disposition === "string" ? bareCbv(event.disposition) : "destroying";
    return { kind: "destroy", packs, lots, reason };
  }

  return { kind: "record", reason: `${String(type)} ${step ?? "(no bizStep)"}: no ledger effect` };
}
