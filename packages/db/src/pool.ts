/**
 * A plain node-postgres pool, for the few hot read paths where Prisma's per-query cost shows (the
 * verification service's batched lookups): named statements are parsed and planned once per
 * connection instead of on every call. Everything else goes through the Prisma client.
 */
import pg from "pg";

export type Pool = pg.Pool;

const TIMESTAMP = 1114;

/** timestamp(3) columns hold UTC (as Prisma writes DateTime): read them as UTC, whatever the process's zone. */
const utc = (text: string) => new Date(`${text.replace(" ", "T")}Z`);

export function createPool(url: string, options: { max?: number } = {}): Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 8,
    connectionTimeoutMillis: 5_000,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === TIMESTAMP ? utc : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server dropped (a restart): the pool replaces it on next use; without a
  // listener the event would end the process.
  pool.on("error", () => undefined);
  return pool;
}
