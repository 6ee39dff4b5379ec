import { DomainError } from "@tracemed/errors";
import { db } from "@/lib/db";
import { handler, json, readInput } from "@/lib/http";
import { messagesFor } from "@/lib/i18n/messages";
import { deleteWebhookRequest } from "@/lib/inputs/machine";
import { deleteSubscription } from "@/lib/machine/webhooks";
import { ANY_ORGANISATION, requestLocale, requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/** POST /api/integrations/webhooks/delete {id}: nothing more is sent to it (deliveries under way stop). */
export const POST = handler(async (request: Request) => {
  const org = await requireOrganisation(request, ANY_ORGANISATION, "ADMIN");
  const { id } = await readInput(request, deleteWebhookRequest, 1_024);
  if (!(await deleteSubscription(db(), org.account, id)))
    throw new DomainError("WebhookNotFound", messagesFor(requestLocale(request)).machine.refused.WebhookNotFound);
  return json({ id, deleted: true });
});
