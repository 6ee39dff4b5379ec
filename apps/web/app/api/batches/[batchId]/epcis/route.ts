import { db } from "../../../../../lib/db";
import { env } from "../../../../../lib/env";
import { batchEpcisDocument } from "../../../../../lib/epcis";
import { handler, json } from "../../../../../lib/http";
import { parseBatchId } from "../../../../../lib/provenance";

export const dynamic = "force-dynamic";

/** GET /api/batches/{batchId}/epcis: the batch's custody history as an EPCIS 2.0 JSON-LD document. */
export const GET = handler(async (_request: Request, { params }: { params: Promise<{ batchId: string }> }) => {
  const batchId = parseBatchId((await params).batchId);
  const document = await batchEpcisDocument(db(), batchId, { origin: env.PUBLIC_ORIGIN.origin });
  return json(document, {
    headers: {
      "content-type": "application/ld+json; charset=utf-8",
      "content-disposition": `attachment; filename="epcis-${batchId}.jsonld"`,
      "cache-control": "no-store",
    },
  });
});
