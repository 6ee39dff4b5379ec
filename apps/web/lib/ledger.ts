import "server-only";
import { ledgerDeployment, type LedgerDeployment, ledgerChain } from "@tracemed/chain";
import { createPublicClient, http, type Address } from "viem";
import { env } from "./env";

export const chain = ledgerChain(env.CHAIN_ID, env.CHAIN_RPC_URL);

export const publicClient = createPublicClient({ chain, transport: http(env.CHAIN_RPC_URL, { timeout: 5_000 }) });

/** The ledger this app reads: from the environment, else from the generated deployments module. */
export function ledger(): LedgerDeployment | undefined {
  if (env.LEDGER_ADDRESS) {
    return { address: env.LEDGER_ADDRESS as Address, deployedOnBlock: env.LEDGER_DEPLOYED_BLOCK ?? 0 };
  }
  return ledgerDeployment(env.CHAIN_ID);
}
