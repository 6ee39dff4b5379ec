import type { Db } from "./client";

/**
 * Takes or renews the lease `key` for `holder` for `ms` milliseconds (database time), unless another
 * holder's lease is still running. One writer per key: the indexer, the claim submitter, a system member's
 * EPCIS capture writer.
 */
export async function takeLease(db: Db, key: string, holder: string, ms: number): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<{ holder: string }[]>(
    `INSERT INTO "IndexerLease" (ledger, holder, "expiresAt")
     VALUES ($1, $2, now() + ($3 || ' milliseconds')::interval)
     ON CONFLICT (ledger) DO UPDATE SET holder = EXCLUDED.holder, "expiresAt" = EXCLUDED."expiresAt"
     WHERE "IndexerLease".holder = EXCLUDED.holder OR "IndexerLease"."expiresAt" < now()
     RETURNING holder`,
    key,
    holder,
    String(ms),
  );
  return rows.length > 0;
}

/** Gives the lease `key` up, if `holder` has it (another holder's is left alone). */
export async function releaseLease(db: Db, key: string, holder: string): Promise<void> {
  await db.indexerLease.deleteMany({ where: { ledger: key, holder } });
}
