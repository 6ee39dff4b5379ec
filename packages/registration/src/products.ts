/**
 * Product master data (off chain: the ledger only knows GTINs). A manufacturer creates and edits
 * its own products; a GTIN that belongs to another manufacturer is refused.
 */
import { firstRefusedCharacter, isGtinUnderPrefix } from "@tracemed/codes";
import type { Db } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";
import { readGtinInput } from "./gtinInput";

export interface ProductInput {
  gtin: string;
  name: string;
  strength: string;
  dosageForm: string;
  packSize: string;
}

const LIMITS = { name: 120, strength: 60, dosageForm: 60, packSize: 60 } as const;

/** The GTIN-14 of typed input, or a 400 naming what is wrong. */
export function parseGtin(raw: unknown): string {
  const r = readGtinInput(typeof raw === "string" ? raw : "");
  switch (r.status) {
    case "valid":
      return r.gtin14;
    case "empty":
      throw new DomainError("GtinMissing", "Enter the product's GTIN.");
    case "not_digits":
      throw new DomainError("GtinNotDigits", `A GTIN has only digits; character ${r.position} is not one.`);
    case "too_long":
      throw new DomainError("GtinLength", `A GTIN has 8, 12, 13 or 14 digits, not ${r.digits}.`);
    case "incomplete":
      throw new DomainError("GtinLength", `A GTIN has 8, 12, 13 or 14 digits, not ${r.digits}.`);
    case "wrong_check_digit":
      throw new DomainError(
        "GtinCheckDigit",
        `The GTIN's check digit should be ${r.expected}, not ${r.found}: check the number on the artwork.`,
      );
  }
}

/** Trims and checks the descriptive fields; every one is required. */
export function parseProductFields(body: unknown): Omit<ProductInput, "gtin"> {
  const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const out = {} as Record<keyof typeof LIMITS, string>;
  for (const [field, max] of Object.entries(LIMITS) as [keyof typeof LIMITS, number][]) {
    const value = typeof b[field] === "string" ? (b[field] as string).trim() : "";
    if (!value) throw new DomainError("FieldMissing", `Fill in the ${FIELD_WORDS[field]}.`, { field });
    if (value.length > max)
      throw new DomainError("FieldTooLong", `The ${FIELD_WORDS[field]} must be at most ${max} characters.`, { field });
    // The ledger's rule for names: a NUL made PostgreSQL fail the request (a 503), and control,
    // bidirectional and invisible characters can fake what a pack's page shows.
    const bad = firstRefusedCharacter(value);
    if (bad)
      throw new DomainError(
        "FieldCharacter",
        `The ${FIELD_WORDS[field]} contains ${bad.label} at character ${bad.character}: control, invisible and bidirectional characters cannot be shown safely.`,
        { field },
      );
    out[field] = value;
  }
  return out;
}

const FIELD_WORDS = { name: "name", strength: "strength", dosageForm: "dosage form", packSize: "pack size" };

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

/** Creates a product of `account`; an existing GTIN is refused (edit it instead), as is one outside its prefixes. */
export async function createProduct(db: Db, account: string, body: unknown) {
  const b = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const gtin = parseGtin(b.gtin);
  const fields = parseProductFields(body);
  const existing = await db.product.findUnique({ where: { gtin } });
  assertOwner(existing, account, gtin);
  if (existing) throw new DomainError("ProductExists", `The GTIN ${gtin} is already one of your products; edit it.`);
  await assertGtinUnderPrefixes(db, account, gtin);
  return db.product.create({ data: { gtin, ...fields, manufacturerAccount: account.toLowerCase() } });
}

/** Edits one of `account`'s products (the GTIN itself is the key and does not change). */
export async function updateProduct(db: Db, account: string, gtinRaw: string, body: unknown) {
  const gtin = parseGtin(gtinRaw);
  const fields = parseProductFields(body);
  const existing = await db.product.findUnique({ where: { gtin } });
  if (!existing) throw new DomainError("ProductNotFound", `There is no product with the GTIN ${gtin}.`);
  assertOwner(existing, account, gtin);
  return db.product.update({ where: { gtin }, data: fields });
}

export function listProducts(db: Db, account: string) {
  return db.product.findMany({ where: { manufacturerAccount: account.toLowerCase() }, orderBy: { name: "asc" } });
}
