"use client";
/**
 * One ledger write as the person making it sees it: check it against the chain first (so a refusal
 * is a sentence before anything is signed), sign in the wallet, wait for the block, then wait for
 * the database to catch up and refresh the page. Every step is a state the UI shows.
 */
import { custodyLedgerAbi, describeLedgerError } from "@tracemed/chain";
import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";
import type { ContractFunctionArgs, ContractFunctionName, Hash } from "viem";
import { useConfig } from "wagmi";
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { useStaff } from "./staff";

type WriteName = ContractFunctionName<typeof custodyLedgerAbi, "nonpayable">;

export type TxState =
  | { phase: "idle" }
  | { phase: "signing" }
  | { phase: "pending"; hash: Hash }
  | { phase: "indexing"; hash: Hash; block: bigint }
  | { phase: "confirmed"; hash: Hash; block: bigint }
  | { phase: "failed"; code: string; message: string; args?: readonly unknown[]; hash?: Hash };

/** Polls the app until its database has indexed `block` (at most `timeoutMs`). */
export async function waitUntilIndexed(block: bigint, timeoutMs = 30_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch("/api/indexer", { cache: "no-store" }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as { indexedBlock: number | null } | null;
    if (body?.indexedBlock != null && BigInt(body.indexedBlock) >= block) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

export function useLedgerWrite() {
  const config = useConfig();
  const router = useRouter();
  const { chain } = useStaff();
  const [state, setState] = useState<TxState>({ phase: "idle" });

  const write = useCallback(
    async <N extends WriteName>(
      functionName: N,
      args: ContractFunctionArgs<typeof custodyLedgerAbi, "nonpayable", N>,
    ): Promise<{ hash: Hash; block: bigint } | null> => {
      if (!chain.ledgerAddress) {
        setState({ phase: "failed", code: "NoLedger", message: "No ledger is deployed on this network." });
        return null;
      }
      let hash: Hash | undefined;
      try {
        setState({ phase: "signing" });
        const { request } = await simulateContract(config, {
          abi: custodyLedgerAbi,
          address: chain.ledgerAddress,
          functionName,
          args,
        } as never);
        hash = await writeContract(config, request as never);
        setState({ phase: "pending", hash });
        const receipt = await waitForTransactionReceipt(config, { hash, pollingInterval: 250 });
        if (receipt.status !== "success") throw new Error("reverted");
        setState({ phase: "indexing", hash, block: receipt.blockNumber });
        await waitUntilIndexed(receipt.blockNumber);
        setState({ phase: "confirmed", hash, block: receipt.blockNumber });
        router.refresh();
        return { hash, block: receipt.blockNumber };
      } catch (error) {
        const info = describeLedgerError(error);
        setState({ phase: "failed", code: info.code, message: info.message, args: info.args, hash });
        return null;
      }
    },
    [config, chain.ledgerAddress, router],
  );

  return { state, write, reset: () => setState({ phase: "idle" }) };
}
