import type { Address, Hex, PublicClient } from "viem";
import { custodyLedgerAbi } from "./generated/custodyLedger";
import deployments from "./generated/deployments.json";

export interface LedgerDeployment {
  address: Address;
  deployedOnBlock: number;
}

/**
 * A chain as the deployments record knows it: its id and the hash of its block 0. Two chains may share an id
 * (anvil and Hardhat's node both say 31337; so do test networks made from one genesis file with another
 * start), never a genesis block.
 */
export interface ChainIdentity {
  chainId: number;
  genesisHash: Hex;
}

/** The key of a chain in deployments.json: `<chain id>:<genesis hash>`. */
export const deploymentKey = (chain: ChainIdentity): string => `${chain.chainId}:${chain.genesisHash.toLowerCase()}`;

/** The regulator council: the OpenZeppelin AccessManager the ledger obeys (its `council()`). */
export interface CouncilDeployment {
  address: Address;
}

/** The council's quorum (CouncilQuorum): approvals that execute a scheduled operation before its delay. */
export interface QuorumDeployment {
  address: Address;
}

/** What scripts/deploy.ts records for one chain: the ledger (its proxy's address), its council and quorum. */
export interface ChainDeployment {
  CustodyLedger: LedgerDeployment;
  /** Cases and pallets; absent from records made before the LogisticUnits contract existed. */
  LogisticUnits?: LedgerDeployment;
  /** Absent from records made before the ledger had a council. */
  Council?: CouncilDeployment;
  /** Absent from records made before the council had a quorum. */
  Quorum?: QuorumDeployment;
}

/** Where the CustodyLedger lives on each chain, as written by scripts/deploy.ts, keyed by deploymentKey. */
export const ledgerDeployments = deployments as Record<string, ChainDeployment | undefined>;

/** The ledger on `chain`, or undefined when it was never deployed there. */
export function ledgerDeployment(chain: ChainIdentity): LedgerDeployment | undefined {
  return ledgerDeployments[deploymentKey(chain)]?.CustodyLedger;
}

/** The council recorded beside the ledger on `chain`, or undefined. */
export function councilDeployment(chain: ChainIdentity): CouncilDeployment | undefined {
  return ledgerDeployments[deploymentKey(chain)]?.Council;
}

/** The council's quorum recorded beside the ledger on `chain`, or undefined. */
export function quorumDeployment(chain: ChainIdentity): QuorumDeployment | undefined {
  return ledgerDeployments[deploymentKey(chain)]?.Quorum;
}

/**
 * The cases-and-pallets contract (LogisticUnits) recorded beside the ledger on `chain`, or undefined: a network
 * deployed before it has no cases and pallets, which the apps say rather than fail.
 */
export function unitsDeployment(chain: ChainIdentity): LedgerDeployment | undefined {
  return ledgerDeployments[deploymentKey(chain)]?.LogisticUnits;
}

/** Asks a node which chain it serves: its chain id and the hash of its block 0. */
export async function chainIdentity(client: Pick<PublicClient, "getChainId" | "getBlock">): Promise<ChainIdentity> {
  const [chainId, genesis] = await Promise.all([client.getChainId(), client.getBlock({ blockNumber: 0n })]);
  return { chainId, genesisHash: genesis.hash };
}

/**
 * The ledger an app is pointed at: `address` (LEDGER_ADDRESS, with its deployment block) when given, else the
 * deployment recorded for the chain `client` talks to (asked by chain id and genesis hash).
 */
export function ledgerFor(
  client: Pick<PublicClient, "getChainId" | "getBlock">,
  address?: string,
  deployedOnBlock?: number,
): Promise<LedgerDeployment | undefined> {
  return givenOrRecorded(client, ledgerDeployment, address, deployedOnBlock);
}

async function givenOrRecorded(
  client: Pick<PublicClient, "getChainId" | "getBlock">,
  recorded: (chain: ChainIdentity) => LedgerDeployment | undefined,
  address?: string,
  deployedOnBlock?: number,
): Promise<LedgerDeployment | undefined> {
  if (address) return { address: address as Address, deployedOnBlock: deployedOnBlock ?? 0 };
  return recorded(await chainIdentity(client));
}

/**
 * The council an app is pointed at: `address` (COUNCIL_ADDRESS) when given, else the one the ledger at `ledger`
 * obeys (its `council()`, the authority whatever a record says).
 */
export async function councilFor(
  client: Pick<PublicClient, "readContract">,
  ledger: Address,
  address?: string,
): Promise<CouncilDeployment> {
  if (address) return { address: address as Address };
  return { address: await client.readContract({ address: ledger, abi: custodyLedgerAbi, functionName: "council" }) };
}

/**
 * The cases-and-pallets contract an app is pointed at: `address` (UNITS_ADDRESS, with its deployment block) when
 * given, else the one recorded for the chain `client` talks to; undefined when there is none.
 */
export function unitsFor(
  client: Pick<PublicClient, "getChainId" | "getBlock">,
  given: { address?: string; deployedOnBlock?: number } = {},
): Promise<LedgerDeployment | undefined> {
  return givenOrRecorded(client, unitsDeployment, given.address, given.deployedOnBlock);
}
