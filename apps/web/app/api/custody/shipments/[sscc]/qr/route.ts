import { parseSscc, qrSvg } from "@tracemed/codes";
import { badRequest, handler } from "../../../../../../lib/http";
import { ssccDigitalLink } from "../../../../../../lib/custody/sscc";
import { requestOrigin } from "../../../../../../lib/custody/origin";

export const dynamic = "force-dynamic";

/** GET -> SVG of the QR holding the shipment's Digital Link `<origin>/00/<sscc>`. */
export const GET = handler(async (request: Request, ctx: { params: Promise<{ sscc: string }> }) => {
  const { sscc } = await ctx.params;
  try {
    parseSscc(sscc);
  } catch (e) {
    throw badRequest("InvalidSscc", `This is not a valid SSCC: ${(e as Error).message}`);
  }
  const svg = await qrSvg(ssccDigitalLink(requestOrigin(request.headers, request.url), sscc));
  return new Response(svg, { headers: { "content-type": "image/svg+xml", "cache-control": "private, max-age=3600" } });
});
