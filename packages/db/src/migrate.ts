/**
 * Applies the committed migrations (prisma/migrations/<timestamp>_<name>/migration.sql) and records
 * each in `_prisma_migrations` exactly as Prisma's engine does (random UUID id, SHA-256 checksum of
 * the file, started_at, applied_steps_count = 1, finished_at), so `prisma migrate status` accepts the
 * result. Prisma's own migration engine is a native binary that cannot be fetched on these machines.
 * Each migration runs in one transaction: a failure leaves nothing half-applied and is recorded.
 */
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/** The committed migrations. A function, not a constant: bundled server code (Next.js) imports this
 * module without ever migrating, and has no module directory to resolve at load time. */
export function migrationsDir(): string {
  return path.join(import.meta.dirname, "..", "prisma", "migrations");
}

const LEDGER_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migration: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: string[];
}

export async function migrate(url: string, dir = migrationsDir()): Promise<MigrationResult> {
  // turbopackIgnore: a web app bundling this package must not trace the folder (it would take the whole project).
  const names = (await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  const result: MigrationResult = { applied: [], alreadyApplied: [] };
  try {
    await client.query(LEDGER_TABLE);
    for (const name of names) {
      const sql = await readFile(path.join(dir, name, "migration.sql"));
      const checksum = createHash("sha256").update(sql).digest("hex");
      await client.query("BEGIN");
      try {
        // Serialises concurrent migrators (several processes starting at once).
        await client.query(`LOCK TABLE "_prisma_migrations" IN EXCLUSIVE MODE`);
        const { rows } = await client.query<{
          checksum: string;
          finished_at: Date | null;
          rolled_back_at: Date | null;
        }>(`SELECT checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE migration_name = $1`, [name]);
        const done = rows.find((r) => r.finished_at && !r.rolled_back_at);
        if (done) {
          if (done.checksum !== checksum) {
            throw new MigrationError(`migration ${name} was edited after it was applied (checksum differs)`, name);
          }
          await client.query("COMMIT");
          result.alreadyApplied.push(name);
          continue;
        }
        const id = randomUUID();
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
          [id, checksum, name],
        );
        await client.query(sql.toString("utf8"));
        await client.query(
          `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await client.query("COMMIT");
        result.applied.push(name);
      } catch (error) {
        await client.query("ROLLBACK");
        if (error instanceof MigrationError) throw error;
        // Record the failure (outside the rolled-back transaction), as Prisma does in `logs`.
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count, logs, rolled_back_at) VALUES ($1, $2, $3, now(), 0, $4, now())`,
          [randomUUID(), checksum, name, String((error as Error).message)],
        );
        throw new MigrationError(`migration ${name} failed: ${(error as Error).message}`, name);
      }
    }
  } finally {
    await client.end();
  }
  return result;
}
