import { env } from "@/lib/env";
import { handler } from "@/lib/http";
import { ssccParam } from "@/lib/custody/ssccParam";

export const dynamic = "force-dynamic";

/**
 * The GS1 Digital Link of a shipment label (`/00/<sscc>`, what its QR holds). A phone camera that
 * opens it lands on the receiving page with the shipment looked up; bad syntax is a 400.
 */
export const GET = handler(async (_request: Request, ctx: { params: Promise<{ sscc: string }> }) => {
  const sscc = await ssccParam(ctx.params, "InvalidDigitalLink");
  // On the configured origin, never the Host the client sent (a cache in front would keep the redirect).
  return Response.redirect(`${env.PUBLIC_ORIGIN.origin}/receive?sscc=${sscc}`, 307);
});
