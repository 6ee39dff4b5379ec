import { handler, json, readInput } from "@/lib/http";
import { dispenseProofRequest } from "@/lib/inputs/custody";
import { dispenseProof } from "@tracemed/verification/packTrees";
import { treeCache } from "@/lib/custody/server";
import { requireOrganisation } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * POST { batchId, indices } -> the calldata to dispense those packs: `dispense` arguments for one,
 * an OpenZeppelin multiproof (in the ledger's leaf order) for several. Pharmacies only.
 */
export const POST = handler(async (request: Request) => {
  await requireOrganisation(request, "PHARMACY", "DISPENSE");
  const { batchId, indices } = await readInput(request, dispenseProofRequest, 64_000);
  return json(await dispenseProof(treeCache(), batchId, indices));
});
