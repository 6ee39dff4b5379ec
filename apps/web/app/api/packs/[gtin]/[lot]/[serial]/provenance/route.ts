import { db } from "../../../../../../../lib/db";
import { handler, json } from "../../../../../../../lib/http";
import { packProvenance, parsePackKey } from "../../../../../../../lib/provenance";

export const dynamic = "force-dynamic";

type Params = { gtin: string; lot: string; serial: string };

/** GET /api/packs/{gtin}/{lot}/{serial}/provenance: one pack's path, dispense and first consumer verification. */
export const GET = handler(async (_request: Request, { params }: { params: Promise<Params> }) => {
  const { batchId, serial } = parsePackKey(await params);
  return json(await packProvenance(db(), batchId, serial), { headers: { "cache-control": "no-store" } });
});
