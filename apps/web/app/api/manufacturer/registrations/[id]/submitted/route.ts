import { handler, json, parseInput, readInput } from "@/lib/http";
import { registrationParams, submittedRequest } from "@/lib/inputs/registration";
import { markSubmitted } from "@tracemed/registration/registration";
import { registrationDeps } from "@/lib/manufacturer/server";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/** POST {txHash}: the browser submitted registerBatch; remember the transaction. */
export const POST = handler(async (request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const org = await requireOrganisation(request, "MANUFACTURER", "REGISTER");
  const { id } = parseInput(registrationParams, await params);
  const { txHash } = await readInput(request, submittedRequest);
  const view = await markSubmitted(registrationDeps(), id, org.account, txHash);
  return json({ registration: view });
});
