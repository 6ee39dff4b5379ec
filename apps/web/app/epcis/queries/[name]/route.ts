import { db } from "@/lib/db";
import { deleteNamedQuery, readNamedQuery } from "@/lib/epcis/queries";
import { json } from "@/lib/http";
import { machineRoute, requireEpcisCaller } from "@/lib/machine/auth";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ name: string }> };

/** GET /epcis/queries/{name}: the named query. */
export const GET = machineRoute(async (request: Request, { params }: Params) => {
  const caller = await requireEpcisCaller(request, "query");
  return json(await readNamedQuery(db(), caller.organisation, (await params).name));
});

/** DELETE /epcis/queries/{name}: forgets the named query (204). */
export const DELETE = machineRoute(async (request: Request, { params }: Params) => {
  const caller = await requireEpcisCaller(request, "query");
  await deleteNamedQuery(db(), caller.organisation, (await params).name);
  return new Response(null, { status: 204 });
});
