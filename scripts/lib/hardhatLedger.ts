/**
 * The ledger on Hardhat's in-process network as the contract tests (test/helpers/ledger.ts) and the
 * gas scenario (gasScenario.ts) set it up: deployed by the real deploy function (the council's
 * AccessManager, the implementation, the ERC1967 proxy) with the regulator, GLN 1, the council configured
 * by council.ts's `councilSetup`, then organisations of one cast onboarded with GLNs 2, 3, … in the order
 * given.
 *
 * Names, GLNs and accounts are calldata: the committed gas snapshot depends on every one of them, so
 * check it (GAS_CHECK=1 npm run gas) after any change here.
 */
import type { NetworkConnection } from "hardhat/types/network";
import { encodeFunctionData, type Address, type Hex } from "viem";
import {
  accessManagerAbi,
  councilLedgerCall,
  councilRenounce,
  councilSetup,
  countryToBytes2,
  DEFAULT_COUNCIL_QUORUM,
  deployLedger,
  ROLE,
  type CouncilFunction,
} from "@tracemed/chain";
import { readLedgerArtifact, readQuorumArtifact, readUnitsArtifact } from "./artifact.js";
import { withCheckDigit } from "./gs1.js";

export { ROLE };
export const ALL_ROLES = 31;
export const GTIN = 9521234543213n; // 09521234543213, the GS1 example
export const GTIN_PREFIX = "9521234"; // its GS1 company prefix, assigned to the maker
export const CN = countryToBytes2("CN");
export const gln = (n: number): bigint => withCheckDigit(952123400000n + BigInt(n));

/** Every organisation either setup may onboard: its roles and name. */
export const CAST = {
  maker: { roles: ROLE.MANUFACTURER, name: "Acme Pharma" },
  maker2: { roles: ROLE.MANUFACTURER, name: "Borealis Biologics" },
  distributor: { roles: ROLE.DISTRIBUTOR, name: "Central Distribution" },
  distributor2: { roles: ROLE.DISTRIBUTOR, name: "Delta Logistics" },
  pharmacy: { roles: ROLE.PHARMACY, name: "Eastside Pharmacy" },
  pharmacy2: { roles: ROLE.PHARMACY, name: "Fairview Pharmacy" },
  verifier: { roles: ROLE.VERIFIER, name: "Verification Service" },
  allRoles: { roles: ALL_ROLES, name: "Omni Health Group" },
} as const;
export type Part = keyof typeof CAST;

type Viem = NetworkConnection<"generic">["viem"];
export type Wallet = Awaited<ReturnType<Viem["getWalletClients"]>>[number];

/** The council delay of the contract tests and the gas scenario: one day. */
export const COUNCIL_DELAY = 86_400;
/** The quorum of the contract tests and the gas scenario: the proposer and one other regulator. */
export const COUNCIL_QUORUM = DEFAULT_COUNCIL_QUORUM;

/**
 * Deploys the ledger from `deployer` with `regulator` as the first organisation, and configures the
 * council: every key in `regulators` (default: the regulator's) a council member with COUNCIL_DELAY, the
 * quorum (`quorum` approvals, default COUNCIL_QUORUM) an admin and member with none, the deployer a bootstrap
 * member with no delay until `renounce()`.
 */
export async function deployWithRegulator(
  viem: Viem,
  deployer: Wallet,
  regulator: Wallet,
  regulators: readonly Wallet[] = [regulator],
  quorum = COUNCIL_QUORUM,
) {
  const client = await viem.getPublicClient();
  const artifact = await readLedgerArtifact(process.cwd());
  const deployment = await deployLedger(
    deployer,
    client,
    artifact,
    {
      account: regulator.account.address,
      gln: gln(1),
      country: "CN",
      name: "National Medical Products Administration",
    },
    {
      quorum,
      quorumArtifact: await readQuorumArtifact(process.cwd()),
      unitsArtifact: await readUnitsArtifact(process.cwd()),
    },
  );
  const ledger = await viem.getContractAt("CustodyLedger", deployment.address);
  const council = await viem.getContractAt("AccessManager", deployment.council);
  const councilQuorum = await viem.getContractAt("CouncilQuorum", deployment.quorum);
  const units = await viem.getContractAt("LogisticUnits", deployment.units);
  const send = async (data: Hex) => {
    const hash = await deployer.sendTransaction({
      to: deployment.council,
      data,
      account: deployer.account,
      chain: null,
    });
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`council setup transaction ${hash} failed`);
    return receipt;
  };
  for (const call of councilSetup({
    ledger: deployment.address,
    regulators: regulators.map((r) => r.account.address),
    councilDelay: COUNCIL_DELAY,
    bootstrap: deployer.account.address,
    quorum: deployment.quorum,
  })) {
    await send(call.data);
  }
  /** The bootstrap key makes the ledger call as the council, at once (before `renounce`). */
  const bootstrap = (functionName: CouncilFunction, args: readonly unknown[]) =>
    send(councilExecuteData(deployment.address, councilLedgerCall(functionName, args)));
  /** The bootstrap key gives up its roles: from then on every council operation waits COUNCIL_DELAY. */
  const renounce = async () => {
    for (const call of councilRenounce(deployer.account.address)) await send(call.data);
  };
  return { client, deployment, ledger, council, quorum: councilQuorum, units, bootstrap, renounce };
}

/** The calldata of AccessManager.execute(target, data). */
export function councilExecuteData(target: Address, data: Hex): Hex {
  return encodeFunctionData({ abi: accessManagerAbi, functionName: "execute", args: [target, data] });
}

/**
 * The regulator's `onboard` arguments for each member, in the order the object lists them (that
 * order gives the GLNs: 2, 3, …).
 */
export const onboardings = (members: Partial<Record<Part, Wallet>>) =>
  (Object.entries(members) as [Part, Wallet][]).map(
    ([part, wallet], i) => [wallet.account.address, CAST[part].roles, gln(2 + i), CN, CAST[part].name] as const,
  );
