import { db } from "@/lib/db";
import { handler, json, readInput } from "@/lib/http";
import { organisationProfile } from "@/lib/inputs/organisation";
import { setOrganisationNameZh } from "@tracemed/provenance/organisationProfile";
import { ANY_ORGANISATION, requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * PUT /api/organisation/profile {nameZh}: the signed-in organisation's name in Chinese (an administrator's;
 * empty removes it). Off the ledger: Chinese readers see it beside the name the ledger holds.
 */
export const PUT = handler(async (request: Request) => {
  const org = await requireOrganisation(request, ANY_ORGANISATION, "ADMIN");
  const { nameZh } = await readInput(request, organisationProfile);
  return json({ profile: await setOrganisationNameZh(db(), org.account, org.member.account, nameZh) });
});
