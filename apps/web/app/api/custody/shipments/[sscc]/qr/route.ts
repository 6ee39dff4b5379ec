import { qrSvg } from "@tracemed/codes";
import { handler } from "../../../../../../lib/http";
import { ssccDigitalLink } from "../../../../../../lib/custody/sscc";
import { ssccParam } from "../../../../../../lib/custody/ssccParam";
import { requestOrigin } from "../../../../../../lib/custody/origin";

export const dynamic = "force-dynamic";

/** GET -> SVG of the QR holding the shipment's Digital Link `<origin>/00/<sscc>`. */
export const GET = handler(async (request: Request, ctx: { params: Promise<{ sscc: string }> }) => {
  const sscc = await ssccParam(ctx.params, "InvalidSscc");
  const svg = await qrSvg(ssccDigitalLink(requestOrigin(request.headers, request.url), sscc));
  return new Response(svg, { headers: { "content-type": "image/svg+xml", "cache-control": "private, max-age=3600" } });
});
