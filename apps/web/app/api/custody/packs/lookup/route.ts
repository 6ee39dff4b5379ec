import { DomainError } from "@tracemed/errors";
import { handler, json, readJson } from "@/lib/http";
import { db } from "@/lib/db";
import { lookupPack } from "@tracemed/verification/packLookup";
import { isDispensedOnChain } from "@/lib/custody/server";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/** POST { gtin, lot, serial } -> what the pharmacy must know before dispensing that pack. */
export const POST = handler(async (request: Request) => {
  const org = await requireOrganisation(request, "PHARMACY");
  const body = (await readJson(request)) as Record<string, unknown> | null;
  if (!body || typeof body !== "object") throw new DomainError("InvalidBody", "Send { gtin, lot, serial }.");
  const { gtin, lot, serial } = body;
  return json(
    await lookupPack({ db: db(), isDispensedOnChain }, org.account, {
      gtin: String(gtin ?? ""),
      lot: String(lot ?? ""),
      serial: String(serial ?? ""),
    }),
  );
});
