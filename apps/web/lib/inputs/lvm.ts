/**
 * GET /api/lvm/01/{gtin}/10/{lot}/21/{serial}?exp=&reqGLN=&corrUUID=&context=&linkType= (GS1
 * Lightweight Verification Messaging): what the query says. The identifiers, expiry, GLN and UUID
 * are judged with the request (lib/lvm.ts); over HTTP the requestor must say who it is.
 */
import * as z from "zod/mini";
import { refuse } from "./refusal";

const LINK_TYPES = new Set([
  "verificationService",
  "gs1:verificationService",
  "https://gs1.org/voc/verificationService",
]);

const query = z.object({
  linkType: z.optional(z.string()),
  exp: z.optional(z.string()),
  /** the Digital Link attribute for the expiry */
  17: z.optional(z.string()),
  reqGLN: z.optional(z.string()),
  corrUUID: z.optional(z.string()),
  context: z.optional(z.string()),
});

export const lvmQuery = z.pipe(
  query,
  z.transform((q: z.output<typeof query>, ctx) => {
    if (q.linkType !== undefined && !LINK_TYPES.has(q.linkType))
      refuse(ctx, "UnsupportedLinkType", `linkType "${q.linkType}" is not served here; use verificationService.`);
    else if (q.exp !== undefined && q[17] !== undefined && q.exp !== q[17])
      refuse(ctx, "ConflictingExpiry", "exp and 17 both give an expiry, and they differ; send one.");
    else if (!q.reqGLN)
      refuse(ctx, "RequestorUnknown", "Say who is asking: reqGLN must be the GLN of an organisation on this network.");
    else
      return {
        exp: q.exp ?? q[17] ?? "",
        reqGLN: q.reqGLN,
        ...(q.corrUUID === undefined ? {} : { corrUUID: q.corrUUID }),
        ...(q.context === undefined ? {} : { context: q.context }),
      };
    return z.NEVER;
  }),
);
