/**
 * POST /api/verify: a consumer's check of a pack with its PIN. Read by the web route and by the
 * lean verification service (apps/web/server/verify.ts); built by the pack page's PIN form.
 */
import * as z from "zod/mini";
import { sentPack } from "./pack";
import { refusing } from "./refusal";

export const verifyRequest = refusing(
  z.object({
    ...sentPack,
    pin: z.string().check(z.maxLength(64)),
  }),
  "InvalidRequest",
  "Send gtin, lot, serial and pin as strings.",
);

export type VerifyRequest = z.input<typeof verifyRequest>;
