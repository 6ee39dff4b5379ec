/**
 * A manufacturer's product (built by the products form; read by POST /api/manufacturer/products
 * and PUT /api/manufacturer/products/{gtin}). Every problem is a 400 naming the field.
 */
import { firstRefusedCharacter } from "@tracemed/codes/browser";
import * as z from "zod/mini";
import { readGtinInput } from "@tracemed/registration/gtinInput";
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

/** A descriptive field, trimmed: required, at most `max` characters, none the ledger refuses in names. */
function productText(word: string, max: number) {
  return refusing(
    z.pipe(
      z.string(),
      z.transform((raw: string, ctx) => {
        const value = raw.trim();
        if (!value) refuse(ctx, "FieldMissing", `Fill in the ${word}.`);
        else if (value.length > max) refuse(ctx, "FieldTooLong", `The ${word} must be at most ${max} characters.`);
        else {
          // The ledger's rule for names: a NUL made PostgreSQL fail the request (a 503), and control,
          // bidirectional and invisible characters can fake what a pack's page shows.
          const bad = firstRefusedCharacter(value);
          if (!bad) return value;
          refuse(
            ctx,
            "FieldCharacter",
            `The ${word} contains ${bad.label} at character ${bad.character}: control, invisible and bidirectional characters cannot be shown safely.`,
          );
        }
        return z.NEVER;
      }),
    ),
    "FieldMissing",
    `Fill in the ${word}.`,
  );
}

/** The longest each descriptive field may be (the form's maxLength). */
export const PRODUCT_FIELD_LIMITS = { name: 120, strength: 60, dosageForm: 60, packSize: 60 } as const;

const fields = {
  name: productText("name", PRODUCT_FIELD_LIMITS.name),
  strength: productText("strength", PRODUCT_FIELD_LIMITS.strength),
  dosageForm: productText("dosage form", PRODUCT_FIELD_LIMITS.dosageForm),
  packSize: productText("pack size", PRODUCT_FIELD_LIMITS.packSize),
};

/** PUT /api/manufacturer/products/{gtin}: the descriptive fields (the GTIN is the key). */
export const productFields = refusing(z.object(fields), "FieldMissing", "Fill in the name.");

/** POST /api/manufacturer/products: a new product. */
export const productRequest = refusing(z.object({ gtin, ...fields }), "GtinMissing", "Enter the product's GTIN.");

/** `/api/manufacturer/products/{gtin}` */
export const productParams = z.object({ gtin });

export type ProductRequest = z.input<typeof productRequest>;
