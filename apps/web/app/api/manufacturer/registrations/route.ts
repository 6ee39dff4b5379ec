import { handler, json, readInput } from "@/lib/http";
import { MAX_REGISTRATION_BYTES, registrationRequest } from "@/lib/inputs/registration";
import { createRegistration, pendingRegistrations, toView } from "@tracemed/registration/registration";
import { registrationDeps, runInBackground } from "@/lib/manufacturer/server";
import { env } from "@/lib/env";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/** GET /api/manufacturer/registrations: the signed-in manufacturer's registrations not yet on chain. */
export const GET = handler(async (request: Request) => {
  const org = await requireOrganisation(request, "MANUFACTURER");
  return json({ registrations: await pendingRegistrations(registrationDeps(), org.account) });
});

/**
 * POST /api/manufacturer/registrations {gtin, lot, expiryDate: "YYYY-MM-DD", packCount, serials?}: checks
 * it, then generates the codes and print files in the background; poll GET .../{id} for progress. `serials`:
 * the manufacturer's own serial numbers, one a pack, instead of generated ones.
 */
export const POST = handler(async (request: Request) => {
  const org = await requireOrganisation(request, "MANUFACTURER", "REGISTER");
  const job = await createRegistration(
    registrationDeps(),
    org.account,
    await readInput(request, registrationRequest, MAX_REGISTRATION_BYTES),
    env.PUBLIC_ORIGIN.origin,
  );
  runInBackground(job.id);
  return json({ registration: toView(job) }, { status: 202 });
});
