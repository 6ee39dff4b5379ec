import { DomainError } from "@tracemed/errors";
import { handler, json, readJson } from "@/lib/http";
import { dispenseProof } from "@tracemed/verification/packTrees";
import { treeCache } from "@/lib/custody/server";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * POST { batchId, indices } -> the calldata to dispense those packs: `dispense` arguments for one,
 * an OpenZeppelin multiproof (in the ledger's leaf order) for several. Pharmacies only.
 */
export const POST = handler(async (request: Request) => {
  await requireOrganisation(request, "PHARMACY");
  const body = (await readJson(request, 64_000)) as { batchId?: unknown; indices?: unknown } | null;
  const batchId = body?.batchId;
  const indices = body?.indices;
  if (typeof batchId !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(batchId))
    throw new DomainError("InvalidBatchId", "batchId must be a 32-byte hex string.");
  if (!Array.isArray(indices) || !indices.every((i) => Number.isSafeInteger(i)))
    throw new DomainError("InvalidIndices", "indices must be a list of pack indices.");
  return json(await dispenseProof(treeCache(), batchId.toLowerCase(), indices as number[]));
});
