import { db } from "@/lib/db";
import { captureJobView } from "@/lib/epcis/jobs";
import { resumeCaptureJobs } from "@/lib/epcis/server";
import { json } from "@/lib/http";
import { machineRoute, requireEpcisCaller } from "@/lib/machine/auth";

export const dynamic = "force-dynamic";

/** GET /epcis/capture/{captureID}: the capture job's status and per-event errors (its organisation only). */
export const GET = machineRoute(async (request: Request, { params }: { params: Promise<{ captureID: string }> }) => {
  // Read at the query pace: a client polling its job does not use up its captures.
  const caller = await requireEpcisCaller(request, "capture", "query");
  void resumeCaptureJobs();
  const { captureID } = await params;
  return json(await captureJobView(db(), caller.organisation, captureID), { headers: { "cache-control": "no-store" } });
});
