import { db } from "@/lib/db";
import { handler, json } from "@/lib/http";
import { packInfo } from "@tracemed/verification/packInfo";
import { statusGuard } from "@/lib/verification";

export const dynamic = "force-dynamic";

/** GET the public facts of a scanned pack (no PIN needed): product, batch, expiry, status. */
export const GET = handler(
  async (_request: Request, ctx: { params: Promise<{ gtin: string; lot: string; serial: string }> }) => {
    const p = await ctx.params;
    const info = await packInfo(
      db(),
      {
        gtin: decodeURIComponent(p.gtin),
        lot: decodeURIComponent(p.lot),
        serial: decodeURIComponent(p.serial),
      },
      undefined,
      await statusGuard(),
    );
    return json(info, { status: info.known ? 200 : 404, headers: { "cache-control": "no-store" } });
  },
);
