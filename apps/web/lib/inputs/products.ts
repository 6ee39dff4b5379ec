/**
 * A manufacturer's product (built by the products form; read by POST /api/manufacturer/products
 * and PUT /api/manufacturer/products/{gtin}). Every problem is a 400 naming the field.
 */
import { firstRefusedCharacter } from "@tracemed/codes/browser";
import * as z from "zod/mini";
import { readGtinInput } from "@tracemed/registration/gtinInput";
import type { RefusalCtx } from "@tracemed/errors/refusal";
import { refuse, refusing } from "./refusal";

/** A GTIN as typed (spaces, dashes and full-width digits accepted), returned as GTIN-14. */
export const gtin = refusing(
  z.pipe(
    z.string(),
    z.transform((raw: string, ctx) => {
      const r = readGtinInput(raw);
      switch (r.status) {
        case "valid":
          return r.gtin14;
        case "empty":
          refuse(ctx, "GtinMissing", "Enter the product's GTIN.");
          break;
        case "not_digits":
          refuse(ctx, "GtinNotDigits", `A GTIN has only digits; character ${r.position} is not one.`);
          break;
        case "too_long":
        case "incomplete":
          refuse(ctx, "GtinLength", `A GTIN has 8, 12, 13 or 14 digits, not ${r.digits}.`);
          break;
        case "wrong_check_digit":
          refuse(
            ctx,
            "GtinCheckDigit",
            `The GTIN's check digit should be ${r.expected}, not ${r.found}: check the number on the artwork.`,
          );
          break;
      }
      return z.NEVER;
    }),
  ),
  "GtinMissing",
  "Enter the product's GTIN.",
);

/**
 * The rules of every descriptive field, for a trimmed non-empty value: at most `max` characters, none
 * the ledger refuses in names, and (the approval number) only the characters `allowed` admits.
 */
function checkText(ctx: RefusalCtx, word: string, value: string, max: number, allowed?: RegExp) {
  if (value.length > max) refuse(ctx, "FieldTooLong", `The ${word} must be at most ${max} characters.`);
  else {
    // The ledger's rule for names: a NUL made PostgreSQL fail the request (a 503), and control,
    // bidirectional and invisible characters can fake what a pack's page shows.
    const bad = firstRefusedCharacter(value);
    if (bad)
      refuse(
        ctx,
        "FieldCharacter",
        `The ${word} contains ${bad.label} at character ${bad.character}: control, invisible and bidirectional characters cannot be shown safely.`,
      );
    else if (allowed && !allowed.test(value))
      refuse(ctx, "FieldCharacter", `The ${word} may hold only letters, digits, spaces and / - . ( ).`);
    else return value;
  }
  return z.NEVER;
}

/** A descriptive field, trimmed: required. */
function productText(word: string, max: number) {
  return refusing(
    z.pipe(
      z.string(),
      z.transform((raw: string, ctx) => {
        const value = raw.trim();
        if (value) return checkText(ctx, word, value, max);
        refuse(ctx, "FieldMissing", `Fill in the ${word}.`);
        return z.NEVER;
      }),
    ),
    "FieldMissing",
    `Fill in the ${word}.`,
  );
}

/** A descriptive field that may be left empty (then null: pages fall back to the other language). */
export function optionalText(word: string, max: number, allowed?: RegExp) {
  return refusing(
    z.pipe(
      z.optional(z.nullable(z.string())),
      z.transform((raw: string | null | undefined, ctx) => {
        const value = (raw ?? "").trim();
        return value ? checkText(ctx, word, value, max, allowed) : null;
      }),
    ),
    "FieldCharacter",
    `The ${word} must be text.`,
  );
}

/** The longest each descriptive field may be (the form's maxLength). */
export const PRODUCT_FIELD_LIMITS = {
  name: 120,
  nameZh: 120,
  brand: 120,
  brandZh: 120,
  strength: 60,
  dosageForm: 60,
  dosageFormZh: 60,
  packSize: 60,
  packSizeZh: 60,
  approvalNumber: 40,
} as const;

/**
 * A marketing authorisation number as regulators print it: 国药准字H20003263 (China), EU/1/96/007/001,
 * PL 00289/0123 (UK), 19912 (US NDA): letters of any script, digits, spaces and / - . ( ).
 */
const APPROVAL_NUMBER = /^[\p{L}\p{N}][\p{L}\p{N} /.()-]*$/u;

const fields = {
  name: productText("generic name", PRODUCT_FIELD_LIMITS.name),
  nameZh: optionalText("Chinese generic name", PRODUCT_FIELD_LIMITS.nameZh),
  brand: optionalText("brand name", PRODUCT_FIELD_LIMITS.brand),
  brandZh: optionalText("Chinese brand name", PRODUCT_FIELD_LIMITS.brandZh),
  strength: productText("strength", PRODUCT_FIELD_LIMITS.strength),
  dosageForm: productText("dosage form", PRODUCT_FIELD_LIMITS.dosageForm),
  dosageFormZh: optionalText("Chinese dosage form", PRODUCT_FIELD_LIMITS.dosageFormZh),
  packSize: productText("pack size", PRODUCT_FIELD_LIMITS.packSize),
  packSizeZh: optionalText("Chinese pack size", PRODUCT_FIELD_LIMITS.packSizeZh),
  approvalNumber: optionalText("approval number", PRODUCT_FIELD_LIMITS.approvalNumber, APPROVAL_NUMBER),
};

/** One field's schema, for checking it as typed. */
export const productField = fields;

/** PUT /api/manufacturer/products/{gtin}: the descriptive fields (the GTIN is the key). */
export const productFields = refusing(z.object(fields), "FieldMissing", "Fill in the generic name.");

/** POST /api/manufacturer/products: a new product. */
export const productRequest = refusing(z.object({ gtin, ...fields }), "GtinMissing", "Enter the product's GTIN.");

/** `/api/manufacturer/products/{gtin}` */
export const productParams = z.object({ gtin });

export type ProductRequest = z.input<typeof productRequest>;
