import { qrSvg } from "@tracemed/codes";
import { handler, parseInput } from "@/lib/http";
import { ssccParams } from "@/lib/inputs/custody";
import { ssccDigitalLink } from "@tracemed/codes/browser";
import { env } from "@/lib/env";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/** GET -> SVG of the QR holding the shipment's Digital Link `<origin>/00/<sscc>`. */
export const GET = handler(async (request: Request, ctx: { params: Promise<{ sscc: string }> }) => {
  await requireOrganisation(request, ["MANUFACTURER", "DISTRIBUTOR", "PHARMACY"]);
  const { sscc } = parseInput(ssccParams, await ctx.params);
  const svg = await qrSvg(ssccDigitalLink(env.PUBLIC_ORIGIN.origin, sscc));
  return new Response(svg, { headers: { "content-type": "image/svg+xml", "cache-control": "private, max-age=3600" } });
});
