/**
 * The regulator council: an OpenZeppelin AccessManager deployed beside the ledger. Every regulator key
 * holds ADMIN_ROLE and COUNCIL_ROLE with an execution delay, so it can only schedule an operation, which
 * any other regulator can cancel during the delay; after the delay the proposer executes it and the
 * AccessManager calls the ledger (the ledger's council-only functions require `msg.sender == council`).
 * Beside it, the council's quorum (contracts/CouncilQuorum.sol) holds both roles with no delay: when
 * COUNCIL_QUORUM regulators (the proposer's scheduling included) approve a scheduled operation there, it cancels
 * the scheduling and executes the call at once.
 * scripts/deploy.ts, the seed and the contract tests configure the AccessManager with `councilSetup`.
 */
import { encodeFunctionData, toFunctionSelector, type AbiFunction, type Address, type Hex } from "viem";
import { accessManagerAbi } from "./generated/accessManager";
import { councilQuorumAbi } from "./generated/councilQuorum";
import { custodyLedgerAbi } from "./generated/custodyLedger";

/** OpenZeppelin AccessManager's ADMIN_ROLE: grants and revokes roles, configures targets. */
export const ADMIN_ROLE = 0n;
/** The role the ledger's council-only functions require on the AccessManager. */
export const COUNCIL_ROLE = 1n;
export const COUNCIL_ROLE_LABEL = "Regulator council";
/** The production delay (48 h) when COUNCIL_DELAY_SECONDS is not set. */
export const DEFAULT_COUNCIL_DELAY_SECONDS = 172_800;
/** Approvals that execute a council operation at once, the proposer's included, when COUNCIL_QUORUM is not set. */
export const DEFAULT_COUNCIL_QUORUM = 2;

/**
 * The ledger functions that answer to the council: the council-only ones, plus quarantine and release
 * (which a regulator member may also do at once) and onboard (a regulator needs the council).
 */
export const COUNCIL_FUNCTIONS = [
  "updateOrganisation",
  "setCompanyPrefixes",
  "suspend",
  "reinstate",
  "recoverOrganisation",
  "onboard",
  "recall",
  "quarantine",
  "release",
  "setIntentQuota",
  "upgradeToAndCall",
] as const;
export type CouncilFunction = (typeof COUNCIL_FUNCTIONS)[number];

const selectorIn = (abi: readonly { type: string; name?: string }[], contract: string, name: string): Hex => {
  const item = abi.find((x) => x.type === "function" && x.name === name);
  if (!item) throw new Error(`the ${contract} ABI has no function ${name}`);
  return toFunctionSelector(item as AbiFunction);
};

/** The 4-byte selectors of COUNCIL_FUNCTIONS, in the same order. */
export const COUNCIL_SELECTORS: readonly Hex[] = COUNCIL_FUNCTIONS.map((name) =>
  selectorIn(custodyLedgerAbi, "ledger", name),
);
/** The quorum's functions that answer to ADMIN_ROLE (scheduled, with the delay, unless a quorum approves). */
export const QUORUM_ADMIN_SELECTORS: readonly Hex[] = [selectorIn(councilQuorumAbi, "quorum", "setThreshold")];

/** One call to the AccessManager: its function and arguments, and the calldata they encode. */
export interface CouncilCall {
  functionName: string;
  args: readonly unknown[];
  data: Hex;
}

const call = (functionName: string, args: readonly unknown[]): CouncilCall => ({
  functionName,
  args,
  data: encodeFunctionData({ abi: accessManagerAbi, functionName, args } as never),
});

export interface CouncilSetupOptions {
  /** The ledger's (proxy's) address. */
  ledger: Address;
  /** The regulator keys that form the council. */
  regulators: readonly Address[];
  /** Seconds every council operation waits (env COUNCIL_DELAY_SECONDS). */
  councilDelay: number;
  /**
   * The deployer (the AccessManager's initial admin), granted COUNCIL_ROLE with no delay while the
   * deployment and seed set up the genesis organisations; it then renounces both roles (councilRenounce).
   */
  bootstrap?: Address;
  /**
   * The council's quorum (CouncilQuorum), granted ADMIN_ROLE and COUNCIL_ROLE with no delay so that an approved
   * operation runs at once; its setThreshold answers to ADMIN_ROLE.
   */
  quorum?: Address;
}

/**
 * The AccessManager calls, in order, that make it the ledger's council: the deployer (its initial admin,
 * no delay) sends them. The grant delay is set last, so the regulators granted here hold their roles at
 * once (their operations still wait `councilDelay`); a regulator granted later waits for it too.
 */
export function councilSetup({
  ledger,
  regulators,
  councilDelay,
  bootstrap,
  quorum,
}: CouncilSetupOptions): CouncilCall[] {
  const calls = [
    call("labelRole", [COUNCIL_ROLE, COUNCIL_ROLE_LABEL]),
    call("setTargetFunctionRole", [ledger, COUNCIL_SELECTORS, COUNCIL_ROLE]),
    call("setRoleGuardian", [COUNCIL_ROLE, COUNCIL_ROLE]),
  ];
  if (quorum) {
    calls.push(call("setTargetFunctionRole", [quorum, QUORUM_ADMIN_SELECTORS, ADMIN_ROLE]));
    calls.push(call("grantRole", [ADMIN_ROLE, quorum, 0]));
    calls.push(call("grantRole", [COUNCIL_ROLE, quorum, 0]));
  }
  if (bootstrap) calls.push(call("grantRole", [COUNCIL_ROLE, bootstrap, 0]));
  for (const regulator of regulators) {
    calls.push(call("grantRole", [ADMIN_ROLE, regulator, councilDelay]));
    calls.push(call("grantRole", [COUNCIL_ROLE, regulator, councilDelay]));
  }
  calls.push(call("setGrantDelay", [COUNCIL_ROLE, councilDelay]));
  return calls;
}

/** The bootstrap key gives up both roles, after which no single key acts alone. */
export function councilRenounce(bootstrap: Address): CouncilCall[] {
  return [call("renounceRole", [COUNCIL_ROLE, bootstrap]), call("renounceRole", [ADMIN_ROLE, bootstrap])];
}

/** The calldata of a ledger call the council schedules and executes (AccessManager schedule/execute `data`). */
export function councilLedgerCall(functionName: CouncilFunction, args: readonly unknown[]): Hex {
  return encodeFunctionData({ abi: custodyLedgerAbi, functionName, args } as never);
}

/**
 * The calldata of CouncilQuorum.approve(proposer, target, data): a council member approves the operation
 * `proposer` scheduled on the AccessManager.
 */
export function quorumApproveCall(proposer: Address, target: Address, data: Hex): Hex {
  return encodeFunctionData({ abi: councilQuorumAbi, functionName: "approve", args: [proposer, target, data] });
}
