import { handler, json } from "@/lib/http";
import { retryRegistration } from "@tracemed/registration/registration";
import { registrationDeps, runInBackground } from "@/lib/manufacturer/server";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/** POST: generates a failed registration again. */
export const POST = handler(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const org = await requireOrganisation(request, "MANUFACTURER");
  const view = await retryRegistration(registrationDeps(), (await params).id, org.account);
  runInBackground(view.id);
  return json({ registration: view }, { status: 202 });
});
