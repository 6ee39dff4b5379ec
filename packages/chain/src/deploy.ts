import { custodyLedgerAbi, custodyLedgerBytecode } from "./generated/custodyLedger";
import { accessManagerAbi, accessManagerBytecode } from "./generated/accessManager";
import { erc1967ProxyAbi, erc1967ProxyBytecode } from "./generated/erc1967Proxy";
import { councilQuorumAbi, councilQuorumBytecode } from "./generated/councilQuorum";
import { logisticUnitsAbi, logisticUnitsBytecode } from "./generated/logisticUnits";
import { COUNCIL_ROLE, DEFAULT_COUNCIL_QUORUM } from "./council";
import { countryToBytes2 } from "./ids";
import { encodeFunctionData, type Abi, type Address, type Hex, type PublicClient, type WalletClient } from "viem";

export interface LedgerArtifact {
  abi: Abi;
  bytecode: Hex;
}

/** The ledger as compiled into this package (generated/custodyLedger.ts). */
export const compiledLedger: LedgerArtifact = {
  abi: custodyLedgerAbi as unknown as Abi,
  bytecode: custodyLedgerBytecode,
};

/** The council's quorum as compiled into this package (generated/councilQuorum.ts). */
export const compiledQuorum: LedgerArtifact = {
  abi: councilQuorumAbi as unknown as Abi,
  bytecode: councilQuorumBytecode,
};

/** The cases-and-pallets contract as compiled into this package (generated/logisticUnits.ts). */
export const compiledUnits: LedgerArtifact = {
  abi: logisticUnitsAbi as unknown as Abi,
  bytecode: logisticUnitsBytecode,
};

export interface RegulatorIdentity {
  account: Address;
  gln: bigint;
  country: string;
  name: string;
}

export interface Deployment {
  /** The ledger's address: the ERC1967 proxy's. */
  address: Address;
  deployedOnBlock: bigint;
  /** The proxy's deployment (which ran `initialize`). */
  transactionHash: Hex;
  /** The regulator council: the OpenZeppelin AccessManager, the deployer its initial admin. */
  council: Address;
  /** The CustodyLedger implementation behind the proxy. */
  implementation: Address;
  /** The council's quorum (CouncilQuorum): approvals that execute a scheduled operation before its delay. */
  quorum: Address;
  /** Cases and pallets (LogisticUnits), deployed last, reading the ledger. */
  units: Address;
  unitsDeployedOnBlock: bigint;
}

export interface DeployLedgerOptions {
  /** Approvals that execute a council operation at once, the proposer's included (COUNCIL_QUORUM, at least 2). */
  quorum?: number;
  /** The CouncilQuorum to deploy (the contract tests pass the freshly compiled one); default: this package's. */
  quorumArtifact?: LedgerArtifact;
  /** The LogisticUnits to deploy (the contract tests pass the freshly compiled one); default: this package's. */
  unitsArtifact?: LedgerArtifact;
}

async function deploy(
  wallet: WalletClient,
  client: PublicClient,
  abi: Abi,
  bytecode: Hex,
  args: readonly unknown[],
): Promise<{ address: Address; blockNumber: bigint; hash: Hex }> {
  if (!wallet.account) throw new Error("the deployer wallet has no account");
  const hash = await wallet.deployContract({ abi, bytecode, account: wallet.account, chain: wallet.chain, args });
  const receipt = await client.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success" || !receipt.contractAddress) {
    throw new Error(`deployment transaction ${hash} failed`);
  }
  return { address: receipt.contractAddress, blockNumber: receipt.blockNumber, hash };
}

/** Deploys a CustodyLedger implementation (for the proxy, or for an upgrade the council schedules). */
export async function deployLedgerImplementation(
  wallet: WalletClient,
  client: PublicClient,
  artifact: LedgerArtifact,
): Promise<Address> {
  return (await deploy(wallet, client, artifact.abi, artifact.bytecode, [])).address;
}

/**
 * Deploys the cases-and-pallets contract (LogisticUnits) for the ledger at `ledger`: with the ledger by
 * deployLedger, or alone beside a ledger deployed before it existed.
 */
export async function deployLogisticUnits(
  wallet: WalletClient,
  client: PublicClient,
  ledger: Address,
  artifact: LedgerArtifact = compiledUnits,
): Promise<{ address: Address; deployedOnBlock: bigint }> {
  const d = await deploy(wallet, client, artifact.abi, artifact.bytecode, [ledger]);
  return { address: d.address, deployedOnBlock: d.blockNumber };
}

/**
 * Deploys the regulator council (an OpenZeppelin AccessManager whose initial admin is the deployer), the
 * CustodyLedger implementation, the ERC1967 proxy that initialises it with `regulator` as the first
 * organisation, the council's quorum (CouncilQuorum, `options.quorum` approvals) and the cases-and-pallets
 * contract (LogisticUnits), and waits for each
 * receipt. The caller then configures the council (council.ts, `councilSetup`, which grants the quorum its roles). The same function serves the embedded chain, any JSON-RPC network, and the contract tests.
 */
export async function deployLedger(
  wallet: WalletClient,
  client: PublicClient,
  artifact: LedgerArtifact,
  regulator: RegulatorIdentity,
  options: DeployLedgerOptions = {},
): Promise<Deployment> {
  if (!wallet.account) throw new Error("the deployer wallet has no account");
  const council = await deploy(wallet, client, accessManagerAbi as unknown as Abi, accessManagerBytecode, [
    wallet.account.address,
  ]);
  const implementation = await deployLedgerImplementation(wallet, client, artifact);
  const init = encodeFunctionData({
    abi: custodyLedgerAbi,
    functionName: "initialize",
    args: [council.address, regulator.account, regulator.gln, countryToBytes2(regulator.country), regulator.name],
  });
  const proxy = await deploy(wallet, client, erc1967ProxyAbi as unknown as Abi, erc1967ProxyBytecode, [
    implementation,
    init,
  ]);
  // After the proxy, so the ledger's address and block are what they were before the council had a quorum.
  const quorumArtifact = options.quorumArtifact ?? compiledQuorum;
  const quorum = await deploy(wallet, client, quorumArtifact.abi, quorumArtifact.bytecode, [
    council.address,
    COUNCIL_ROLE,
    options.quorum ?? DEFAULT_COUNCIL_QUORUM,
  ]);
  // Last, so that every address and block above is what it was before cases and pallets existed.
  const units = await deployLogisticUnits(wallet, client, proxy.address, options.unitsArtifact);
  return {
    address: proxy.address,
    deployedOnBlock: proxy.blockNumber,
    transactionHash: proxy.hash,
    council: council.address,
    implementation,
    quorum: quorum.address,
    units: units.address,
    unitsDeployedOnBlock: units.deployedOnBlock,
  };
}
