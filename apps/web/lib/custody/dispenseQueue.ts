/**
 * The dispense queue at a pharmacy counter: scans go in, the pharmacist sees every alert before
 * signing, and what can be dispensed settles in one transaction. Pure rules (browser-safe), tested
 * beside this file.
 */
import type { PackCode } from "./readCode";
import type { PackLookup } from "@tracemed/verification/packLookup";

export type QueueAlert =
  | "unknown" // no such pack in any registered batch (EU FMD A2/A3): likely a typo, or a fake
  | "already-dispensed" // EU FMD A7: dispensed before (by whom, when)
  | "recalled"
  | "quarantined"
  | "expired"
  | "expiry-mismatch" // the scanned expiry differs from the batch's (EU FMD A52)
  | "not-in-stock"; // the pharmacy holds fewer packs of the batch than the queue has

/** Alerts that stop a pack from being dispensed (the ledger would refuse, or the pack is suspect). */
export const BLOCKING: ReadonlySet<QueueAlert> = new Set([
  "unknown",
  "already-dispensed",
  "recalled",
  "quarantined",
  "expired",
  "expiry-mismatch",
  "not-in-stock",
]);

export interface QueueEntry {
  /** gtin|lot|serial: the identity the duplicate rule uses */
  key: string;
  code: PackCode;
  lookup: PackLookup;
  alerts: QueueAlert[];
}

export const packKey = (c: { gtin: string; lot: string; serial: string }) => `${c.gtin}|${c.lot}|${c.serial}`;

/** The alerts a looked-up pack raises by itself (stock is judged over the whole queue). */
export function packAlerts(code: PackCode, lookup: PackLookup): QueueAlert[] {
  if (!lookup.found) return ["unknown"];
  const alerts: QueueAlert[] = [];
  if (lookup.dispensed) alerts.push("already-dispensed");
  if (lookup.status === "recalled") alerts.push("recalled");
  if (lookup.status === "quarantined") alerts.push("quarantined");
  if (lookup.expired) alerts.push("expired");
  if (code.expiry && lookup.expiry && code.expiry !== lookup.expiry) alerts.push("expiry-mismatch");
  return alerts;
}

export type AddResult =
  { ok: true; queue: QueueEntry[]; entry: QueueEntry } | { ok: false; reason: "duplicate"; existing: QueueEntry };

/** Whether this scan is already in the queue (the same pack scanned twice is refused, not counted twice). */
export function findDuplicate(queue: readonly QueueEntry[], code: { gtin: string; lot: string; serial: string }) {
  const key = packKey(code);
  return queue.find((e) => e.key === key) ?? null;
}

/** Adds a looked-up pack to the queue, refusing a second scan of the same pack. */
export function addToQueue(queue: readonly QueueEntry[], code: PackCode, lookup: PackLookup): AddResult {
  const existing = findDuplicate(queue, lookup.found ? lookup : code);
  if (existing) return { ok: false, reason: "duplicate", existing };
  const entry: QueueEntry = {
    key: packKey(lookup.found ? lookup : code),
    code,
    lookup,
    alerts: packAlerts(code, lookup),
  };
  return { ok: true, queue: withStock([...queue, entry]), entry };
}

export function removeFromQueue(queue: readonly QueueEntry[], key: string): QueueEntry[] {
  return withStock(queue.filter((e) => e.key !== key));
}

/**
 * Recomputes "not-in-stock": per batch, packs beyond what the pharmacy holds are flagged (the
 * latest scans), since the ledger refuses to dispense more than the holder has.
 */
export function withStock(queue: readonly QueueEntry[]): QueueEntry[] {
  const used = new Map<string, number>();
  return queue.map((e) => {
    const alerts: QueueAlert[] = e.alerts.filter((a) => a !== "not-in-stock");
    if (e.lookup.found && alerts.length === 0) {
      const n = (used.get(e.lookup.batchId) ?? 0) + 1;
      used.set(e.lookup.batchId, n);
      if (n > (e.lookup.heldByYou ?? 0)) alerts.push("not-in-stock");
    }
    return { ...e, alerts };
  });
}

export const isDispensable = (e: QueueEntry) => e.lookup.found && !e.alerts.some((a) => BLOCKING.has(a));

/** The packs that can be dispensed, grouped by batch (one dispense/dispenseMany call each). */
export function settlement(queue: readonly QueueEntry[]): { batchId: string; indices: number[] }[] {
  const groups = new Map<string, number[]>();
  for (const e of queue) {
    if (!isDispensable(e)) continue;
    const list = groups.get(e.lookup.batchId) ?? [];
    list.push(e.lookup.leafIndex!);
    groups.set(e.lookup.batchId, list);
  }
  return [...groups].map(([batchId, indices]) => ({ batchId, indices }));
}
