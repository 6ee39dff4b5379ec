import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { batchEpcisDocument } from "@tracemed/epcis/export";
import { handler, json, parseInput } from "@/lib/http";
import { batchIdParams } from "@/lib/inputs/batch";
import { requireBatchParty } from "@tracemed/provenance/readPolicy";
import { requestSession } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * GET /api/batches/{batchId}/epcis: the batch's custody history as an EPCIS 2.0 JSON-LD document. Full
 * custody data: only for the batch's parties and the regulator (lib/readPolicy.ts).
 */
export const GET = handler(async (request: Request, { params }: { params: Promise<{ batchId: string }> }) => {
  const { batchId } = parseInput(batchIdParams, await params);
  await requireBatchParty(db(), (await requestSession(request))?.organisation ?? null, batchId);
  const document = await batchEpcisDocument(db(), batchId, { origin: env.PUBLIC_ORIGIN.origin });
  return json(document, {
    headers: {
      "content-type": "application/ld+json; charset=utf-8",
      "content-disposition": `attachment; filename="epcis-${batchId}.jsonld"`,
      "cache-control": "no-store",
    },
  });
});
