import { isExpired } from "@tracemed/chain";
import type { Db } from "@tracemed/db";
import { readPackKey, type PackKey } from "@tracemed/provenance/packKey";
import type { StatusGuard } from "./chainStatus";
import { expiryMismatch, otherLotThroughDb, type CodeMismatch, type OtherLotQuery } from "./mismatch";

export interface PackInfo {
  known: boolean;
  gtin: string;
  lot: string;
  serial: string;
  batchId: string;
  /**
   * "unconfirmed": the database is behind the chain, and the chain could not be read, or knows a batch the
   * database does not have yet (then `known` is false) (chainStatus.ts)
   */
  status?: "active" | "quarantined" | "recalled" | "unconfirmed";
  statusReason?: string | null;
  expiry?: string | null;
  expiresAt?: string;
  expired?: boolean;
  /** product master data in both languages (a Chinese field left empty reads the English one) */
  product?: PackProduct | null;
  manufacturer?: { name: string; nameZh: string | null; country: string } | null;
  /**
   * The scanned code's printed expiry disagrees with the ledger's (the pack is known), or its lot is not the
   * pack's (`known` false: the GTIN + serial is in another lot, which is never shown)
   */
  mismatch?: CodeMismatch | null;
}

/** What the scanned code carried beyond the key: the AI 17 expiry (YYMMDD), when it did. */
export interface Printed {
  expiry: string | null;
}

/** A product's name and form in one language. */
export interface ProductText {
  generic: string;
  brand: string | null;
  strength: string;
  dosageForm: string;
  packSize: string;
}

export type LeafletLocale = "en" | "zh-CN";
export const LEAFLET_LOCALES: readonly LeafletLocale[] = ["en", "zh-CN"];

/** What a pack's page says of its product. */
export interface PackProduct {
  text: { en: ProductText; zh: ProductText | null };
  /** 批准文号 / the marketing authorisation number */
  approvalNumber: string | null;
  /** the patient leaflets, one per language given (href: /leaflet/{gtin}/{locale}) */
  leaflets: { locale: LeafletLocale; href: string }[];
}

/** What a batch shows to anyone: one row per batch, the same for all its packs. */
export interface BatchFacts {
  status: string;
  statusReason: string | null;
  statusChangedAt: Date | null;
  expiresAt: Date;
  expiry: string | null;
  manufacturerAccount: string;
  manufacturerName: string | null;
  manufacturerNameZh: string | null;
  manufacturerCountry: string | null;
  /** the generic name in English */
  productName: string | null;
  productNameZh: string | null;
  brand: string | null;
  brandZh: string | null;
  strength: string | null;
  dosageForm: string | null;
  dosageFormZh: string | null;
  packSize: string | null;
  packSizeZh: string | null;
  approvalNumber: string | null;
  /** the languages the product has a leaflet in (null: none) */
  leafletLocales: string[] | null;
}

/**
 * The columns of BatchFacts, for queries over "Batch" b (and "PackSet" ps, "Product" pr, "Organisation" m,
 * "OrganisationProfile" mp: BATCH_JOINS_SQL).
 */
export const BATCH_FACTS_SQL = `b.status, b."statusReason", b."statusChangedAt", b."expiresAt", ps.expiry,
  b."manufacturerAccount", m.name AS "manufacturerName", mp."nameZh" AS "manufacturerNameZh",
  m.country AS "manufacturerCountry",
  pr.name AS "productName", pr."nameZh" AS "productNameZh", pr.brand, pr."brandZh", pr.strength, pr."dosageForm",
  pr."dosageFormZh", pr."packSize", pr."packSizeZh", pr."approvalNumber",
  (SELECT array_agg(l.locale ORDER BY l.locale) FROM "ProductLeaflet" l WHERE l.gtin = b.gtin) AS "leafletLocales"`;
export const BATCH_JOINS_SQL = `LEFT JOIN "PackSet" ps ON ps."batchId" = b.id
  LEFT JOIN "Organisation" m ON m.account = b."manufacturerAccount"
  LEFT JOIN "OrganisationProfile" mp ON mp.account = b."manufacturerAccount"
  LEFT JOIN "Product" pr ON pr.gtin = b.gtin`;

/** The leaflet route of a product in one language. */
export const leafletHref = (gtin: string, locale: LeafletLocale) => `/leaflet/${gtin}/${locale}`;

/** The product of a batch's facts in both languages (null: the manufacturer entered no master data). */
export function packProductOf(gtin: string, f: BatchFacts): PackProduct | null {
  if (!f.productName) return null;
  const en: ProductText = {
    generic: f.productName,
    brand: f.brand,
    strength: f.strength!,
    dosageForm: f.dosageForm!,
    packSize: f.packSize!,
  };
  const anyZh = f.productNameZh ?? f.brandZh ?? f.dosageFormZh ?? f.packSizeZh;
  const zh: ProductText | null = anyZh
    ? {
        generic: f.productNameZh ?? en.generic,
        brand: f.brandZh ?? en.brand,
        strength: en.strength,
        dosageForm: f.dosageFormZh ?? en.dosageForm,
        packSize: f.packSizeZh ?? en.packSize,
      }
    : null;
  const leaflets = LEAFLET_LOCALES.filter((l) => f.leafletLocales?.includes(l)).map((locale) => ({
    locale,
    href: leafletHref(gtin, locale),
  }));
  return { text: { en, zh }, approvalNumber: f.approvalNumber, leaflets };
}

/** The manufacturer of a batch's facts, with its Chinese name when its admins gave one. */
export function packManufacturerOf(f: BatchFacts): PackInfo["manufacturer"] {
  return f.manufacturerName
    ? { name: f.manufacturerName, nameZh: f.manufacturerNameZh, country: f.manufacturerCountry! }
    : null;
}

/** The public answer for a pack from its batch's facts (undefined: the pack is not registered). */
export function packInfoOf(key: PackKey, batch: BatchFacts | undefined, now = new Date(), printed?: Printed): PackInfo {
  const base = { gtin: key.gtin, lot: key.lot, serial: key.serial, batchId: key.batchId };
  if (!batch) return { known: false, ...base };
  return {
    known: true,
    ...base,
    status: batch.status as PackInfo["status"],
    statusReason: batch.status === "active" ? null : batch.statusReason,
    expiry: batch.expiry,
    expiresAt: batch.expiresAt.toISOString(),
    expired: isExpired(batch.expiresAt, now),
    product: packProductOf(key.gtin, batch),
    manufacturer: packManufacturerOf(batch),
    mismatch: expiryMismatch(printed?.expiry, batch.expiresAt, now),
  };
}

/**
 * What anyone who scanned a pack may see before typing its PIN: product, batch, expiry, status (the
 * chain's, through `guard`, while the database is behind it).
 */
export async function packInfo(
  db: Db,
  raw: { gtin: string; lot: string; serial: string },
  now = new Date(),
  guard?: StatusGuard,
  printed?: Printed,
): Promise<PackInfo> {
  const key = readPackKey(raw);
  const rows = await db.$queryRawUnsafe<BatchFacts[]>(
    `SELECT ${BATCH_FACTS_SQL}
       FROM "Pack" p
       JOIN "Batch" b ON b.id = p."batchId"
       ${BATCH_JOINS_SQL}
      WHERE p."batchId" = $1 AND p.serial = $2`,
    key.batchId,
    key.serial,
  );
  const facts = rows[0] && guard ? await guard.confirm(key.batchId, rows[0]) : rows[0];
  return guardUnknown(packInfoOf(key, facts, now, printed), guard, otherLotThroughDb(db));
}

/**
 * An unknown pack's answer, unless the database may just not have its batch yet (then "unconfirmed"), or
 * its GTIN + serial is in another lot (then a lot mismatch: the scanned code's lot is wrong).
 */
export async function guardUnknown(info: PackInfo, guard?: StatusGuard, otherLot?: OtherLotQuery): Promise<PackInfo> {
  if (info.known) return info;
  if (guard && (await guard.unsureOfUnknown(info.batchId))) return { ...info, status: "unconfirmed" };
  if (otherLot && (await otherLot(info))) return { ...info, mismatch: { field: "lot", printed: info.lot } };
  return info;
}
