/**
 * The ledger on Hardhat's in-process network as the contract tests (test/helpers/ledger.ts) and the
 * gas scenario (gasScenario.ts) set it up: deployed by the real deploy function with the regulator,
 * GLN 1, then organisations of one cast onboarded with GLNs 2, 3, … in the order given.
 *
 * Names, GLNs and accounts are calldata: the committed gas snapshot depends on every one of them, so
 * check it (GAS_CHECK=1 npm run gas) after any change here.
 */
import type { NetworkConnection } from "hardhat/types/network";
import { countryToBytes2, deployLedger, ROLE } from "@tracemed/chain";
import { readLedgerArtifact } from "./artifact.js";
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

/** Deploys the ledger from `deployer` with `regulator` as the first organisation. */
export async function deployWithRegulator(viem: Viem, deployer: Wallet, regulator: Wallet) {
  const client = await viem.getPublicClient();
  const artifact = await readLedgerArtifact(process.cwd());
  const deployment = await deployLedger(deployer, client, artifact, {
    account: regulator.account.address,
    gln: gln(1),
    country: "CN",
    name: "National Medical Products Administration",
  });
  const ledger = await viem.getContractAt("CustodyLedger", deployment.address);
  return { client, deployment, ledger };
}

/**
 * The regulator's `onboard` arguments for each member, in the order the object lists them (that
 * order gives the GLNs: 2, 3, …).
 */
export const onboardings = (members: Partial<Record<Part, Wallet>>) =>
  (Object.entries(members) as [Part, Wallet][]).map(
    ([part, wallet], i) => [wallet.account.address, CAST[part].roles, gln(2 + i), CN, CAST[part].name] as const,
  );
