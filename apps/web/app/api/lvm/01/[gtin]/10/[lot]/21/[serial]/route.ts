import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { handler, json, parseInput, queryOf } from "@/lib/http";
import { lvmQuery } from "@/lib/inputs/lvm";
import { verifyProductIdentifier } from "@tracemed/verification/lvm";
import { statusGuard } from "@/lib/verification";

export const dynamic = "force-dynamic";

type Params = { gtin: string; lot: string; serial: string };

/**
 * GET /api/lvm/01/{gtin}/10/{lot}/21/{serial}?exp=YYMMDD&reqGLN=...&corrUUID=...&linkType=verificationService
 * GS1 Lightweight Verification Messaging, Digital Link form.
 */
export const GET = handler(async (request: Request, { params }: { params: Promise<Params> }) => {
  const lvm = { ...(await params), ...parseInput(lvmQuery, queryOf(request)) };
  const answer = await verifyProductIdentifier(db(), lvm, {
    responderGLN: env.RESPONDER_GLN,
    guard: await statusGuard(),
  });
  return json(answer, { headers: { "cache-control": "no-store" } });
});
