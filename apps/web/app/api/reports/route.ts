import { DomainError } from "@tracemed/errors";
import { handler, json, parseInput, queryOf, readInput } from "@/lib/http";
import { reportQuery, reportRequest } from "@/lib/inputs/reports";
import { db } from "@/lib/db";
import { listReports, reportScope, storeReport } from "@tracemed/verification/reports/consumerReports";
import { requireOrganisation } from "@/lib/session/server";
import { clientAddress, clientHash } from "@tracemed/verification/clientInfo";
import { regionOf } from "@tracemed/verification/region";
import { frontClientAddress } from "@/lib/frontGate";
import { RateLimiter } from "@tracemed/verification/rateLimit";
import { scanSalt } from "@/lib/verification";

export const dynamic = "force-dynamic";

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
  const input = await readInput(request, reportRequest, 16_384);
  const report = await storeReport(db(), {
    ...input,
    region: regionOf(frontClientAddress(request)),
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
  const { batchId } = parseInput(reportQuery, queryOf(request));
  return json(
    { reports: await listReports(db(), { ...scope, ...(batchId ? { batchId } : {}) }) },
    { headers: { "cache-control": "no-store" } },
  );
});
