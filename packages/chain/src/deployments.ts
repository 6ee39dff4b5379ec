import type { Address } from "viem";
import deployments from "./generated/deployments.json";

export interface LedgerDeployment {
  address: Address;
  deployedOnBlock: number;
}

/** Where the CustodyLedger lives on each chain, as written by scripts/deploy.ts. */
export const ledgerDeployments = deployments as Record<string, { CustodyLedger: LedgerDeployment } | undefined>;

/** The ledger on `chainId`, or undefined when it was never deployed there. */
export function ledgerDeployment(chainId: number): LedgerDeployment | undefined {
  return ledgerDeployments[String(chainId)]?.CustodyLedger;
}

/** The ledger an app is pointed at: LEDGER_ADDRESS (and its deployment block) when given, else the recorded one. */
export function ledgerFor(chainId: number, address?: string, deployedOnBlock?: number): LedgerDeployment | undefined {
  return address ? { address: address as Address, deployedOnBlock: deployedOnBlock ?? 0 } : ledgerDeployment(chainId);
}
