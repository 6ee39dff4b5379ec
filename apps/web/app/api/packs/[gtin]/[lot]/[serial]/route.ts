import { db } from "@/lib/db";
import { handler, json, parseInput } from "@/lib/http";
import { packPathParams } from "@/lib/inputs/pack";
import { packInfo } from "@tracemed/verification/packInfo";
import { statusGuard } from "@/lib/verification";

export const dynamic = "force-dynamic";

/** GET the public facts of a scanned pack (no PIN needed): product, batch, expiry, status. */
export const GET = handler(
  async (_request: Request, ctx: { params: Promise<{ gtin: string; lot: string; serial: string }> }) => {
    const info = await packInfo(db(), parseInput(packPathParams, await ctx.params), undefined, await statusGuard());
    return json(info, { status: info.known ? 200 : 404, headers: { "cache-control": "no-store" } });
  },
);
