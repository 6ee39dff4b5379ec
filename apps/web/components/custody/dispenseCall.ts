import { custodyLedgerAbi } from "@tracemed/chain";
import { encodeFunctionData, type Hex } from "viem";
import type { DispenseProof } from "@tracemed/verification/packTrees";

/** The ledger call for one batch's packs: dispense (one pack) or dispenseMany (multiproof). */
export function dispenseCall(p: DispenseProof): Hex {
  return p.kind === "single"
    ? encodeFunctionData({
        abi: custodyLedgerAbi,
        functionName: "dispense",
        args: [p.batchId as Hex, BigInt(p.index), p.commitment as Hex, p.proof as Hex[]],
      })
    : encodeFunctionData({
        abi: custodyLedgerAbi,
        functionName: "dispenseMany",
        args: [p.batchId as Hex, p.indices.map(BigInt), p.commitments as Hex[], p.proof as Hex[], p.proofFlags],
      });
}
