/**
 * A manufacturer's registration (BatchRegistration, written by the web app while it generates the codes)
 * is closed by the indexer when the batch it registers is projected, in the same transaction as the batch
 * row: `registered` when the registration's manufacturer signed it, `failed` when another account did (the
 * PINs were made with this manufacturer's key and would not verify). Reading a registration never writes.
 */
import type { Prisma } from "@tracemed/db";

type Tx = Prisma.TransactionClient;

/** Whether the registration's own manufacturer signed the batch b (accounts are stored lower-case). */
const OWN = `lower(b."manufacturerAccount") = r."manufacturerAccount"`;
/** The registration's error when another account put its batch on the ledger first. */
const FOREIGN_SIGNER = `'Lot ' || r.lot || ' was registered on the ledger by another account (' || b."manufacturerAccount" ||
  '); its labels must not be used. Contact the regulator.'`;

/** Closes the signed registrations (ready_to_sign or submitted) of the batches `batchIds`, now in the database. */
export async function closeRegistrations(tx: Tx, batchIds: string[]): Promise<void> {
  if (batchIds.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE "BatchRegistration" r
        SET status = (CASE WHEN ${OWN} THEN 'registered' ELSE 'failed' END)::"RegistrationStatus",
            "txHash" = CASE WHEN ${OWN} THEN COALESCE(r."txHash", b."registeredTx") ELSE r."txHash" END,
            error = CASE WHEN ${OWN} THEN r.error ELSE ${FOREIGN_SIGNER} END,
            "updatedAt" = now() AT TIME ZONE 'UTC'
       FROM "Batch" b
      WHERE b.id = ANY($1::text[]) AND r."batchId" = b.id AND r.status IN ('ready_to_sign', 'submitted')`,
    batchIds,
  );
}

/**
 * After a reorg rollback: registrations closed as registered whose batch the new chain no longer has are
 * signed and waiting again (the transaction may be mined anew, and the indexer then closes them again).
 */
export async function reopenRegistrations(tx: Tx, batchIds: string[]): Promise<void> {
  if (batchIds.length === 0) return;
  await tx.$executeRawUnsafe(
    `UPDATE "BatchRegistration" r SET status = 'submitted', "updatedAt" = now() AT TIME ZONE 'UTC'
      WHERE r."batchId" = ANY($1::text[]) AND r.status = 'registered'
        AND NOT EXISTS (SELECT 1 FROM "Batch" b WHERE b.id = r."batchId")`,
    batchIds,
  );
}
