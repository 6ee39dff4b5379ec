"use client";
import { createConfig, http, injected } from "wagmi";
import { defineChain } from "viem";
import { localAccounts } from "./localAccounts";

/** What the browser needs to know about the network; decided by the server at run time. */
export interface PublicChainConfig {
  chainId: number;
  chainName: string;
  /** JSON-RPC for reads and signed transactions: this host's /api/rpc proxy. */
  rpcUrl: string;
  ledgerAddress: `0x${string}` | null;
  /** The council (AccessManager) that schedules the ledger's council-only calls. */
  councilAddress: `0x${string}` | null;
  /** The council's quorum (CouncilQuorum), where regulators approve a proposal so that it runs at once. */
  quorumAddress: `0x${string}` | null;
  /** Cases and pallets (LogisticUnits); null on a network deployed before it (packing is then unavailable). */
  unitsAddress: `0x${string}` | null;
  /** True only on the embedded chain with demo accounts enabled. */
  localDemoAccounts: boolean;
  /** The deployment's public origin (PUBLIC_ORIGIN): what a sign-in message names. */
  publicOrigin: string;
}

/** `origin` resolves the relative proxy URL (during server rendering nothing is requested). */
export function wagmiConfig(pc: PublicChainConfig, origin: string) {
  const rpcUrl = new URL(pc.rpcUrl, origin).toString();
  const chain = defineChain({
    id: pc.chainId,
    name: pc.chainName,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  return createConfig({
    chains: [chain],
    connectors: pc.localDemoAccounts ? [injected(), localAccounts(rpcUrl)] : [injected()],
    transports: { [chain.id]: http(rpcUrl, { batch: { wait: 5 } }) },
    ssr: true,
  });
}
