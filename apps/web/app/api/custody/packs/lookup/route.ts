import { handler, json, readInput } from "@/lib/http";
import { db } from "@/lib/db";
import { lookupPack } from "@tracemed/verification/packLookup";
import { packLookupRequest } from "@/lib/inputs/pack";
import { isDispensedOnChain } from "@/lib/custody/server";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/** POST { gtin, lot, serial } -> what the pharmacy must know before dispensing that pack. */
export const POST = handler(async (request: Request) => {
  const org = await requireOrganisation(request, "PHARMACY");
  const pack = await readInput(request, packLookupRequest);
  return json(await lookupPack({ db: db(), isDispensedOnChain }, org.account, pack));
});
