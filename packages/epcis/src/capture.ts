/**
 * Reading an EPCIS 2.0 capture request (REST binding, `POST /capture`): the body's size and event count
 * checked first (cheap), then JSON (or EPCIS 2.0 / 1.2 XML, read into the same JSON-LD: xml.ts), then the official schema (nothing that fails is stored), then each
 * event's CBV 2.0 event hash, its idempotency key. Framework-free: the web route maps the DomainErrors.
 */
import { randomUUID } from "node:crypto";
import { DomainError } from "@tracemed/errors";
import { eventHash } from "./eventHash";
import { schemaProblems } from "./schema";
import { bareCbv } from "./vocabulary";
import { xmlToJsonLd } from "./xml";

/** What one capture request may carry. Over them: 413 with a sentence. */
export const CAPTURE_LIMITS: { maxBytes: number; maxEvents: number } = {
  maxBytes: 20 * 1024 * 1024,
  maxEvents: 10_000,
};

export interface CapturedEvent {
  /** position in the document's eventList */
  index: number;
  eventHash: string;
  /** the eventID the document gave it, if any (kept; the hash is the idempotency key anyway) */
  eventId: string | null;
  eventType: string;
  eventTime: Date;
  bizStep: string | null;
  action: string | null;
  body: Record<string, unknown>;
}

export interface CaptureDocument {
  events: CapturedEvent[];
  /** events of the document that repeat an earlier one of the same document (same hash) */
  repeated: number;
}

/**
 * The events of a capture request's body (JSON-LD text, or EPCIS XML with `syntax` "xml"), each with its event
 * hash; the same event twice in one document is kept once.
 * @throws DomainError BodyTooLarge, EpcisTooManyEvents (413), MalformedJson, EpcisXmlInvalid, EpcisInvalidDocument (400)
 */
export function readCaptureDocument(
  text: string,
  limits = CAPTURE_LIMITS,
  syntax: "json" | "xml" = "json",
): CaptureDocument {
  if (Buffer.byteLength(text) > limits.maxBytes) {
    throw new DomainError("BodyTooLarge", `An EPCIS document may have at most ${limits.maxBytes} bytes.`);
  }
  let document: unknown;
  if (syntax === "xml") document = xmlToJsonLd(text);
  else {
    try {
      document = JSON.parse(text);
    } catch {
      throw new DomainError("MalformedJson", "The body is not valid JSON.");
    }
  }
  const d = document as { type?: unknown; epcisBody?: { eventList?: unknown }; "@context"?: unknown } | null;
  if (!d || typeof d !== "object" || d.type !== "EPCISDocument") {
    throw new DomainError("EpcisInvalidDocument", 'The body must be an EPCIS 2.0 document (type "EPCISDocument").');
  }
  const list = d.epcisBody?.eventList;
  if (Array.isArray(list) && list.length > limits.maxEvents) {
    throw new DomainError(
      "EpcisTooManyEvents",
      `An EPCIS document may have at most ${limits.maxEvents} events; this one has ${list.length}. Split it.`,
    );
  }
  const problems = schemaProblems(document);
  if (problems.length > 0) {
    throw new DomainError(
      "EpcisInvalidDocument",
      `The document does not follow the EPCIS 2.0 JSON schema: ${problems.map((p) => `${p.pointer} ${p.message}`).join("; ")}.`,
    );
  }
  const events: CapturedEvent[] = [];
  const seen = new Set<string>();
  let repeated = 0;
  (list as Record<string, unknown>[]).forEach((body, index) => {
    const hash = eventHash(body, d["@context"]);
    if (seen.has(hash)) {
      repeated++;
      return;
    }
    seen.add(hash);
    events.push({
      index,
      eventHash: hash,
      eventId: typeof body.eventID === "string" ? body.eventID : null,
      eventType: String(body.type),
      eventTime: new Date(String(body.eventTime)),
      bizStep: typeof body.bizStep === "string" ? bareCbv(body.bizStep) : null,
      action: typeof body.action === "string" ? body.action : null,
      body,
    });
  });
  return { events, repeated };
}

/** The rows a capture job stores for its events (EpcisEvent, packages/db), not yet written to the ledger. */
export function eventRows(jobId: string, organisation: string, events: CapturedEvent[]) {
  return events.map((e) => ({
    id: randomUUID(),
    jobId,
    index: e.index,
    organisation: organisation.toLowerCase(),
    eventHash: e.eventHash,
    eventId: e.eventId,
    eventType: e.eventType,
    eventTime: e.eventTime,
    bizStep: e.bizStep,
    action: e.action,
    body: e.body as object,
  }));
}
