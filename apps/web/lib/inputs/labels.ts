/** A batch's print files: `/api/manufacturer/batches/{batchId}/labels[/{kind}]` (linked from the batch page). */
import type { PrintFileKind } from "@tracemed/registration/printFiles";
import * as z from "zod/mini";
import { refusing } from "./refusal";

/** The registration package's PRINT_FILE_KINDS, written out: its module reads files (labels.test.ts compares them). */
const KINDS = ["sheets", "rolls", "csv"] as const satisfies readonly PrintFileKind[];

/** The batch id as given, lower-cased as stored (an id no batch has is the batch's 404, not a 400). */
const batchId = z.pipe(
  z.string(),
  z.transform((id: string) => id.toLowerCase()),
);

export const printFilesParams = z.object({ batchId });

export const printFileParams = z.object({
  batchId,
  kind: refusing(z.enum(KINDS), "UnknownPrintFile", "Print files are sheets, rolls or csv."),
});
