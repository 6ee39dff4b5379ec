import { logisticLabelPdf } from "@tracemed/codes";
import { handler, parseInput, DomainError } from "@/lib/http";
import { ssccParams } from "@/lib/inputs/custody";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { expiryYymmdd, logisticLabelInput } from "@/lib/labels/logisticLabel";
import { unitAtDesk, unitLabelParties } from "@tracemed/provenance/unitDesk";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * GET -> the unit's GS1 logistic label as a print-ready PDF (4 x 6 in): GS1-128 of AI (00), the SSCC's Digital Link
 * QR, from and to (to: empty until shipped), contents from the unit. Visible as the unit is (else 404).
 */
export const GET = handler(async (request: Request, ctx: { params: Promise<{ sscc: string }> }) => {
  const org = await requireOrganisation(request, ["MANUFACTURER", "DISTRIBUTOR", "PHARMACY", "REGULATOR"]);
  const { sscc } = parseInput(ssccParams, await ctx.params);
  const d = db();
  const found = await unitAtDesk(d, org, sscc);
  const contents = (found?.unit.contents ?? []).map((c) => ({
    gtin: c.gtin,
    lot: c.lot,
    expiry: expiryYymmdd(c.expiry),
    count: c.quantity,
  }));
  const input = found
    ? await logisticLabelInput(d, { sscc, ...unitLabelParties(found), contents }, { origin: env.PUBLIC_ORIGIN.origin })
    : null;
  if (!input) throw new DomainError("UnitNotFound", `No case or pallet with SSCC ${sscc} is known to you.`);
  const pdf = await logisticLabelPdf(input);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `inline; filename="sscc-${sscc}.pdf"`,
      "cache-control": "private, no-store",
    },
  });
});
