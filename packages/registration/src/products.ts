/**
 * Product master data (off chain: the ledger only knows GTINs). A manufacturer creates and edits
 * its own products; a GTIN that belongs to another manufacturer is refused.
 */
import { isGtinUnderPrefix } from "@tracemed/codes";
import type { Db } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";

/** A product's master data: English required, Chinese optional (null: pages show the English). */
export interface ProductInput {
  gtin: string;
  /** the generic name in English */
  name: string;
  nameZh?: string | null;
  brand?: string | null;
  brandZh?: string | null;
  strength: string;
  dosageForm: string;
  dosageFormZh?: string | null;
  packSize: string;
  packSizeZh?: string | null;
  /** 批准文号 / the marketing authorisation number */
  approvalNumber?: string | null;
}

function assertOwner(product: { manufacturerAccount: string } | null, account: string, gtin: string) {
  if (product && product.manufacturerAccount !== account.toLowerCase())
    throw new DomainError(
      "GtinOwnedByAnother",
      `The GTIN ${gtin} is registered to another manufacturer; only its owner can describe it.`,
    );
}

/**
 * Refuses a GTIN outside the manufacturer's GS1 company prefixes (as the regulator assigned them on
 * the ledger and the indexer recorded them): the ledger would refuse to register any batch of it.
 */
export async function assertGtinUnderPrefixes(db: Db, account: string, gtin: string): Promise<void> {
  const org = await db.organisation.findUnique({
    where: { account: account.toLowerCase() },
    select: { companyPrefixes: true },
  });
  const prefixes = org?.companyPrefixes ?? [];
  if (prefixes.some((p) => isGtinUnderPrefix(gtin, p))) return;
  throw new DomainError(
    "GtinNotUnderPrefix",
    prefixes.length === 0
      ? `Your organisation has no GS1 company prefix on the ledger yet, so it would refuse batches of GTIN ${gtin}: ask the regulator to assign your prefix.`
      : `The GTIN ${gtin} is not under your GS1 company prefixes (${prefixes.join(", ")}), so the ledger would refuse its batches: check the GTIN, or ask the regulator to assign its prefix to you.`,
  );
}

/**
 * Creates a product of `account`; an existing GTIN is refused (edit it instead), as is one outside
 * its prefixes. `input` is checked by the web app's `productRequest` (apps/web/lib/inputs).
 */
export async function createProduct(db: Db, account: string, input: ProductInput) {
  const { gtin, ...fields } = input;
  const existing = await db.product.findUnique({ where: { gtin } });
  assertOwner(existing, account, gtin);
  if (existing) throw new DomainError("ProductExists", `The GTIN ${gtin} is already one of your products; edit it.`);
  await assertGtinUnderPrefixes(db, account, gtin);
  return db.product.create({ data: { gtin, ...fields, manufacturerAccount: account.toLowerCase() } });
}

/** One of `account`'s products, or the refusal: none with this GTIN, or another manufacturer's. */
export async function ownProduct(db: Db, account: string, gtin: string) {
  const existing = await db.product.findUnique({ where: { gtin } });
  if (!existing) throw new DomainError("ProductNotFound", `There is no product with the GTIN ${gtin}.`);
  assertOwner(existing, account, gtin);
  return existing;
}

/** Edits one of `account`'s products (the GTIN itself is the key and does not change). */
export async function updateProduct(db: Db, account: string, gtin: string, fields: Omit<ProductInput, "gtin">) {
  await ownProduct(db, account, gtin);
  return db.product.update({ where: { gtin }, data: fields });
}

export function listProducts(db: Db, account: string) {
  return db.product.findMany({ where: { manufacturerAccount: account.toLowerCase() }, orderBy: { name: "asc" } });
}
