import { readCaptureDocument, CAPTURE_LIMITS } from "@tracemed/epcis/capture";
import { db } from "@/lib/db";
import { captureJobView, createCaptureJob, listCaptureJobs } from "@/lib/epcis/jobs";
import { resumeCaptureJobs, startCaptureJob } from "@/lib/epcis/server";
import { DomainError, json } from "@/lib/http";
import { machineRoute, requireEpcisCaller } from "@/lib/machine/auth";

export const dynamic = "force-dynamic";

/**
 * POST /epcis/capture (EPCIS 2.0 REST binding): an EPCISDocument (JSON-LD, or EPCIS 2.0 or 1.2 XML read into
 * JSON-LD) from a system client with scope `capture`. Checked whole before anything is stored (size, event count,
 * the official schema); then 202 with `Location: /epcis/capture/{captureID}`, where the job's status and per-event
 * errors are read (in JSON whatever the document's syntax).
 */
export const POST = machineRoute(async (request: Request) => {
  const caller = await requireEpcisCaller(request, "capture");
  void resumeCaptureJobs();
  const type = request.headers.get("content-type") ?? "";
  const syntax = /^(application|text)\/xml\b/i.test(type)
    ? "xml"
    : /^application\/(ld\+)?json\b/i.test(type)
      ? "json"
      : null;
  if (!syntax) {
    throw new DomainError(
      "UnsupportedMediaType",
      "Send the EPCIS document as application/ld+json or application/json, or as EPCIS 2.0 or 1.2 XML (application/xml).",
    );
  }
  // Ledger writes cannot be taken back: a document is checked whole before anything is stored, then each event's
  // refusal stays its own ("proceed"); a client that asks for rollback is told so rather than misled.
  const behaviour = (request.headers.get("gs1-capture-error-behaviour") ?? "proceed").trim().toLowerCase();
  if (behaviour !== "proceed") {
    throw new DomainError(
      "EpcisCaptureBehaviour",
      "This server captures with GS1-Capture-Error-Behaviour: proceed (ledger writes cannot be rolled back); send that header or none.",
    );
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > CAPTURE_LIMITS.maxBytes) {
    throw new DomainError("BodyTooLarge", `An EPCIS document may have at most ${CAPTURE_LIMITS.maxBytes} bytes.`);
  }
  const document = readCaptureDocument(await request.text(), CAPTURE_LIMITS, syntax);
  const captureID = await createCaptureJob(
    db(),
    { organisation: caller.organisation, clientId: caller.clientId!, member: caller.member, locale: caller.locale },
    document,
  );
  void startCaptureJob(caller, captureID);
  const location = `/epcis/capture/${captureID}`;
  return json(await captureJobView(db(), caller.organisation, captureID), {
    status: 202,
    headers: { location, ...CAPTURE_HEADERS },
  });
});

/** What the REST binding's discovery (`OPTIONS /capture`) and every capture answer say of this server. */
const CAPTURE_HEADERS = {
  "gs1-epcis-version": "2.0.0",
  "gs1-cbv-version": "2.0.0",
  "gs1-capture-error-behaviour": "proceed",
  "gs1-epcis-capture-limit": String(CAPTURE_LIMITS.maxEvents),
  "gs1-epcis-capture-file-size-limit": String(CAPTURE_LIMITS.maxBytes),
};

/** OPTIONS /epcis/capture: the discovery of the capture interface (limits, error behaviour, versions). */
export function OPTIONS(): Response {
  return new Response(null, { status: 204, headers: { allow: "GET, OPTIONS, POST", ...CAPTURE_HEADERS } });
}

/** GET /epcis/capture: the organisation's latest capture jobs (scope capture), newest first. */
export const GET = machineRoute(async (request: Request) => {
  const caller = await requireEpcisCaller(request, "capture");
  return json(await listCaptureJobs(db(), caller.organisation), { headers: { "cache-control": "no-store" } });
});
