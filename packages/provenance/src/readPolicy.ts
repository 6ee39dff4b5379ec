/**
 * Who may read a batch's custody data, and what each audience sees. The one read policy: every
 * route and page that returns batch or custody data asks `batchAudience` and answers through the
 * views below (docs/SECURITY.md, "Who may read a batch's commercial data").
 *
 * - `party`: the batch's manufacturer, every organisation that held it, shipped it or received it,
 *   and the regulator, signed in and not suspended. They see everything: hops with quantities,
 *   receipts and shortfalls, accounts, GLNs, shipment references, transactions, holdings, totals,
 *   write-offs, the status history; the CSV and EPCIS exports are theirs.
 * - `public`: everyone else, signed out or an organisation that had nothing to do with the batch.
 *   They see what the consumer's pack page shows anyone holding a pack: the product, the
 *   manufacturer's name and country, lot, expiry, status and its reason, and the journey as the
 *   names and countries of the organisations it passed through with the days it was shipped and
 *   received (and, for a dispensed pack, the pharmacy and day). No quantities, accounts, GLNs,
 *   references, transactions, holdings, write-offs, nor when a pack was first verified.
 *
 * A batch id is derivable from what is printed on every pack (GTIN + lot), so knowing it proves
 * nothing: the audience comes from the session, never from the request.
 */
import { ROLE } from "@tracemed/chain";
import type { Db } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";
import type { BatchProvenance, BatchView, Hop, PackProvenance, Party, ProductView } from "./provenance";
import { canSeeBatch } from "./regulator/batchList";

export type Audience = "party" | "public";

/** Who is asking: the signed-in organisation, or null (signed out, or an account that is not one). */
export interface Viewer {
  account: string;
  roles: number;
  suspended: boolean;
}

/** The audience `viewer` belongs to for batch `batchId`. */
export async function batchAudience(db: Db, viewer: Viewer | null, batchId: string): Promise<Audience> {
  // A suspended organisation (say, a stolen key the regulator stopped) reads no partner's data.
  if (!viewer || viewer.suspended) return "public";
  if ((viewer.roles & ROLE.REGULATOR) !== 0) return "party";
  return (await canSeeBatch(db, viewer, batchId)) ? "party" : "public";
}

/**
 * For the full-data exports (CSV, EPCIS): the viewer when it is a party of the batch, else a 401
 * (signed out) or 403 (any other organisation) in the API error contract.
 */
export async function requireBatchParty(db: Db, viewer: Viewer | null, batchId: string): Promise<Viewer> {
  if (!viewer)
    throw new DomainError(
      "SignInRequired",
      "Sign in as staff of an organisation that made, held, shipped or received this batch (or as the regulator) to download its custody data.",
    );
  if ((await batchAudience(db, viewer, batchId)) !== "party")
    throw new DomainError(
      "NotAPartyOfBatch",
      viewer.suspended
        ? "Your organisation is suspended: it cannot read custody data."
        : "Only the organisations that made, held, shipped or received this batch, and the regulator, may read its custody data.",
    );
  return viewer;
}

/** An organisation as the public sees it: its name and country, not its account or GLN. */
export interface PublicParty {
  name: string | null;
  /** its name in Chinese, when its admins gave one */
  nameZh: string | null;
  country: string | null;
}

/** A hop as the public sees it: who to whom, on which days (UTC), not how many packs. */
export interface PublicStep {
  from: PublicParty;
  to: PublicParty;
  status: "in_transit" | "received";
  /** YYYY-MM-DD (UTC) */
  shippedOn: string;
  /** YYYY-MM-DD (UTC), null while in transit */
  receivedOn: string | null;
}

export interface PublicBatch {
  gtin: string;
  lot: string;
  expiry: string;
  expiresAt: string;
  expired: boolean;
  status: BatchView["status"];
  statusReason: string | null;
  product: ProductView | null;
  manufacturer: PublicParty;
  /** YYYY-MM-DD (UTC) the batch was registered (made) */
  madeOn: string;
}

/** A batch as the public sees it (GET /api/batches/{id}/provenance for anyone not a party). */
export interface PublicBatchView {
  view: "public";
  batch: PublicBatch;
  /** every hop of the batch that was not cancelled, in chain order */
  journey: PublicStep[];
}

/** A pack as the public sees it: what its consumer page shows. */
export interface PublicPackView {
  view: "public";
  batch: PublicBatch;
  pack: { serial: string; dispensed: { by: PublicParty; on: string } | null };
  /** the hops that brought it to its pharmacy (dispensed), else every hop of its batch */
  journey: PublicStep[];
  /** true when `journey` is this pack's own path (it was dispensed), false when it is its batch's */
  exact: boolean;
}

export type FullBatchView = BatchProvenance & { view: "full" };
export type FullPackView = PackProvenance & { view: "full" };

const day = (iso: string) => iso.slice(0, 10);
const publicParty = (p: Party): PublicParty => ({ name: p.name, nameZh: p.nameZh, country: p.country });

function publicSteps(hops: Hop[]): PublicStep[] {
  // A voided or refused hop moved nothing: the packs stayed with (or went back to) the sender.
  return hops
    .filter((h) => h.status !== "voided" && h.status !== "refused")
    .map((h) => ({
      from: publicParty(h.from),
      to: publicParty(h.to),
      status: h.status === "received" ? "received" : "in_transit",
      shippedOn: day(h.shipped.at),
      receivedOn: h.status === "received" && h.closed ? day(h.closed.at) : null,
    }));
}

function publicBatch(p: BatchProvenance): PublicBatch {
  const b = p.batch;
  return {
    gtin: b.gtin,
    lot: b.lot,
    expiry: b.expiry,
    expiresAt: b.expiresAt,
    expired: b.expired,
    status: b.status,
    statusReason: b.status === "active" ? null : b.statusReason,
    product: b.product,
    manufacturer: publicParty(b.manufacturer),
    madeOn: day(b.registered.at),
  };
}

/** A batch's provenance as `audience` may read it. */
export function batchView(p: BatchProvenance, audience: "party"): FullBatchView;
export function batchView(p: BatchProvenance, audience: Audience): FullBatchView | PublicBatchView;
export function batchView(p: BatchProvenance, audience: Audience): FullBatchView | PublicBatchView {
  if (audience === "party") return { view: "full", ...p };
  return { view: "public", batch: publicBatch(p), journey: publicSteps(p.hops) };
}

/** A pack's provenance as `audience` may read it. */
export function packView(p: PackProvenance, audience: "public"): PublicPackView;
export function packView(p: PackProvenance, audience: Audience): FullPackView | PublicPackView;
export function packView(p: PackProvenance, audience: Audience): FullPackView | PublicPackView {
  if (audience === "party") return { view: "full", ...p };
  const dispensed = p.pack.dispensed;
  return {
    view: "public",
    batch: publicBatch(p.batch),
    pack: {
      serial: p.pack.serial,
      dispensed: dispensed ? { by: publicParty(dispensed.by), on: day(dispensed.at) } : null,
    },
    journey: publicSteps(p.pathToDispenser ?? p.batch.hops),
    exact: p.pathToDispenser !== null,
  };
}
