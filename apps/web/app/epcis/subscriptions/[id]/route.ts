import { DomainError } from "@tracemed/errors";
import { db } from "@/lib/db";
import { messagesFor } from "@/lib/i18n/messages";
import { machineRoute, requireEpcisCaller } from "@/lib/machine/auth";
import { deleteSubscription } from "@/lib/machine/webhooks";

export const dynamic = "force-dynamic";

/** DELETE /epcis/subscriptions/{id}: the organisation's webhook is deleted; nothing more is sent to it. */
export const DELETE = machineRoute(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const caller = await requireEpcisCaller(request, "subscribe");
  const { id } = await params;
  if (!/^whs_[0-9a-f]{24}$/.test(id) || !(await deleteSubscription(db(), caller.organisation, id)))
    throw new DomainError("WebhookNotFound", messagesFor(caller.locale).machine.refused.WebhookNotFound);
  return new Response(null, { status: 204 });
});
