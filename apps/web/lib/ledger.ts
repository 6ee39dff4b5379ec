import "server-only";
import { ledgerChain, ledgerFor, type LedgerDeployment } from "@tracemed/chain";
import { createPublicClient, http } from "viem";
import { env } from "./env";

export const chain = ledgerChain(env.CHAIN_ID, env.CHAIN_RPC_URL, env.EMBEDDED_CHAIN === "on");

export const publicClient = createPublicClient({ chain, transport: http(env.CHAIN_RPC_URL, { timeout: 5_000 }) });

/** True when the demo organisations' local accounts may be offered: the start command's own chain only. */
export const localDemoAccounts = env.EMBEDDED_CHAIN === "on" && env.LOCAL_DEMO_ACCOUNTS === "on";

let recorded: Promise<LedgerDeployment | undefined> | undefined;

/**
 * The ledger this app reads: from the environment, else the deployment recorded for the chain it talks to
 * (by chain id and genesis hash; asked once, again after a failure).
 */
export async function ledger(): Promise<LedgerDeployment | undefined> {
  recorded ??= ledgerFor(publicClient, env.LEDGER_ADDRESS, env.LEDGER_DEPLOYED_BLOCK).catch(() => {
    recorded = undefined;
    return undefined;
  });
  return recorded;
}
