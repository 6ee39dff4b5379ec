import "server-only";
import {
  chainIdentity,
  custodyLedgerAbi,
  ledgerChain,
  ledgerFor,
  quorumDeployment,
  unitsFor,
  type LedgerDeployment,
} from "@tracemed/chain";
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

let councilOf: { ledger: string; council: Promise<`0x${string}` | undefined> } | undefined;

/**
 * The council (an OpenZeppelin AccessManager) that governs the ledger: the ledger's own `council()`, read
 * once per ledger (again after a failure). Regulators schedule council-only calls on it.
 */
export async function council(): Promise<`0x${string}` | undefined> {
  const deployment = await ledger();
  if (!deployment) return undefined;
  if (councilOf?.ledger !== deployment.address) {
    const read = publicClient
      .readContract({ address: deployment.address, abi: custodyLedgerAbi, functionName: "council" })
      .then((a) => a.toLowerCase() as `0x${string}`)
      .catch(() => {
        councilOf = undefined;
        return undefined;
      });
    councilOf = { ledger: deployment.address, council: read };
  }
  return councilOf.council;
}

let recordedQuorum: Promise<`0x${string}` | undefined> | undefined;

/**
 * The council's quorum (CouncilQuorum): regulators' approvals there execute a proposal before its delay ends.
 * QUORUM_ADDRESS, else the deployment recorded for the chain this app talks to (asked once, again after a failure).
 */
export async function quorum(): Promise<`0x${string}` | undefined> {
  if (env.QUORUM_ADDRESS) return env.QUORUM_ADDRESS.toLowerCase() as `0x${string}`;
  recordedQuorum ??= chainIdentity(publicClient)
    .then((c) => quorumDeployment(c)?.address.toLowerCase() as `0x${string}` | undefined)
    .catch(() => {
      recordedQuorum = undefined;
      return undefined;
    });
  return recordedQuorum;
}

let recordedUnits: Promise<LedgerDeployment | undefined> | undefined;

/**
 * Cases and pallets (LogisticUnits): UNITS_ADDRESS, else the deployment recorded beside the ledger for the chain this
 * app talks to (asked once, again after a failure); undefined on a network deployed before it, where the pages say
 * that cases and pallets are not available.
 */
export async function units(): Promise<LedgerDeployment | undefined> {
  recordedUnits ??= unitsFor(publicClient, { address: env.UNITS_ADDRESS }).catch(() => {
    recordedUnits = undefined;
    return undefined;
  });
  return recordedUnits;
}
