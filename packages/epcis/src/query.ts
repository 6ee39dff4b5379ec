/**
 * The EPCIS 2.0 query interface's basics (REST binding `GET /events`, and the saved parameters of a named
 * query): parameters read and checked, events filtered, paged with `perPage` / `nextPageToken`.
 * Identifiers match in any form (EPC URI or Digital Link on any host), CBV values in any form.
 */
import { DomainError } from "@tracemed/errors";
import { canonicalId } from "./identifiers";
import { bareCbv } from "./vocabulary";

export interface EventQuery {
  eventType?: string[];
  EQ_bizStep?: string[];
  EQ_action?: string[];
  GE_eventTime?: Date;
  LT_eventTime?: Date;
  GE_recordTime?: Date;
  LT_recordTime?: Date;
  MATCH_epc?: string[];
  MATCH_parentID?: string[];
  MATCH_anyEPC?: string[];
  perPage: number;
  /** events already returned (the opaque nextPageToken carries it) */
  offset: number;
}

export const MAX_PER_PAGE = 1000;
const EVENT_TYPES = ["ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent"];
const LIST_PARAMS = ["eventType", "EQ_bizStep", "EQ_action", "MATCH_epc", "MATCH_parentID", "MATCH_anyEPC"] as const;
const TIME_PARAMS = ["GE_eventTime", "LT_eventTime", "GE_recordTime", "LT_recordTime"] as const;
export const QUERY_PARAMETERS = new Set<string>([...LIST_PARAMS, ...TIME_PARAMS, "perPage", "nextPageToken"]);

const refuse = (message: string) => new DomainError("EpcisQueryParameter", message);

/** Page tokens are opaque to clients: the offset, base64url. */
export const pageToken = (offset: number) => Buffer.from(`o:${offset}`).toString("base64url");

/**
 * Reads a query's parameters (`{ name: value }`, lists comma- or pipe-separated as the REST binding allows).
 * @throws DomainError EpcisQueryParameter naming the parameter (the standard's QueryParameterException)
 */
export function readEventQuery(params: Record<string, string>): EventQuery {
  const q: EventQuery = { perPage: 100, offset: 0 };
  for (const [name, raw] of Object.entries(params)) {
    if (!QUERY_PARAMETERS.has(name)) throw refuse(`Unknown query parameter "${name}".`);
    const value = raw.trim();
    if ((LIST_PARAMS as readonly string[]).includes(name)) {
      const list = value
        .split(/[|,]/)
        .map((v) => v.trim())
        .filter(Boolean);
      if (list.length === 0) throw refuse(`The parameter "${name}" is empty.`);
      if (name === "eventType" && list.some((t) => !EVENT_TYPES.includes(t))) {
        throw refuse(`eventType must be among ${EVENT_TYPES.join(", ")}.`);
      }
      if (name === "EQ_action" && list.some((a) => !["ADD", "OBSERVE", "DELETE"].includes(a))) {
        throw refuse("EQ_action must be ADD, OBSERVE or DELETE.");
      }
      q[name as (typeof LIST_PARAMS)[number]] = name.startsWith("MATCH_")
        ? list.map((id) => canonicalId(id) ?? id)
        : name === "EQ_bizStep"
          ? list.map(bareCbv)
          : list;
    } else if ((TIME_PARAMS as readonly string[]).includes(name)) {
      const t = Date.parse(value);
      if (!/^\d{4}-\d\d-\d\dT/.test(value) || Number.isNaN(t)) {
        throw refuse(`${name} must be a date and time with its zone (2026-12-05T10:00:00Z).`);
      }
      q[name as (typeof TIME_PARAMS)[number]] = new Date(t);
    } else if (name === "perPage") {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < 1 || n > MAX_PER_PAGE) throw refuse(`perPage must be 1 to ${MAX_PER_PAGE}.`);
      q.perPage = n;
    } else {
      const m = /^o:(\d{1,9})$/.exec(Buffer.from(value, "base64url").toString());
      if (!m) throw refuse("nextPageToken is not one this server gave.");
      q.offset = Number(m[1]);
    }
  }
  return q;
}

type Event = Record<string, unknown>;
const idsOf = (v: unknown): string[] =>
  (Array.isArray(v) ? v : []).filter((x): x is string => typeof x === "string").map((id) => canonicalId(id) ?? id);
const classesOf = (v: unknown): string[] =>
  (Array.isArray(v) ? v : [])
    .map((q) => (q as { epcClass?: unknown }).epcClass)
    .filter((x): x is string => typeof x === "string")
    .map((id) => canonicalId(id) ?? id);

/** Whether one event answers the query (paging aside). `recordTime` defaults to the eventTime. */
export function matchesQuery(event: Event, q: EventQuery): boolean {
  if (q.eventType && !q.eventType.includes(String(event.type))) return false;
  if (q.EQ_action && !q.EQ_action.includes(String(event.action))) return false;
  if (q.EQ_bizStep && !(typeof event.bizStep === "string" && q.EQ_bizStep.includes(bareCbv(event.bizStep)))) {
    return false;
  }
  const eventTime = Date.parse(String(event.eventTime));
  const recordTime = typeof event.recordTime === "string" ? Date.parse(event.recordTime) : eventTime;
  if (q.GE_eventTime && !(eventTime >= q.GE_eventTime.getTime())) return false;
  if (q.LT_eventTime && !(eventTime < q.LT_eventTime.getTime())) return false;
  if (q.GE_recordTime && !(recordTime >= q.GE_recordTime.getTime())) return false;
  if (q.LT_recordTime && !(recordTime < q.LT_recordTime.getTime())) return false;
  const parent = typeof event.parentID === "string" ? idsOf([event.parentID]) : [];
  // MATCH_epc: epcList and childEPCs; MATCH_anyEPC also parentID, input and output lists, and quantity classes.
  const epcs = [...idsOf(event.epcList), ...idsOf(event.childEPCs)];
  const any = [
    ...epcs,
    ...parent,
    ...idsOf(event.inputEPCList),
    ...idsOf(event.outputEPCList),
    ...classesOf(event.quantityList),
    ...classesOf(event.childQuantityList),
  ];
  // A class pattern (urn:epc:idpat:sgtin:...*, or a Digital Link to the GTIN alone) matches every pack of the GTIN.
  const hit = (wanted: string[] | undefined, have: string[]) =>
    !wanted || wanted.some((w) => have.some((h) => h === w || h.startsWith(`${w}/`)));
  return hit(q.MATCH_epc, epcs) && hit(q.MATCH_parentID, parent) && hit(q.MATCH_anyEPC, any);
}

/** One page of the events that answer the query, in eventTime order, and the token of the next page. */
export function queryEvents<E extends Event>(
  events: E[],
  q: EventQuery,
): { events: E[]; nextPageToken: string | null } {
  const all = events
    .filter((e) => matchesQuery(e, q))
    .sort((a, b) => Date.parse(String(a.eventTime)) - Date.parse(String(b.eventTime)));
  const page = all.slice(q.offset, q.offset + q.perPage);
  const next = q.offset + q.perPage < all.length ? pageToken(q.offset + q.perPage) : null;
  return { events: page, nextPageToken: next };
}

/** The EPCIS 2.0 query document that answers a query (JSON), as `GET /events` returns it. */
export function queryDocument(events: Event[], queryName = "SimpleEventQuery", now = new Date()) {
  return {
    "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
    type: "EPCISQueryDocument",
    schemaVersion: "2.0",
    creationDate: now.toISOString(),
    epcisBody: { queryResults: { queryName, resultsBody: { eventList: events } } },
  };
}
