import { db } from "@/lib/db";
import { json, readInput } from "@/lib/http";
import { webhookRequest } from "@/lib/inputs/machine";
import { machineRoute, requireEpcisCaller } from "@/lib/machine/auth";
import { createSubscription, listSubscriptions } from "@/lib/machine/webhooks";

export const dynamic = "force-dynamic";

/**
 * POST /epcis/subscriptions {url, topics}: a machine client (scope subscribe) registers a webhook for its
 * organisation: recalls and quarantines of batches it holds, shipments to it. 201 with the signing secret, once.
 */
export const POST = machineRoute(async (request: Request) => {
  const caller = await requireEpcisCaller(request, "subscribe");
  const { url, topics } = await readInput(request, webhookRequest, 4_096);
  const created = await createSubscription(
    db(),
    { organisation: caller.organisation, url, topics, createdBy: caller.clientId ?? caller.member },
    caller.locale,
  );
  return json(created, {
    status: 201,
    headers: { location: `/epcis/subscriptions/${created.id}`, "cache-control": "no-store" },
  });
});

/** GET /epcis/subscriptions: the organisation's webhooks (never their secrets). */
export const GET = machineRoute(async (request: Request) => {
  const caller = await requireEpcisCaller(request, "subscribe");
  return json({ subscriptions: await listSubscriptions(db(), caller.organisation) });
});
