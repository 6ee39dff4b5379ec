import { db } from "@/lib/db";
import { handler, json, parseInput } from "@/lib/http";
import { packKeyParams } from "@/lib/inputs/pack";
import { packProvenance } from "@tracemed/provenance/provenance";
import { batchAudience, packView } from "@tracemed/provenance/readPolicy";
import { getSession } from "@/lib/session/server";
import { confirmProvenance } from "@tracemed/verification/chainStatus";
import { statusGuard } from "@/lib/verification";

export const dynamic = "force-dynamic";

type Params = { gtin: string; lot: string; serial: string };

/**
 * GET /api/packs/{gtin}/{lot}/{serial}/provenance: one pack's path, dispense and first consumer
 * verification for its batch's parties and the regulator (`view: "full"`); for anyone else what
 * the pack's consumer page shows (`view: "public"`), as lib/readPolicy.ts says.
 */
export const GET = handler(async (_request: Request, { params }: { params: Promise<Params> }) => {
  const { batchId, serial } = parseInput(packKeyParams, await params);
  const found = await packProvenance(db(), batchId, serial);
  const provenance = { ...found, batch: await confirmProvenance(found.batch, await statusGuard()) };
  const audience = await batchAudience(db(), (await getSession())?.organisation ?? null, batchId);
  return json(packView(provenance, audience), { headers: { "cache-control": "no-store" } });
});
