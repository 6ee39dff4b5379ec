import "server-only";
import { ANVIL_CHAIN_ID } from "@tracemed/chain/node";
import { env } from "./env";
import { chain, ledger } from "./ledger";
import type { PublicChainConfig } from "./wallet/config";

/** What the browser may know about the network (no secrets, no internal URLs). */
export function publicChainConfig(): PublicChainConfig {
  return {
    chainId: env.CHAIN_ID,
    chainName: chain.name,
    rpcUrl: "/api/rpc",
    ledgerAddress: (ledger()?.address.toLowerCase() as `0x${string}` | undefined) ?? null,
    localDemoAccounts: env.CHAIN_ID === ANVIL_CHAIN_ID && env.LOCAL_DEMO_ACCOUNTS === "on",
    publicOrigin: env.PUBLIC_ORIGIN.origin,
  };
}
