import { db } from "@/lib/db";
import { handler, parseInput } from "@/lib/http";
import { batchIdParams } from "@/lib/inputs/batch";
import { batchProvenanceWithDispenses } from "@tracemed/provenance/provenance";
import { requireBatchParty } from "@tracemed/provenance/readPolicy";
import { provenanceCsv } from "@tracemed/provenance/csv";
import { requestSession } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * GET /api/batches/{batchId}/csv: the batch's custody history as CSV, one row per ledger event
 * (dispenses and their undo included). Full custody data: only for the batch's parties and the
 * regulator (lib/readPolicy.ts).
 */
export const GET = handler(async (request: Request, { params }: { params: Promise<{ batchId: string }> }) => {
  const { batchId } = parseInput(batchIdParams, await params);
  await requireBatchParty(db(), (await requestSession(request))?.organisation ?? null, batchId);
  const provenance = await batchProvenanceWithDispenses(db(), batchId);
  const name = `provenance-${provenance.batch.gtin}-${provenance.batch.lot.replace(/[^A-Za-z0-9._-]/g, "_")}.csv`;
  return new Response(provenanceCsv(provenance), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
});
