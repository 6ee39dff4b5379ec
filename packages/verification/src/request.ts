/**
 * POST /api/verify: a consumer's check of a pack with its PIN. Read by the web app's route and by
 * the lean verification service (apps/verify); built by the pack page's PIN form.
 */
import { refusing } from "@tracemed/errors/refusal";
import * as z from "zod/mini";

/** A pack's key as a consumer's page sends it, unchecked but bounded (verifyPack and storeReport check it). */
export const sentPack = {
  gtin: z.string().check(z.maxLength(20)),
  lot: z.string().check(z.maxLength(40)),
  serial: z.string().check(z.maxLength(40)),
};

export const verifyRequest = refusing(
  z.object({
    ...sentPack,
    pin: z.string().check(z.maxLength(64)),
    /** the expiry the scanned code carried (AI 17), checked against the ledger's */
    expiry: z.optional(z.nullable(z.string().check(z.regex(/^\d{6}$/)))),
  }),
  "InvalidRequest",
  "Send gtin, lot, serial and pin as strings, and expiry, if the code carried one, as its six digits YYMMDD.",
);

export type VerifyRequest = z.input<typeof verifyRequest>;
