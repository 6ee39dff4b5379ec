import { logisticLabelPdf } from "@tracemed/codes";
import { DomainError } from "@tracemed/errors";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { handler } from "@/lib/http";
import { ssccParam } from "@/lib/custody/ssccParam";
import { logisticLabelFor } from "@/lib/labels/logisticLabel";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * GET /ship/label/{sscc}/pdf: the shipment's GS1 logistic label as a print-ready PDF (4 x 6 in), for
 * the shipment's sender and recipient only (404 for anyone else, as for an SSCC nobody used).
 */
export const GET = handler(async (request: Request, { params }: { params: Promise<{ sscc: string }> }) => {
  const org = await requireOrganisation(request, ["MANUFACTURER", "DISTRIBUTOR", "PHARMACY"]);
  const sscc = await ssccParam(params, "InvalidSscc");
  const input = await logisticLabelFor(db(), org.account, sscc, { origin: env.PUBLIC_ORIGIN.origin });
  if (!input) throw new DomainError("NotFound", "No shipment with this SSCC is known to you.");
  return new Response(new Uint8Array(await logisticLabelPdf(input)), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="sscc-${sscc}.pdf"`,
      "cache-control": "no-store",
    },
  });
});
