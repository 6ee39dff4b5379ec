import { custodyLedgerAbi, custodyLedgerBytecode } from "./generated/custodyLedger";
import { countryToBytes2 } from "./ids";
import { type Abi, type Address, type Hex, type PublicClient, type WalletClient } from "viem";

export interface LedgerArtifact {
  abi: Abi;
  bytecode: Hex;
}

/** The ledger as compiled into this package (generated/custodyLedger.ts). */
export const compiledLedger: LedgerArtifact = {
  abi: custodyLedgerAbi as unknown as Abi,
  bytecode: custodyLedgerBytecode,
};

export interface RegulatorIdentity {
  account: Address;
  gln: bigint;
  country: string;
  name: string;
}

export interface Deployment {
  address: Address;
  deployedOnBlock: bigint;
  transactionHash: Hex;
}

/**
 * Deploys the CustodyLedger with `regulator` as the first organisation, and waits for the receipt.
 * The same function serves the embedded chain, any JSON-RPC network, and the contract tests.
 */
export async function deployLedger(
  wallet: WalletClient,
  client: PublicClient,
  artifact: LedgerArtifact,
  regulator: RegulatorIdentity,
): Promise<Deployment> {
  if (!wallet.account) throw new Error("the deployer wallet has no account");
  const hash = await wallet.deployContract({
    abi: artifact.abi,
    bytecode: artifact.bytecode,
    account: wallet.account,
    chain: wallet.chain,
    args: [regulator.account, regulator.gln, countryToBytes2(regulator.country), regulator.name],
  });
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress) {
    throw new Error(`deployment transaction ${hash} failed`);
  }
  return { address: receipt.contractAddress, deployedOnBlock: receipt.blockNumber, transactionHash: hash };
}
