import { handler, json, readInput } from "@/lib/http";
import { packLookupRequest } from "@/lib/inputs/pack";
import { db } from "@/lib/db";
import { packForPacking } from "@tracemed/provenance/unitDesk";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/** POST { gtin, lot, serial } -> a pack scanned at /pack: its index, loose stock of its batch, the unit it is in. */
export const POST = handler(async (request: Request) => {
  const org = await requireOrganisation(request, ["MANUFACTURER", "DISTRIBUTOR"]);
  const pack = await readInput(request, packLookupRequest);
  return json(await packForPacking(db(), org.account, pack));
});
