/**
 * Registering a batch (built by the register-batch form; read by POST /api/manufacturer/registrations
 * and the routes of one registration). Every problem is a 400 with a sentence.
 */
import { firstNonCset82 } from "@tracemed/codes/browser";
import * as z from "zod/mini";
import { gtin } from "./products";
import { refuse, refusing } from "./refusal";

/** The most packs one registration makes (memory ~130 bytes a pack while generating; labels take longest). */
export const MAX_PACKS = 1_000_000;

const lot = refusing(
  z.pipe(
    z.string(),
    z.transform((raw: string, ctx) => {
      const value = raw.trim();
      const bad = firstNonCset82(value);
      if (!value) refuse(ctx, "LotMissing", "Enter the lot (batch) number.");
      else if (value.length > 20) refuse(ctx, "LotTooLong", "A lot number has at most 20 characters.");
      else if (bad >= 0)
        refuse(
          ctx,
          "LotCharacter",
          `The lot number cannot contain "${value[bad]}" (character ${bad + 1}): use letters, digits and - . / _ only.`,
        );
      else return value;
      return z.NEVER;
    }),
  ),
  "LotMissing",
  "Enter the lot (batch) number.",
);

/** YYYY-MM-DD, a calendar date after today and at most 49 years ahead (printed as YYMMDD). */
const expiryDate = refusing(
  z.pipe(
    z.string(),
    z.transform((value: string, ctx) => {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      const date = m ? new Date(`${value}T00:00:00Z`) : null;
      const today = new Date();
      if (!m || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value)
        refuse(ctx, "ExpiryInvalid", "Enter the expiry date as a calendar date.");
      else if (value <= today.toISOString().slice(0, 10))
        refuse(ctx, "ExpiryPast", "The expiry date must be after today.");
      else if (Number(m[1]) > today.getUTCFullYear() + 49)
        refuse(ctx, "ExpiryTooFar", "An expiry date more than 49 years ahead cannot be printed as YYMMDD.");
      else return { expiryDate: value, expiry: `${m[1]!.slice(2)}${m[2]}${m[3]}` };
      return z.NEVER;
    }),
  ),
  "ExpiryInvalid",
  "Enter the expiry date as a calendar date.",
);

/** A whole number of packs, sent as a number or as the digits typed. */
const packCount = refusing(
  z.pipe(
    z.union([z.number(), z.string()]),
    z.pipe(
      z.transform((n: number | string) => Number(n)),
      z.int().check(z.minimum(1), z.maximum(MAX_PACKS)),
    ),
  ),
  "PackCount",
  `The number of packs must be a whole number from 1 to ${MAX_PACKS.toLocaleString("en")}.`,
);

/**
 * The manufacturer's own serial numbers, one a pack (its packaging line's or contract manufacturer's),
 * instead of generated ones. Each is checked against the pack count by the registration (the refusal names
 * the line); here only the shape.
 */
const serials = refusing(
  z.array(z.string()).check(z.maxLength(MAX_PACKS)),
  "SerialInvalid",
  `serials must be a list of at most ${MAX_PACKS.toLocaleString("en")} serial numbers (strings), one a pack.`,
);

/** The largest body POST /api/manufacturer/registrations takes: a million serials of 20 characters, as JSON. */
export const MAX_REGISTRATION_BYTES = 24 * 1024 * 1024;

/** POST /api/manufacturer/registrations */
export const registrationRequest = refusing(
  z.pipe(
    z.object({ gtin, lot, expiryDate, packCount, serials: z.optional(serials) }),
    z.transform(
      ({
        expiryDate,
        ...rest
      }: {
        gtin: string;
        lot: string;
        packCount: number;
        serials?: string[];
        expiryDate: { expiryDate: string; expiry: string };
      }) => ({
        ...rest,
        ...expiryDate,
      }),
    ),
  ),
  "GtinMissing",
  "Enter the product's GTIN.",
);

export type RegistrationRequestInput = z.input<typeof registrationRequest>;

/** `/api/manufacturer/registrations/{id}` */
export const registrationParams = z.object({ id: z.string() });

/** POST /api/manufacturer/registrations/{id}/submitted: the registerBatch transaction the wallet sent. */
export const submittedRequest = refusing(
  z.object({
    txHash: z.pipe(
      z.string().check(z.regex(/^0x[0-9a-fA-F]{64}$/)),
      z.transform((hash: string) => hash.toLowerCase() as `0x${string}`),
    ),
  }),
  "TxHash",
  "txHash must be a 32-byte transaction hash.",
);

export type SubmittedRequest = z.input<typeof submittedRequest>;
