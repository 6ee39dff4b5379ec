import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export type Db = PrismaClient;

export interface DbOptions {
  /** Largest number of pooled connections (default 10). */
  max?: number;
}

/**
 * A Prisma client over node-postgres for `url`: production PostgreSQL, or the embedded PGlite server
 * (which speaks the same protocol), so there is one code path for both.
 */
export function createDb(url: string, options: DbOptions = {}): Db {
  const adapter = new PrismaPg({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 5_000 });
  return new PrismaClient({ adapter });
}
