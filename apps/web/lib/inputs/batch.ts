/** A batch id in an address: `/api/batches/{batchId}/...` and the pharmacy's proof request. */
import * as z from "zod/mini";
import { parseBatchId } from "@tracemed/provenance/packKey";
import { domainRule, refusing } from "./refusal";

/** 0x and 64 hexadecimal digits, returned lower-cased as stored (parseBatchId's rule). */
export const batchId = refusing(
  z.pipe(
    z.string(),
    z.transform((id: string, ctx) => (domainRule(ctx, () => parseBatchId(id)) as `0x${string}` | undefined) ?? z.NEVER),
  ),
  "InvalidBatchId",
  "A batch id is 0x followed by 64 hexadecimal digits (the ledger's id of a GTIN and lot).",
);

export const batchIdParams = z.object({ batchId });
