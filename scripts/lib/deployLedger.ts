import { readFile } from "node:fs/promises";
import path from "node:path";
import { stringToHex, type Abi, type Address, type Hex, type PublicClient, type WalletClient } from "viem";

export interface LedgerArtifact {
  abi: Abi;
  bytecode: Hex;
}

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

/** Reads the compiled CustodyLedger artifact written by `hardhat compile`. */
export async function readLedgerArtifact(root: string): Promise<LedgerArtifact> {
  const file = path.join(root, "artifacts/contracts/CustodyLedger.sol/CustodyLedger.json");
  const json = JSON.parse(await readFile(file, "utf8")) as { abi: Abi; bytecode: Hex };
  return { abi: json.abi, bytecode: json.bytecode };
}

/** Encodes an ISO 3166-1 alpha-2 country code as the contract's bytes2. */
export function countryBytes(country: string): Hex {
  if (!/^[A-Z]{2}$/.test(country)) throw new Error(`country must be two upper-case letters, got "${country}"`);
  return stringToHex(country, { size: 2 });
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
    args: [regulator.account, regulator.gln, countryBytes(regulator.country), regulator.name],
  });
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress) {
    throw new Error(`deployment transaction ${hash} failed`);
  }
  return { address: receipt.contractAddress, deployedOnBlock: receipt.blockNumber, transactionHash: hash };
}
