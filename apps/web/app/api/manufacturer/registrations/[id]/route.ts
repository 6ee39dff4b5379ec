import { db } from "@/lib/db";
import { handler, json, parseInput } from "@/lib/http";
import { registrationParams } from "@/lib/inputs/registration";
import { discardRegistration, registrationView } from "@tracemed/registration/registration";
import { registrationDeps, resumeIfStale } from "@/lib/manufacturer/server";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** GET: where the registration stands (a job whose process died is resumed here). */
export const GET = handler(async (request: Request, { params }: Ctx) => {
  const org = await requireOrganisation(request, "MANUFACTURER");
  const { id } = parseInput(registrationParams, await params);
  const view = await registrationView(registrationDeps(), id, org.account);
  if (view.status === "generating") {
    const job = await db().batchRegistration.findUnique({ where: { id } });
    if (job) await resumeIfStale(job);
  }
  return json({ registration: view }, { headers: { "cache-control": "no-store" } });
});

/** DELETE: discards a registration that was never signed, with its codes and print files. */
export const DELETE = handler(async (request: Request, { params }: Ctx) => {
  const org = await requireOrganisation(request, "MANUFACTURER", "REGISTER");
  const { id } = parseInput(registrationParams, await params);
  await discardRegistration(registrationDeps(), id, org.account);
  return json({ discarded: true });
});
