import { defineChain, type Chain } from "viem";

/** The chain the ledger lives on, as viem needs it: the embedded anvil chain (31337) or any EVM network. */
export function ledgerChain(id: number, rpcUrl: string): Chain {
  return defineChain({
    id,
    name: id === 31337 ? "Embedded local chain" : `Chain ${id}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
}
