/** Custody inputs: the pharmacy's dispense proofs and the shipments of an SSCC. */
import { parseSscc } from "@tracemed/codes/browser";
import * as z from "zod/mini";
import { batchId } from "./batch";
import { validated } from "@tracemed/provenance/packKey";
import { domainRule, refusing } from "./refusal";

/** POST /api/custody/proofs: the packs of one batch to dispense, by their index in the batch. */
export const dispenseProofRequest = refusing(
  z.object({
    batchId,
    indices: refusing(z.array(z.int()), "InvalidIndices", "indices must be a list of pack indices."),
  }),
  "InvalidBatchId",
  "batchId must be a 32-byte hex string.",
);

export type DispenseProofRequest = z.input<typeof dispenseProofRequest>;

/** An SSCC (18 digits with its GS1 check digit), as @tracemed/codes reads it. */
export const sscc = refusing(
  z.pipe(
    z.string(),
    z.transform(
      (value: string, ctx) =>
        domainRule(ctx, () => validated("InvalidSscc", () => parseSscc(value), "This is not a valid SSCC")) ?? z.NEVER,
    ),
  ),
  "InvalidSscc",
  "This is not a valid SSCC.",
);

/** GET /api/custody/shipments?sscc=...: the shipments carrying one SSCC. */
export const shipmentQuery = z.object({ sscc });

export type ShipmentQuery = z.input<typeof shipmentQuery>;

/** `/api/custody/shipments/{sscc}/...` */
export const ssccParams = z.object({ sscc });
