import { db } from "@/lib/db";
import { answerQuery } from "@/lib/epcis/answer";
import { readNamedQuery } from "@/lib/epcis/queries";
import { queryOf } from "@/lib/http";
import { machineRoute, requireEpcisCaller } from "@/lib/machine/auth";

export const dynamic = "force-dynamic";

/** GET /epcis/queries/{name}/events: the named query run now (perPage and nextPageToken may be added). */
export const GET = machineRoute(async (request: Request, { params }: { params: Promise<{ name: string }> }) => {
  const caller = await requireEpcisCaller(request, "query");
  const { name } = await params;
  const saved = await readNamedQuery(db(), caller.organisation, name);
  const paging = Object.fromEntries(
    Object.entries(queryOf(request)).filter(([k]) => k === "perPage" || k === "nextPageToken"),
  );
  return answerQuery(request, caller, { ...saved.query, ...paging }, name);
});
