/**
 * Cases and pallets at the staff desks (/pack, /ship, /receive): where a logistic unit is now, what the asking
 * organisation may do with it, a scanned pack's place in units, and the receipt that lets the recipient open one.
 * Reads the indexer's rows (LogisticUnit, Shipment, Holding) and `units.ts`'s views; accounts lower-case.
 */
import { ROLE } from "@tracemed/chain";
import type { Db } from "@tracemed/db";
import { ssccToRef } from "@tracemed/codes/browser";
import { shipmentsByRef, type ShipmentRow } from "./custody";
import { unitReceipt, unitView, type UnitView } from "./units";

/** What the LogisticUnits contract takes as proof that the caller's organisation received a unit. */
export interface UnitReceipt {
  batchId: string;
  from: string;
  quantity: number;
}

/**
 * Where a unit is: at an organisation (never shipped: its holder; shipped: the recipient once received, the
 * sender when refused or cancelled), or in transit. A case on a pallet goes where the pallet goes.
 */
export type UnitLocation = { at: string } | { inTransit: { from: string; to: string } };

export interface UnitAtDesk {
  unit: UnitView;
  /** the pallet the unit is on, when it is on one */
  parent: UnitView | null;
  location: UnitLocation;
  /** the unit is at the asking organisation */
  here: boolean;
  /** the asking organisation is the contract's holder (may unpack it or pack it into another without proof) */
  heldByYou: boolean;
  /** shipments with the unit's SSCC as ref that the asking organisation sent or receives (regulator: all) */
  shipments: ShipmentRow[];
  /** a received shipment of this SSCC to the asking organisation: the proof `unpack`/`takeOver` take */
  receipt: UnitReceipt | null;
}

const latestGroup = (shipments: ShipmentRow[]): ShipmentRow[] => {
  // shipmentsByRef answers newest first; one unit's shipment is one ship() per batch in one transaction
  const first = shipments[0];
  return first ? shipments.filter((s) => s.shippedTx === first.shippedTx) : [];
};

/** Where a unit is now, from its holder and the shipments of its SSCC (of its pallet's, when on one). */
export async function unitLocation(db: Db, unit: { sscc: string; holder: string; parentSscc: string | null }) {
  let top = unit;
  for (let depth = 0; top.parentSscc && depth < 8; depth++) {
    const parent = await db.logisticUnit.findUnique({ where: { sscc: top.parentSscc } });
    if (!parent) break;
    top = parent;
  }
  const group = latestGroup(await shipmentsByRef(db, ssccToRef(top.sscc)));
  const last = group[0];
  if (!last) return { at: top.holder } satisfies UnitLocation;
  if (last.status === "received") return { at: last.to } satisfies UnitLocation;
  if (last.status === "refused" || last.status === "voided") return { at: last.from } satisfies UnitLocation;
  return { inTransit: { from: last.from, to: last.to } } satisfies UnitLocation;
}

/**
 * The unit as the asking organisation may see it, or null when it is unknown or none of its business: visible
 * to its packer, its holder, any organisation with a shipment of its SSCC (or of its pallet's), and the regulator.
 */
export async function unitAtDesk(
  db: Db,
  caller: { account: string; roles: number },
  sscc: string,
): Promise<UnitAtDesk | null> {
  const unit = await unitView(db, sscc);
  if (!unit) return null;
  const [all, parent, location] = await Promise.all([
    shipmentsByRef(db, ssccToRef(sscc)),
    unit.parentSscc ? unitView(db, unit.parentSscc) : Promise.resolve(null),
    unitLocation(db, { sscc, holder: unit.holder, parentSscc: unit.parentSscc }),
  ]);
  const parentShipments = parent ? await shipmentsByRef(db, ssccToRef(parent.sscc)) : [];
  const regulator = (caller.roles & ROLE.REGULATOR) !== 0;
  const party = (s: ShipmentRow) => s.from === caller.account || s.to === caller.account;
  const visible =
    regulator ||
    unit.organisation === caller.account ||
    unit.holder === caller.account ||
    ("at" in location && location.at === caller.account) ||
    all.some(party) ||
    parentShipments.some(party);
  if (!visible) return null;
  const received = unit.holder === caller.account ? null : await unitReceipt(db, sscc, caller.account, unit.holder);
  return {
    unit,
    parent,
    location,
    here: "at" in location && location.at === caller.account,
    heldByYou: unit.holder === caller.account,
    shipments: regulator ? all : all.filter(party),
    receipt: received && { batchId: received.batchId, from: received.from, quantity: Number(received.quantity) },
  };
}

/** Sealed units at `account` (never opened, not on a pallet): what its loose stock does not include. */
export async function sealedUnitsAt(db: Db, account: string): Promise<UnitView[]> {
  const candidates = await db.logisticUnit.findMany({
    where: { status: "packed", parentSscc: null },
    orderBy: { packedAt: "desc" },
    take: 500,
  });
  const here: UnitView[] = [];
  for (const u of candidates) {
    const location = await unitLocation(db, u);
    if (!("at" in location) || location.at !== account) continue;
    const view = await unitView(db, u.sscc);
    if (view) here.push(view);
  }
  return here;
}

/** A pack scanned at /pack, as the packing list's rules need it (`apps/web/lib/custody/packList.ts`). */
export interface PackForPacking {
  kind: "pack";
  found: boolean;
  gtin: string;
  lot: string;
  serial: string;
  batchId: string;
  index?: number;
  productName?: string | null;
  dispensed?: boolean;
  /** packs of the batch the organisation holds, less those sealed in units at its site */
  loose?: number;
  /** the sealed unit the pack is in, if any */
  inUnit?: string | null;
}

/** A pack's facts for packing at `account`'s site. `key`: a pack key already checked. */
export async function packForPacking(
  db: Db,
  account: string,
  key: { gtin: string; lot: string; serial: string; batchId: string },
): Promise<PackForPacking> {
  const base = { kind: "pack" as const, ...key };
  const pack = await db.pack.findUnique({ where: { batchId_serial: { batchId: key.batchId, serial: key.serial } } });
  if (!pack) return { ...base, found: false };
  const [batch, holding, rows, sealed] = await Promise.all([
    db.batch.findUnique({ where: { id: key.batchId }, select: { gtin: true } }),
    db.holding.findUnique({ where: { batchId_account: { batchId: key.batchId, account } } }),
    db.logisticUnitPack.findMany({ where: { batchId: key.batchId, packIndex: pack.leafIndex } }),
    sealedUnitsAt(db, account),
  ]);
  const product = batch ? await db.product.findUnique({ where: { gtin: batch.gtin }, select: { name: true } }) : null;
  const units = rows.length
    ? await db.logisticUnit.findMany({ where: { sscc: { in: rows.map((r) => r.sscc) }, status: "packed" } })
    : [];
  const sealedOfBatch = sealed
    .flatMap((u) => u.contents)
    .filter((c) => c.batchId === key.batchId)
    .reduce((n, c) => n + c.quantity, 0);
  return {
    ...base,
    found: true,
    index: pack.leafIndex,
    productName: product?.name ?? null,
    dispensed: pack.dispensedAt !== null,
    loose: Math.max(0, (holding?.held ?? 0) - sealedOfBatch),
    inUnit: units[0]?.sscc ?? null,
  };
}

/**
 * Whom a unit's logistic label names: from its packer, or from the sender of its latest shipment, to that
 * shipment's recipient (none until shipped). Its contents are the unit's own.
 */
export function unitLabelParties(found: UnitAtDesk): { from: string; to: string | null } {
  const last = latestGroup(found.shipments)[0];
  return last ? { from: last.from, to: last.to } : { from: found.unit.organisation, to: null };
}
