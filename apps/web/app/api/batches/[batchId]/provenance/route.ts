import { db } from "../../../../../lib/db";
import { handler, json } from "../../../../../lib/http";
import { batchProvenance } from "../../../../../lib/provenance";

export const dynamic = "force-dynamic";

/** GET /api/batches/{batchId}/provenance: every hop, split, holding and status change of a batch. */
export const GET = handler(async (_request: Request, { params }: { params: Promise<{ batchId: string }> }) => {
  const { batchId } = await params;
  return json(await batchProvenance(db(), batchId), { headers: { "cache-control": "no-store" } });
});
