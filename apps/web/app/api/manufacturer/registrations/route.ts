import { handler, json, readJson } from "../../../../lib/http";
import { createRegistration, pendingRegistrations, toView } from "../../../../lib/manufacturer/registration";
import { registrationDeps, runInBackground } from "../../../../lib/manufacturer/server";
import { isHttps, requestHost } from "../../../../lib/session/requestHost";
import { requireOrganisation } from "../../../../lib/session/server";

export const dynamic = "force-dynamic";

/** GET /api/manufacturer/registrations: the signed-in manufacturer's registrations not yet on chain. */
export const GET = handler(async () => {
  const org = await requireOrganisation("MANUFACTURER");
  return json({ registrations: await pendingRegistrations(registrationDeps(), org.account) });
});

/**
 * POST /api/manufacturer/registrations {gtin, lot, expiryDate: "YYYY-MM-DD", packCount}: checks it,
 * then generates the codes and print files in the background; poll GET .../{id} for progress.
 */
export const POST = handler(async (request: Request) => {
  const org = await requireOrganisation("MANUFACTURER");
  const linkBase = `${isHttps(request) ? "https" : "http"}://${requestHost(request)}`;
  const job = await createRegistration(registrationDeps(), org.account, await readJson(request), linkBase);
  runInBackground(job.id);
  return json({ registration: toView(job) }, { status: 202 });
});
