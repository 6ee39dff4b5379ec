import { db } from "@/lib/db";
import { createNamedQuery, listNamedQueries } from "@/lib/epcis/queries";
import { json, readJson } from "@/lib/http";
import { machineRoute, requireEpcisCaller } from "@/lib/machine/auth";

export const dynamic = "force-dynamic";

/** POST /epcis/queries `{ name, query }`: saves a named query for the caller's organisation (201). */
export const POST = machineRoute(async (request: Request) => {
  const caller = await requireEpcisCaller(request, "query");
  const saved = await createNamedQuery(db(), caller.organisation, await readJson(request, 16_384));
  return json(saved, { status: 201, headers: { location: `/epcis/queries/${saved.name}` } });
});

/** GET /epcis/queries: the organisation's named queries. */
export const GET = machineRoute(async (request: Request) => {
  const caller = await requireEpcisCaller(request, "query");
  return json(await listNamedQueries(db(), caller.organisation));
});
