import { handler } from "../../../lib/http";
import { ssccParam } from "../../../lib/custody/ssccParam";

export const dynamic = "force-dynamic";

/**
 * The GS1 Digital Link of a shipment label (`/00/<sscc>`, what its QR holds). A phone camera that
 * opens it lands on the receiving page with the shipment looked up; bad syntax is a 400.
 */
export const GET = handler(async (request: Request, ctx: { params: Promise<{ sscc: string }> }) => {
  const sscc = await ssccParam(ctx.params, "InvalidDigitalLink");
  const url = new URL(request.url);
  const host = request.headers.get("host") ?? url.host;
  return Response.redirect(`${url.protocol}//${host}/receive?sscc=${sscc}`, 307);
});
