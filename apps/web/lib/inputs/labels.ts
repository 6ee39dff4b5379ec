/** A batch's print files: `/api/manufacturer/batches/{batchId}/labels[/{kind}]` (linked from the batch page). */
import * as z from "zod/mini";
import { refusing } from "./refusal";

export const PRINT_FILE_KINDS = ["sheets", "rolls", "csv"] as const;
export type PrintFileKind = (typeof PRINT_FILE_KINDS)[number];

/** The batch id as given, lower-cased as stored (an id no batch has is the batch's 404, not a 400). */
const batchId = z.pipe(
  z.string(),
  z.transform((id: string) => id.toLowerCase()),
);

export const printFilesParams = z.object({ batchId });

export const printFileParams = z.object({
  batchId,
  kind: refusing(z.enum(PRINT_FILE_KINDS), "UnknownPrintFile", "Print files are sheets, rolls or csv.", 404),
});
