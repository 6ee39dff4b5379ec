/** Consumer reports: a consumer's report of a suspicious pack, and the staff's list of them. */
import * as z from "zod/mini";
import { sentPack } from "@tracemed/verification/request";
import { refusing } from "./refusal";

/** POST /api/reports (built by the pack page's report form); the pack, category and text are judged on storing. */
export const reportRequest = refusing(
  z.object({
    ...sentPack,
    category: z.string().check(z.maxLength(40)),
    text: z.string().check(z.maxLength(4000)),
    contact: z.nullish(z.string().check(z.maxLength(400))),
  }),
  "InvalidRequest",
  "Send gtin, lot, serial, category and text as strings.",
);

export type ReportRequest = z.input<typeof reportRequest>;

/** GET /api/reports?batchId=...: an empty batchId is no filter. */
export const reportQuery = z.object({
  batchId: z.pipe(
    z.optional(z.string()),
    z.transform((id: string | undefined) => id || undefined),
  ),
});
