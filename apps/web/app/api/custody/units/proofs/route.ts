import { handler, json, readInput, DomainError } from "@/lib/http";
import { unitProofRequest } from "@/lib/inputs/units";
import { db } from "@/lib/db";
import { unitAtDesk } from "@tracemed/provenance/unitDesk";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * POST { sscc } -> `{ sscc, receipt }`: the Receipt to pass to the LogisticUnits contract's `unpack` or `takeOver`
 * for the signed-in organisation (a received shipment of that SSCC addressed to it), or a zero receipt when it
 * holds the unit already. 404 when the unit is not its business, 409 when nothing of it was received yet.
 */
export const POST = handler(async (request: Request) => {
  const org = await requireOrganisation(request, ["MANUFACTURER", "DISTRIBUTOR", "PHARMACY"], "SHIP");
  const { sscc } = await readInput(request, unitProofRequest);
  const found = await unitAtDesk(db(), org, sscc);
  if (!found) throw new DomainError("UnitNotFound", `No case or pallet with SSCC ${sscc} is known to you.`);
  if (found.heldByYou)
    return json({ sscc, receipt: { batchId: `0x${"0".repeat(64)}`, from: `0x${"0".repeat(40)}`, quantity: 0 } });
  if (!found.receipt)
    throw new DomainError("UnitNotReceived", `Nothing shipped under SSCC ${sscc} was received by you yet.`);
  return json({ sscc, receipt: found.receipt });
});
