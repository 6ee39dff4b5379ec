import { ROLE } from "@tracemed/chain";
import { handler, json, parseInput, queryOf } from "@/lib/http";
import { shipmentQuery } from "@/lib/inputs/custody";
import { db } from "@/lib/db";
import { shipmentsByRef } from "@tracemed/provenance/custody";
import { ssccToRef } from "@tracemed/codes/browser";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * GET ?sscc=<18 digits> -> the shipments carrying that SSCC that the signed-in organisation sent
 * or receives (others are not shown: commercial data stays between the parties). Regulators see all.
 */
export const GET = handler(async (request: Request) => {
  // Organisations that hold stock, and the regulator.
  const org = await requireOrganisation(request, ["MANUFACTURER", "DISTRIBUTOR", "PHARMACY", "REGULATOR"]);
  const { sscc } = parseInput(shipmentQuery, queryOf(request));
  const ref = ssccToRef(sscc);
  const all = await shipmentsByRef(db(), ref);
  const mine =
    (org.roles & ROLE.REGULATOR) !== 0 ? all : all.filter((s) => s.to === org.account || s.from === org.account);
  return json({ sscc, shipments: mine, elsewhere: all.length - mine.length });
});
