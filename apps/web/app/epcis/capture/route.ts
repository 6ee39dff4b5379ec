import { readCaptureDocument, CAPTURE_LIMITS } from "@tracemed/epcis/capture";
import { db } from "@/lib/db";
import { captureJobView, createCaptureJob } from "@/lib/epcis/jobs";
import { resumeCaptureJobs, startCaptureJob } from "@/lib/epcis/server";
import { DomainError, json } from "@/lib/http";
import { machineRoute, requireEpcisCaller } from "@/lib/machine/auth";

export const dynamic = "force-dynamic";

/**
 * POST /epcis/capture (EPCIS 2.0 REST binding): an EPCISDocument (JSON-LD) from a system client with scope
 * `capture`. Checked whole before anything is stored (size, event count, the official schema); then 202 with
 * `Location: /epcis/capture/{captureID}`, where the job's status and per-event errors are read. XML: 415.
 */
export const POST = machineRoute(async (request: Request) => {
  const caller = await requireEpcisCaller(request, "capture");
  void resumeCaptureJobs();
  const type = request.headers.get("content-type") ?? "";
  if (/xml/i.test(type)) {
    throw new DomainError(
      "UnsupportedMediaType",
      "EPCIS XML is not accepted here; send the document as JSON-LD (application/ld+json or application/json).",
    );
  }
  if (!/^application\/(ld\+)?json\b/i.test(type)) {
    throw new DomainError(
      "UnsupportedMediaType",
      "Send the EPCIS document as application/ld+json or application/json.",
    );
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > CAPTURE_LIMITS.maxBytes) {
    throw new DomainError("BodyTooLarge", `An EPCIS document may have at most ${CAPTURE_LIMITS.maxBytes} bytes.`);
  }
  const document = readCaptureDocument(await request.text());
  const captureID = await createCaptureJob(
    db(),
    { organisation: caller.organisation, clientId: caller.clientId!, member: caller.member, locale: caller.locale },
    document,
  );
  void startCaptureJob(caller, captureID);
  const location = `/epcis/capture/${captureID}`;
  return json(await captureJobView(db(), caller.organisation, captureID), { status: 202, headers: { location } });
});
