import { handler, json, readJson } from "@/lib/http";
import { markSubmitted } from "@tracemed/registration/registration";
import { registrationDeps } from "@/lib/manufacturer/server";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/** POST {txHash}: the browser submitted registerBatch; remember the transaction. */
export const POST = handler(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const org = await requireOrganisation(request, "MANUFACTURER");
  const body = (await readJson(request)) as { txHash?: unknown } | null;
  const view = await markSubmitted(registrationDeps(), (await params).id, org.account, body?.txHash);
  return json({ registration: view });
});
