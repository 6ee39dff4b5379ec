import { DomainError } from "@tracemed/errors";
import { db } from "@/lib/db";
import { handler, json, readInput } from "@/lib/http";
import { messagesFor } from "@/lib/i18n/messages";
import { revokeClientRequest } from "@/lib/inputs/machine";
import { revokeSystemClient } from "@/lib/machine/clients";
import { ANY_ORGANISATION, requestLocale, requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * POST /api/integrations/clients/revoke {clientId}: its tokens stop at once and it gets no new one. (Its member
 * stays on the ledger until an administrator removes it there: the page offers both.)
 */
export const POST = handler(async (request: Request) => {
  const org = await requireOrganisation(request, ANY_ORGANISATION, "ADMIN");
  const { clientId } = await readInput(request, revokeClientRequest, 1_024);
  if (!(await revokeSystemClient(db(), org.account, clientId)))
    throw new DomainError(
      "SystemClientNotFound",
      messagesFor(requestLocale(request)).machine.refused.SystemClientNotFound,
    );
  return json({ clientId, revoked: true });
});
