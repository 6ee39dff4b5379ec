/**
 * A product's patient leaflet (built by the products form; read by PUT/DELETE
 * /api/manufacturer/products/{gtin}/leaflets/{locale} and GET /leaflet/{gtin}/{locale}).
 */
import * as z from "zod/mini";
import { isLeafletLocale, leafletLinkProblem } from "@tracemed/verification/leaflet";
import { gtin } from "./products";
import { refuse, refusing } from "./refusal";

/** en or zh-CN */
export const leafletLocale = refusing(
  z.pipe(
    z.string(),
    z.transform((raw: string, ctx) => {
      if (isLeafletLocale(raw)) return raw;
      refuse(ctx, "LeafletLocale", "A leaflet's language is en (English) or zh-CN (Chinese).");
      return z.NEVER;
    }),
  ),
  "LeafletLocale",
  "A leaflet's language is en (English) or zh-CN (Chinese).",
);

/** `/leaflet/{gtin}/{locale}` and `/api/manufacturer/products/{gtin}/leaflets/{locale}` */
export const leafletParams = z.object({ gtin, locale: leafletLocale });

const LINK_SENTENCE = {
  "not-https": "The leaflet link must be a full https:// address.",
  "too-long": "The leaflet link must be at most 2000 characters.",
  credentials: "The leaflet link must not carry a user name or password.",
} as const;

/** PUT .../leaflets/{locale} as JSON: a link to the manufacturer's own copy. */
export const leafletLink = refusing(
  z.object({
    url: z.pipe(
      z.string(),
      z.transform((raw: string, ctx) => {
        const url = raw.trim();
        const problem = leafletLinkProblem(url);
        if (!problem) return url;
        refuse(ctx, "LeafletLinkInvalid", LINK_SENTENCE[problem]);
        return z.NEVER;
      }),
    ),
  }),
  "LeafletLinkInvalid",
  "Give the leaflet link as a full https:// address.",
);
