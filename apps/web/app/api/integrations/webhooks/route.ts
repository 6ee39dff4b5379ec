import { db } from "@/lib/db";
import { handler, json, readInput } from "@/lib/http";
import { webhookRequest } from "@/lib/inputs/machine";
import { createSubscription, listSubscriptions } from "@/lib/machine/webhooks";
import { ANY_ORGANISATION, requestLocale, requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/** POST /api/integrations/webhooks {url, topics}: a new webhook; the answer carries its signing secret once. */
export const POST = handler(async (request: Request) => {
  const org = await requireOrganisation(request, ANY_ORGANISATION, "ADMIN");
  const { url, topics } = await readInput(request, webhookRequest, 4_096);
  const created = await createSubscription(
    db(),
    { organisation: org.account, url, topics, createdBy: org.member.account },
    requestLocale(request),
  );
  return json(created, { status: 201, headers: { "cache-control": "no-store" } });
});

/** GET /api/integrations/webhooks: the organisation's webhooks (never their secrets). */
export const GET = handler(async (request: Request) => {
  const org = await requireOrganisation(request, ANY_ORGANISATION, "ADMIN");
  return json({ webhooks: await listSubscriptions(db(), org.account) });
});
