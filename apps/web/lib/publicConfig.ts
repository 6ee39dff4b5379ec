import "server-only";
import { chain, council, ledger, localDemoAccounts, quorum, units } from "./ledger";
import { env } from "./env";
import type { PublicChainConfig } from "./wallet/config";

/** What the browser may know about the network (no secrets, no internal URLs). */
export async function publicChainConfig(): Promise<PublicChainConfig> {
  return {
    chainId: env.CHAIN_ID,
    chainName: chain.name,
    rpcUrl: "/api/rpc",
    ledgerAddress: ((await ledger())?.address.toLowerCase() as `0x${string}` | undefined) ?? null,
    councilAddress: (await council()) ?? null,
    quorumAddress: (await quorum()) ?? null,
    unitsAddress: ((await units())?.address.toLowerCase() as `0x${string}` | undefined) ?? null,
    localDemoAccounts,
    publicOrigin: env.PUBLIC_ORIGIN.origin,
  };
}
