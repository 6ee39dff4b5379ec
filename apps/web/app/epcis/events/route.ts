import { answerQuery } from "@/lib/epcis/answer";
import { queryOf } from "@/lib/http";
import { machineRoute, requireEpcisCaller } from "@/lib/machine/auth";

export const dynamic = "force-dynamic";

/**
 * GET /epcis/events (EPCIS 2.0 REST binding): the events the caller's organisation may see (batches it made or
 * handled, its own captures; the regulator: all), filtered by the query parameters (eventType, EQ_bizStep,
 * EQ_action, GE_/LT_eventTime, GE_/LT_recordTime, MATCH_epc, MATCH_parentID, MATCH_anyEPC), paged by perPage and
 * nextPageToken. A system client with scope `query`, or a staff session.
 */
export const GET = machineRoute(async (request: Request) => {
  const caller = await requireEpcisCaller(request, "query");
  return answerQuery(request, caller, queryOf(request));
});
