/** A batch id in an address: `/api/batches/{batchId}/...` and the pharmacy's proof request. */
import * as z from "zod/mini";
import { refusing } from "./refusal";

/** 0x and 64 hexadecimal digits, returned lower-cased as stored. */
export const batchId = refusing(
  z.pipe(
    z.string().check(z.regex(/^0x[0-9a-fA-F]{64}$/)),
    z.transform((id: string) => id.toLowerCase() as `0x${string}`),
  ),
  "InvalidBatchId",
  "A batch id is 0x followed by 64 hexadecimal digits (the ledger's id of a GTIN and lot).",
);

export const batchIdParams = z.object({ batchId });
