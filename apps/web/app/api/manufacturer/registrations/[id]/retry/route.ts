import { handler, json, parseInput } from "@/lib/http";
import { registrationParams } from "@/lib/inputs/registration";
import { retryRegistration } from "@tracemed/registration/registration";
import { registrationDeps, runInBackground } from "@/lib/manufacturer/server";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/** POST: generates a failed registration again. */
export const POST = handler(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const org = await requireOrganisation(request, "MANUFACTURER", "REGISTER");
  const { id } = parseInput(registrationParams, await params);
  const view = await retryRegistration(registrationDeps(), id, org.account);
  runInBackground(view.id);
  return json({ registration: view }, { status: 202 });
});
