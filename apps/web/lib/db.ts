import "server-only";
import { createDb, type Db } from "@tracemed/db";
import { env } from "./env";

const globalForDb = globalThis as unknown as { tracemedDb?: Db };

/** The process's database client (one pool per web process). */
export function db(): Db {
  globalForDb.tracemedDb ??= createDb(env.DATABASE_URL, { max: 10 });
  return globalForDb.tracemedDb;
}
