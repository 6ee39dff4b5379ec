import { db } from "@/lib/db";
import { handler, json, parseInput } from "@/lib/http";
import { batchIdParams } from "@/lib/inputs/batch";
import { batchProvenance } from "@tracemed/provenance/provenance";
import { batchAudience, batchView } from "@tracemed/provenance/readPolicy";
import { getSession } from "@/lib/session/server";
import { confirmProvenance } from "@tracemed/verification/chainStatus";
import { statusGuard } from "@/lib/verification";

export const dynamic = "force-dynamic";

/**
 * GET /api/batches/{batchId}/provenance: for the batch's parties and the regulator, every hop, split,
 * holding and status change (`view: "full"`); for anyone else what a pack's consumer page shows
 * (`view: "public"`), as lib/readPolicy.ts says.
 */
export const GET = handler(async (_request: Request, { params }: { params: Promise<{ batchId: string }> }) => {
  const { batchId } = parseInput(batchIdParams, await params);
  const provenance = await confirmProvenance(await batchProvenance(db(), batchId), await statusGuard());
  const audience = await batchAudience(db(), (await getSession())?.organisation ?? null, batchId);
  return json(batchView(provenance, audience), { headers: { "cache-control": "no-store" } });
});
