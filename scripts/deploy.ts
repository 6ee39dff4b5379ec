/**
 * Deploys the CustodyLedger to any EVM JSON-RPC endpoint behind its regulator council (an OpenZeppelin
 * AccessManager) and an ERC1967 proxy the council upgrades, and records the proxy's address and block and the
 * council's, its quorum's and the cases-and-pallets contract's addresses in packages/chain/src/generated/deployments.json (commit that file: apps read it).
 *
 *   CHAIN_RPC_URL=https://rpc.example.org DEPLOYER_PRIVATE_KEY=0x… \
 *   REGULATOR_ACCOUNT=0x… REGULATOR_GLN=6901234000016 REGULATOR_COUNTRY=CN REGULATOR_NAME="…" npm run deploy
 *
 * The regulator defaults to the deployer's own account. Its key holds the council's seat: every council action
 * (suspend, reinstate, prefixes, regulators, upgrades) is scheduled and waits COUNCIL_DELAY_SECONDS (172800, 48 h)
 * before it can be executed, cancellable meanwhile, unless COUNCIL_QUORUM regulators (default 2, the proposer
 * included) approve it on the council's quorum (CouncilQuorum), which then executes it at once. A deployer that is not the regulator renounces its bootstrap
 * roles at the end: it keeps no power over the ledger. The record is keyed by chain id and genesis hash
 * (DEPLOYMENTS_FILE writes it elsewhere). GAS_PRICE (wei, 0 on zero-fee networks) and TX_TYPE
 * (legacy | eip1559) price the deployment as they price every server-side write.
 */
import {
  chainIdentity,
  compiledLedger,
  DEFAULT_COUNCIL_DELAY_SECONDS,
  deployLedger,
  endCouncilBootstrap,
  ledgerChain,
  ledgerWallet,
  setUpCouncil,
} from "@tracemed/chain";
import { councilEnv } from "@tracemed/config/env";
import { createPublicClient, http, isAddress, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { z } from "zod";
import { DEPLOYMENTS_FILE, recordDeployment } from "./lib/deployments.js";

const env = z
  .object({
    CHAIN_RPC_URL: z.url(),
    DEPLOYER_PRIVATE_KEY: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "a 32-byte hex private key"),
    REGULATOR_ACCOUNT: z
      .string()
      .refine((a) => isAddress(a), "an address")
      .optional(),
    REGULATOR_GLN: z.string().regex(/^\d{13}$/, "13 digits"),
    REGULATOR_COUNTRY: z.string().regex(/^[A-Z]{2}$/, "two upper-case letters"),
    REGULATOR_NAME: z.string().min(1).max(128),
    DEPLOYMENTS_FILE: z.string().min(1).default(DEPLOYMENTS_FILE),
    /** Wei per gas, the most the deployment pays (0 on zero-fee networks); unset: the node's estimate. */
    GAS_PRICE: z.coerce.bigint().nonnegative().optional(),
    /** legacy (type 0) for chains without EIP-1559, or eip1559; unset: decided from the chain. */
    TX_TYPE: z.enum(["legacy", "eip1559"]).optional(),
    ...councilEnv(DEFAULT_COUNCIL_DELAY_SECONDS),
  })
  .safeParse(process.env);
if (!env.success) {
  for (const issue of env.error.issues) console.error(`deploy: ${issue.path.join(".")}: ${issue.message}`);
  process.exit(2);
}
const e = env.data;
const account = privateKeyToAccount(e.DEPLOYER_PRIVATE_KEY as Hex);
const probe = createPublicClient({ transport: http(e.CHAIN_RPC_URL) });
const identity = await chainIdentity(probe);
const { chainId } = identity;
const chain = ledgerChain(chainId, e.CHAIN_RPC_URL);
const client = createPublicClient({ chain, transport: http(e.CHAIN_RPC_URL) });
const wallet = ledgerWallet({
  account,
  chain,
  transport: http(e.CHAIN_RPC_URL),
  tx: { gasPrice: e.GAS_PRICE, type: e.TX_TYPE },
});
const regulator = (e.REGULATOR_ACCOUNT ?? account.address) as Address;
const delay = e.COUNCIL_DELAY_SECONDS;
const d = await deployLedger(
  wallet,
  client,
  compiledLedger,
  {
    account: regulator,
    gln: BigInt(e.REGULATOR_GLN),
    country: e.REGULATOR_COUNTRY,
    name: e.REGULATOR_NAME,
  },
  { quorum: e.COUNCIL_QUORUM },
);
// Nothing to write at genesis: no bootstrap seat, and a deployer that is not the regulator leaves at once.
const { renounce } = await setUpCouncil(wallet, client, d, [regulator], delay, { bootstrap: false });
if (renounce) await endCouncilBootstrap(wallet, client, d.council);
await recordDeployment(process.cwd(), identity, d, e.DEPLOYMENTS_FILE);
console.log(
  `CustodyLedger deployed on chain ${chainId} at ${d.address} (proxy, block ${d.deployedOnBlock}, tx ${d.transactionHash}; implementation ${d.implementation})`,
);
console.log(
  `regulator council (AccessManager) at ${d.council}: ${regulator} holds its seat, every action delayed ${delay} s`,
);
console.log(`council quorum (CouncilQuorum) at ${d.quorum}: ${e.COUNCIL_QUORUM} approvals execute an action at once`);
console.log(`cases and pallets (LogisticUnits, not upgradeable) at ${d.units}, block ${d.unitsDeployedOnBlock}`);
console.log(
  renounce
    ? `the deployer ${account.address} renounced its bootstrap roles: it holds no power over the ledger`
    : `the deployer is the regulator: its seat now waits the ${delay} s delay like every council action`,
);
console.log(`recorded in ${e.DEPLOYMENTS_FILE} under ${identity.chainId}:${identity.genesisHash}`);
