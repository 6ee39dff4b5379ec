/**
 * The answer of `GET /epcis/events` and of a named query's events: the EPCISQueryDocument of one page, and the
 * standard's paging (`Link: <...nextPageToken=...>; rel="next"`).
 */
import { queryDocument, queryEvents, readEventQuery } from "@tracemed/epcis/query";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { json } from "@/lib/http";
import type { EpcisCaller } from "@/lib/machine/auth";
import { visibleEvents } from "./events";

/** The query's page of the events the caller may see. */
export async function answerQuery(
  request: Request,
  caller: EpcisCaller,
  params: Record<string, string>,
  queryName?: string,
): Promise<Response> {
  const query = readEventQuery(params);
  const all = await visibleEvents(db(), caller, env.PUBLIC_ORIGIN.origin);
  const { events, nextPageToken } = queryEvents(all, query);
  const headers: Record<string, string> = {
    "content-type": "application/ld+json; charset=utf-8",
    "cache-control": "no-store",
  };
  if (nextPageToken) {
    const next = new URL(request.url);
    next.searchParams.set("nextPageToken", nextPageToken);
    headers.link = `<${next.pathname}${next.search}>; rel="next"`;
  }
  return json(queryDocument(events, queryName ?? "SimpleEventQuery"), { headers });
}
