import { z } from "zod";
import { DomainError } from "@tracemed/errors";
import { handler, json, readJson } from "@/lib/http";
import { db } from "@/lib/db";
import { listReports, reportScope, storeReport } from "@tracemed/verification/reports/consumerReports";
import { requireOrganisation } from "@/lib/session/server";
import { clientAddress, clientHash, coarseRegion } from "@tracemed/verification/clientInfo";
import { RateLimiter } from "@tracemed/verification/rateLimit";
import { scanSalt } from "@/lib/verification";

export const dynamic = "force-dynamic";

const Body = z.object({
  gtin: z.string().max(20),
  lot: z.string().max(40),
  serial: z.string().max(40),
  category: z.string().max(40),
  text: z.string().max(4000),
  contact: z.string().max(400).nullish(),
});

/** A burst guard in front of the database's per-client count (which is what really limits). */
const burst = new RateLimiter(3, 1 / 20);

/** POST { gtin, lot, serial, category, text, contact? } -> 201 { report }: a consumer's report of a suspicious pack. */
export const POST = handler(async (request: Request) => {
  const address = clientAddress(request.headers);
  const wait = burst.take(address);
  if (wait > 0) {
    throw new DomainError(
      "TooManyReports",
      "Too many reports were sent from this device recently. Please try again later, or tell a pharmacist.",
      { retryAfterSeconds: wait },
    );
  }
  const parsed = Body.safeParse(await readJson(request, 16_384));
  if (!parsed.success) throw new DomainError("InvalidRequest", "Send gtin, lot, serial, category and text as strings.");
  const report = await storeReport(db(), {
    ...parsed.data,
    region: coarseRegion(request.headers),
    clientHash: clientHash(address, scanSalt),
  });
  // The consumer gets its reference back, nothing else of what is stored.
  return json({ report: { id: report.id, createdAt: report.createdAt } }, { status: 201 });
});

/** GET: the reports the signed-in organisation may read (regulator: all; manufacturer: its own batches'). */
export const GET = handler(async (request: Request) => {
  const org = await requireOrganisation(request, ["REGULATOR", "MANUFACTURER"]);
  const scope = reportScope(org.account, org.roles);
  if (!scope) throw new DomainError("RoleRequired", "Only the regulator and manufacturers may read consumer reports.");
  const batchId = new URL(request.url).searchParams.get("batchId") ?? undefined;
  return json(
    { reports: await listReports(db(), { ...scope, ...(batchId ? { batchId } : {}) }) },
    { headers: { "cache-control": "no-store" } },
  );
});
