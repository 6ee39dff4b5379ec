/** A pack's key as typed, scanned or put in an address: GTIN, lot and serial. */
import { readPackKey } from "@tracemed/provenance/packKey";
import * as z from "zod/mini";
import { domainRule, refuse, refusing } from "./refusal";

const fields = () =>
  z.object({
    gtin: refusing(z.string(), "InvalidGtin", "The GTIN is not valid."),
    lot: refusing(z.string(), "InvalidLot", "The lot must be 1 to 20 GS1 characters."),
    serial: refusing(z.string(), "InvalidSerial", "The serial number must be 1 to 20 GS1 characters."),
  });

/** The one reader of pack keys (@tracemed/provenance/packKey): its refusal becomes the schema's. */
const toPackKey = z.transform(
  (key: { gtin: string; lot: string; serial: string }, ctx) => domainRule(ctx, () => readPackKey(key)) ?? z.NEVER,
);

/** `/api/packs/{gtin}/{lot}/{serial}/...` and a stored report: the pack's key. */
export const packKeyParams = refusing(
  z.pipe(fields(), toPackKey),
  "InvalidRequest",
  "Give the pack's GTIN, lot and serial.",
);

/** POST /api/custody/packs/lookup: a scanned pack the pharmacy is about to dispense. */
export const packLookupRequest = refusing(z.pipe(fields(), toPackKey), "InvalidBody", "Send { gtin, lot, serial }.");

export type PackLookupRequest = z.input<typeof packLookupRequest>;

/** Percent-decoded path segments (Next.js hands them over encoded); a broken escape is a 400. */
export const packPathParams = z.pipe(
  z.object({ gtin: z.string(), lot: z.string(), serial: z.string() }),
  z.transform((p: { gtin: string; lot: string; serial: string }, ctx) => {
    try {
      return { gtin: decodeURIComponent(p.gtin), lot: decodeURIComponent(p.lot), serial: decodeURIComponent(p.serial) };
    } catch {
      refuse(ctx, "InvalidPath", "The pack path is not validly percent-encoded.");
      return z.NEVER;
    }
  }),
);
