import { handler, json, parseInput, DomainError } from "@/lib/http";
import { ssccParams } from "@/lib/inputs/custody";
import { db } from "@/lib/db";
import { unitAtDesk } from "@tracemed/provenance/unitDesk";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * GET -> a case or pallet: packer, holder, sealed or opened, contents by batch (deep), the cases on it, where it
 * is, and the shipments of its SSCC. Visible to its packer, its holder, the parties of a shipment of its SSCC and
 * the regulator; anyone else gets the same 404 as for an unknown SSCC.
 */
export const GET = handler(async (request: Request, ctx: { params: Promise<{ sscc: string }> }) => {
  const org = await requireOrganisation(request, ["MANUFACTURER", "DISTRIBUTOR", "PHARMACY", "REGULATOR"]);
  const { sscc } = parseInput(ssccParams, await ctx.params);
  const found = await unitAtDesk(db(), org, sscc);
  if (!found) throw new DomainError("UnitNotFound", `No case or pallet with SSCC ${sscc} is known to you.`);
  return json(found);
});
