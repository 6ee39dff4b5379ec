/**
 * Packing into a new case or pallet: the one set of rules that decides whether a pack or a case may go in (the /pack
 * desk on each scan, the EPCIS capture writer for a packing event), and says why not. The facts come from the
 * server (`unitDesk.ts`: `packsForPacking`, `unitForPacking`); then `packCall` builds the one
 * `pack(sscc, groups, children)` of the LogisticUnits contract. Pure (browser-safe), tested beside this file.
 */
import type { PackForPacking, UnitAtDesk } from "./unitDesk";

/** The contract's limit on leaves (packs + children) in one unit. */
export const MAX_UNIT_LEAVES = 2000;

/** A scanned pack as the server found it (`packsForPacking`, `POST /api/custody/units/packs`). */
export type PackFacts = PackForPacking;

/** A scanned SSCC as the server found it (`unitForPacking`). */
export interface UnitFacts {
  kind: "unit";
  sscc: string;
  found: boolean;
  status?: "packed" | "opened";
  /** the asking organisation is the contract's holder and the unit is at its site */
  heldByYou?: boolean;
  /** the unit is at the asking organisation's site, received from its holder: packing takes it over first */
  receivedHere?: boolean;
  holderName?: string | null;
  parentSscc?: string | null;
  packs?: number;
  contentsRoot?: string;
}

export type Facts = PackFacts | UnitFacts;

/** A case or pallet's facts for packing, from what the asking organisation sees of it (`unitAtDesk`, null: unknown). */
export function unitForPacking(found: UnitAtDesk | null, sscc: string): UnitFacts {
  if (!found) return { kind: "unit", sscc, found: false };
  return {
    kind: "unit",
    sscc,
    found: true,
    status: found.unit.status,
    heldByYou: found.heldByYou && found.here,
    receivedHere: !found.heldByYou && found.here && found.receipt !== null,
    holderName: found.unit.holder,
    parentSscc: found.unit.parentSscc,
    packs: found.unit.packs,
  };
}

export type PackingItem =
  (PackFacts & { key: string; found: true; index: number }) | (UnitFacts & { key: string; found: true; packs: number });

export type Refusal =
  | { reason: "duplicate" }
  | { reason: "unknown-pack" }
  | { reason: "dispensed" }
  | { reason: "in-unit"; sscc: string }
  | { reason: "not-held"; loose: number }
  | { reason: "unknown-unit" }
  | { reason: "unit-opened" }
  | { reason: "unit-not-held"; holder: string | null }
  | { reason: "unit-has-parent"; parent: string }
  | { reason: "is-target" }
  | { reason: "too-large"; max: number };

export type AddResult = { ok: true; list: PackingItem[]; item: PackingItem } | ({ ok: false } & Refusal);

export const itemKey = (f: Facts): string => (f.kind === "unit" ? `unit:${f.sscc}` : `${f.gtin}|${f.lot}|${f.serial}`);

/** Whether this scan is already in the list (scanning the same pack or case twice adds it once). */
export function findInList(list: readonly PackingItem[], f: Facts): PackingItem | null {
  const key = itemKey(f);
  return list.find((i) => i.key === key) ?? null;
}

/** The leaves the list commits: each pack is one, each child unit one. */
export const leafCount = (list: readonly PackingItem[]): number => list.length;

/** Packs inside the unit being built, children's included. */
export const packCount = (list: readonly PackingItem[]): number =>
  list.reduce((n, i) => n + (i.kind === "unit" ? i.packs : 1), 0);

/**
 * Adds a looked-up scan to the list, or says why it cannot go in. `target` is the SSCC of the unit being built
 * (when already chosen), which cannot go inside itself.
 */
export function addToList(list: readonly PackingItem[], f: Facts, target: string | null = null): AddResult {
  if (findInList(list, f)) return { ok: false, reason: "duplicate" };
  if (list.length >= MAX_UNIT_LEAVES) return { ok: false, reason: "too-large", max: MAX_UNIT_LEAVES };
  if (f.kind === "pack") {
    if (!f.found || f.index === undefined) return { ok: false, reason: "unknown-pack" };
    if (f.dispensed) return { ok: false, reason: "dispensed" };
    if (f.inUnit) return { ok: false, reason: "in-unit", sscc: f.inUnit };
    const sameBatch = list.filter((i) => i.kind === "pack" && i.batchId === f.batchId).length;
    const loose = f.loose ?? 0;
    if (sameBatch + 1 > loose) return { ok: false, reason: "not-held", loose };
    const item = { ...f, found: true as const, index: f.index, key: itemKey(f) };
    return { ok: true, list: [...list, item], item };
  }
  if (!f.found) return { ok: false, reason: "unknown-unit" };
  if (target !== null && f.sscc === target) return { ok: false, reason: "is-target" };
  if (f.status !== "packed") return { ok: false, reason: "unit-opened" };
  if (f.parentSscc) return { ok: false, reason: "unit-has-parent", parent: f.parentSscc };
  if (!f.heldByYou && !f.receivedHere) return { ok: false, reason: "unit-not-held", holder: f.holderName ?? null };
  const item = { ...f, found: true as const, packs: f.packs ?? 0, key: itemKey(f) };
  return { ok: true, list: [...list, item], item };
}

export function removeFromList(list: readonly PackingItem[], key: string): PackingItem[] {
  return list.filter((i) => i.key !== key);
}

/**
 * `pack()`'s arguments: packs grouped by batch with their indices ascending and unique, and the child SSCCs; and
 * the children received from their holder, which `takeOver` (with the receipt proof) in the same multicall first.
 */
export function packCall(list: readonly PackingItem[]): {
  groups: { batchId: `0x${string}`; indices: number[] }[];
  children: bigint[];
  takeOver: string[];
} {
  const byBatch = new Map<string, Set<number>>();
  const children: bigint[] = [];
  const takeOver: string[] = [];
  for (const i of list) {
    if (i.kind === "unit" && !i.heldByYou) takeOver.push(i.sscc);
    if (i.kind === "unit") children.push(BigInt(i.sscc));
    else byBatch.set(i.batchId, (byBatch.get(i.batchId) ?? new Set()).add(i.index));
  }
  const groups = [...byBatch]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([batchId, set]) => ({ batchId: batchId as `0x${string}`, indices: [...set].sort((a, b) => a - b) }));
  return { groups, children, takeOver };
}
