import { db } from "@/lib/db";
import { DomainError, handler, json, readInput } from "@/lib/http";
import { declineRequest } from "@/lib/inputs/passkey";
import { ANY_ORGANISATION, requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * POST /api/members/enrolments/decline {member}: an administrator deletes a passkey that waits for approval in its
 * organisation. A passkey already added on the ledger is removed there instead (Remove on the members list).
 */
export const POST = handler(async (request: Request) => {
  const org = await requireOrganisation(request, ANY_ORGANISATION, "ADMIN");
  const { member } = await readInput(request, declineRequest, 1_024);
  const approved = await db().member.findUnique({ where: { account: member } });
  const { count } = approved
    ? { count: 0 }
    : await db().passkey.deleteMany({ where: { member, organisation: org.account } });
  if (count !== 1)
    throw new DomainError("NotFound", "No passkey of your organisation waits for approval at this address.");
  return json({ declined: member });
});
