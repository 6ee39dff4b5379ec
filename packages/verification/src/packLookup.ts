/**
 * What a pharmacy needs to know about one scanned pack before dispensing it: is it ours (a known
 * pack of a known batch), was it dispensed already (the database, and the ledger itself, since the
 * database may lag a block), is its batch recalled, quarantined or expired, does the scanned expiry
 * match the batch (EU FMD A52), and how many of the batch the pharmacy holds.
 */
import { isExpired } from "@tracemed/chain";
import type { Db } from "@tracemed/db";
import { readPackKey } from "@tracemed/provenance/packKey";

export interface PackLookup {
  found: boolean;
  gtin: string;
  lot: string;
  serial: string;
  batchId: string;
  leafIndex?: number;
  productName?: string | null;
  /** YYMMDD as printed on the batch's packs */
  expiry?: string | null;
  expiresAt?: string;
  status?: string;
  statusReason?: string | null;
  expired?: boolean;
  dispensed?: { at: string | null; by: string | null; byName: string | null } | null;
  /** packs of this batch the asking organisation holds now */
  heldByYou?: number;
}

export interface LookupDeps {
  db: Db;
  /** the ledger's own answer (isDispensed); null when the chain cannot be asked */
  isDispensedOnChain?: (batchId: `0x${string}`, index: number) => Promise<boolean | null>;
}

/** `raw`: a pack key already checked (the web app's `packLookupRequest` schema: GS1's rules). */
export async function lookupPack(
  deps: LookupDeps,
  account: string,
  raw: { gtin: string; lot: string; serial: string },
  now = new Date(),
): Promise<PackLookup> {
  const base = readPackKey(raw);
  const { gtin, batchId } = base;
  const { db } = deps;
  const [batch, pack, packSet, holding] = await Promise.all([
    db.batch.findUnique({ where: { id: batchId } }),
    db.pack.findUnique({ where: { batchId_serial: { batchId, serial: raw.serial } } }),
    db.packSet.findUnique({ where: { batchId }, select: { expiry: true } }),
    db.holding.findUnique({ where: { batchId_account: { batchId, account } } }),
  ]);
  if (!batch || !pack) return { ...base, found: false };
  const product = await db.product.findUnique({ where: { gtin }, select: { name: true } });
  let dispensed: PackLookup["dispensed"] = null;
  if (pack.dispensedAt) {
    const by = pack.dispensedBy;
    const org = by ? await db.organisation.findUnique({ where: { account: by }, select: { name: true } }) : null;
    dispensed = { at: pack.dispensedAt.toISOString(), by, byName: org?.name ?? null };
  } else if (deps.isDispensedOnChain && (await deps.isDispensedOnChain(batchId as `0x${string}`, pack.leafIndex))) {
    dispensed = { at: null, by: null, byName: null };
  }
  return {
    ...base,
    found: true,
    leafIndex: pack.leafIndex,
    productName: product?.name ?? null,
    expiry: packSet?.expiry ?? null,
    expiresAt: batch.expiresAt.toISOString(),
    status: batch.status,
    statusReason: batch.statusReason,
    expired: isExpired(batch.expiresAt, now),
    dispensed,
    heldByYou: holding?.held ?? 0,
  };
}
