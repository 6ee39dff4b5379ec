import { batchIdOf } from "@tracemed/chain";
import { normalizeGtin } from "@tracemed/codes";
import type { Db } from "@tracemed/db";
import { badRequest } from "../http";

/** GS1 AI 10 / AI 21 values: 1 to 20 characters of the GS1 "CSET 82" set. */
export const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]{1,20}$/;

export interface PackInfo {
  known: boolean;
  gtin: string;
  lot: string;
  serial: string;
  batchId: string;
  status?: "active" | "quarantined" | "recalled";
  statusReason?: string | null;
  expiry?: string | null;
  expiresAt?: string;
  expired?: boolean;
  product?: { name: string; strength: string; dosageForm: string; packSize: string } | null;
  manufacturer?: { name: string; country: string } | null;
}

/** What anyone who scanned a pack may see before typing its PIN: product, batch, expiry, status. */
export async function packInfo(
  db: Db,
  raw: { gtin: string; lot: string; serial: string },
  now = new Date(),
): Promise<PackInfo> {
  let gtin: string;
  try {
    gtin = normalizeGtin(raw.gtin);
  } catch (e) {
    throw badRequest("InvalidGtin", `The GTIN is not valid: ${(e as Error).message}`);
  }
  if (!CSET82.test(raw.lot)) throw badRequest("InvalidLot", "The lot must be 1 to 20 GS1 characters.");
  if (!CSET82.test(raw.serial)) throw badRequest("InvalidSerial", "The serial number must be 1 to 20 GS1 characters.");
  const batchId = batchIdOf(BigInt(gtin), raw.lot);
  const [pack, batch, set, product] = await Promise.all([
    db.pack.findUnique({ where: { batchId_serial: { batchId, serial: raw.serial } }, select: { leafIndex: true } }),
    db.batch.findUnique({ where: { id: batchId } }),
    db.packSet.findUnique({ where: { batchId }, select: { expiry: true } }),
    db.product.findUnique({ where: { gtin } }),
  ]);
  const base = { gtin, lot: raw.lot, serial: raw.serial, batchId };
  if (!pack || !batch) return { known: false, ...base };
  const maker = await db.organisation.findUnique({ where: { account: batch.manufacturerAccount } });
  return {
    known: true,
    ...base,
    status: batch.status as PackInfo["status"],
    statusReason: batch.status === "active" ? null : batch.statusReason,
    expiry: set?.expiry ?? null,
    expiresAt: batch.expiresAt.toISOString(),
    expired: batch.expiresAt.getTime() < now.getTime(),
    product: product
      ? { name: product.name, strength: product.strength, dosageForm: product.dosageForm, packSize: product.packSize }
      : null,
    manufacturer: maker ? { name: maker.name, country: maker.country } : null,
  };
}
