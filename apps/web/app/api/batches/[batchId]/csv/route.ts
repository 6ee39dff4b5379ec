import { db } from "../../../../../lib/db";
import { handler } from "../../../../../lib/http";
import { batchProvenance, parseBatchId } from "../../../../../lib/provenance";
import { requireBatchParty } from "../../../../../lib/readPolicy";
import { provenanceCsv } from "../../../../../lib/reports/provenanceCsv";
import { getSession } from "../../../../../lib/session/server";

export const dynamic = "force-dynamic";

/**
 * GET /api/batches/{batchId}/csv: the batch's custody history as CSV, one row per ledger event. Full
 * custody data: only for the batch's parties and the regulator (lib/readPolicy.ts).
 */
export const GET = handler(async (_request: Request, { params }: { params: Promise<{ batchId: string }> }) => {
  const batchId = parseBatchId((await params).batchId);
  await requireBatchParty(db(), (await getSession())?.organisation ?? null, batchId);
  const provenance = await batchProvenance(db(), batchId);
  const name = `provenance-${provenance.batch.gtin}-${provenance.batch.lot.replace(/[^A-Za-z0-9._-]/g, "_")}.csv`;
  return new Response(provenanceCsv(provenance), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
});
