import "server-only";
import { custodyLedgerAbi } from "@tracemed/chain";
import { db } from "@/lib/db";
import { ledger, publicClient } from "@/lib/ledger";
import { PackTreeCache } from "@tracemed/verification/packTrees";

const g = globalThis as unknown as { tracemedTrees?: PackTreeCache };

/** The web process's cache of batch trees (one per process, bounded in bytes). */
export function treeCache(): PackTreeCache {
  g.tracemedTrees ??= new PackTreeCache(db());
  return g.tracemedTrees;
}

/** The ledger's own isDispensed (null when the chain does not answer: the database's word stands). */
export async function isDispensedOnChain(batchId: `0x${string}`, index: number): Promise<boolean | null> {
  const d = await ledger();
  if (!d) return null;
  try {
    return await publicClient.readContract({
      address: d.address,
      abi: custodyLedgerAbi,
      functionName: "isDispensed",
      args: [batchId, BigInt(index)],
    });
  } catch {
    return null;
  }
}
