/**
 * Named queries (EPCIS 2.0 REST binding, `/queries`): an organisation's saved `GET /events` parameters, checked
 * when saved as they are when run. Framework-free (tests call it).
 */
import type { Db } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";
import { readEventQuery } from "@tracemed/epcis/query";

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

function checkName(name: unknown): string {
  if (typeof name !== "string" || !NAME.test(name)) {
    throw new DomainError("EpcisQueryParameter", "A query's name is 1 to 64 letters, digits, '_' or '-'.");
  }
  return name;
}

const notFound = () => new DomainError("EpcisNamedQueryNotFound", "Your organisation has no named query of this name.");

/** Saves `{ name, query }` for the organisation (the query's parameters as `GET /events` takes them). */
export async function createNamedQuery(db: Db, organisation: string, body: unknown) {
  const { name, query } = (body ?? {}) as { name?: unknown; query?: unknown };
  const checked = checkName(name);
  if (!query || typeof query !== "object" || Array.isArray(query)) {
    throw new DomainError("EpcisQueryParameter", "query must be an object of query parameters.");
  }
  const params = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)]));
  readEventQuery(params);
  const org = organisation.toLowerCase();
  if (await db.epcisNamedQuery.findUnique({ where: { organisation_name: { organisation: org, name: checked } } })) {
    throw new DomainError("EpcisNamedQueryExists", "Your organisation already has a named query of this name.");
  }
  const row = await db.epcisNamedQuery.create({ data: { organisation: org, name: checked, query: params } });
  return view(row);
}

const view = (row: { name: string; query: unknown; createdAt: Date }) => ({
  name: row.name,
  query: row.query as Record<string, string>,
  createdAt: row.createdAt.toISOString(),
});

export async function listNamedQueries(db: Db, organisation: string) {
  const rows = await db.epcisNamedQuery.findMany({
    where: { organisation: organisation.toLowerCase() },
    orderBy: { name: "asc" },
  });
  return rows.map(view);
}

export async function readNamedQuery(db: Db, organisation: string, name: string) {
  const row = NAME.test(name)
    ? await db.epcisNamedQuery.findUnique({
        where: { organisation_name: { organisation: organisation.toLowerCase(), name } },
      })
    : null;
  if (!row) throw notFound();
  return view(row);
}

export async function deleteNamedQuery(db: Db, organisation: string, name: string): Promise<void> {
  const r = NAME.test(name)
    ? await db.epcisNamedQuery.deleteMany({ where: { organisation: organisation.toLowerCase(), name } })
    : { count: 0 };
  if (r.count === 0) throw notFound();
}
