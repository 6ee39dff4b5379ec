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
  const rows = await db.$queryRawUnsafe<
    {
      status: string;
      statusReason: string | null;
      expiresAt: Date;
      expiry: string | null;
      productName: string | null;
      strength: string | null;
      dosageForm: string | null;
      packSize: string | null;
      makerName: string | null;
      makerCountry: string | null;
    }[]
  >(
    `SELECT b.status, b."statusReason", b."expiresAt", ps.expiry,
            pr.name AS "productName", pr.strength, pr."dosageForm", pr."packSize",
            m.name AS "makerName", m.country AS "makerCountry"
       FROM "Pack" p
       JOIN "Batch" b ON b.id = p."batchId"
       LEFT JOIN "PackSet" ps ON ps."batchId" = p."batchId"
       LEFT JOIN "Product" pr ON pr.gtin = b.gtin
       LEFT JOIN "Organisation" m ON m.account = b."manufacturerAccount"
      WHERE p."batchId" = $1 AND p.serial = $2`,
    batchId,
    raw.serial,
  );
  const row = rows[0];
  const base = { gtin, lot: raw.lot, serial: raw.serial, batchId };
  if (!row) return { known: false, ...base };
  return {
    known: true,
    ...base,
    status: row.status as PackInfo["status"],
    statusReason: row.status === "active" ? null : row.statusReason,
    expiry: row.expiry,
    expiresAt: row.expiresAt.toISOString(),
    expired: row.expiresAt.getTime() < now.getTime(),
    product: row.productName
      ? { name: row.productName, strength: row.strength!, dosageForm: row.dosageForm!, packSize: row.packSize! }
      : null,
    manufacturer: row.makerName ? { name: row.makerName, country: row.makerCountry! } : null,
  };
}
