/**
 * The chain every test world stands on: a real anvil (or Hardhat's node with TEST_EVM=hardhat), the real ledger deployed by anvil account 0,
 * and the cast of organisations onboarded by the regulator, always the same accounts, names and
 * GLNs. The worlds (world.ts, coded.ts) and the indexer benchmark start it; they add a database and
 * what they write to the chain.
 */
import {
  accessManagerAbi,
  compiledLedger,
  councilExecute,
  councilQuorumAbi,
  countryToBytes2,
  custodyLedgerAbi,
  logisticUnitsAbi,
  deployLedger,
  ledgerChain,
  ROLE,
  setUpCouncil,
  type CouncilFunction,
} from "@tracemed/chain";
import { ANVIL_CHAIN_ID, ANVIL_MNEMONIC } from "@tracemed/chain/node";
import { NO_RESTART, startTestEvm, TEST_EVM } from "@tracemed/chain/node/hardhat";
import { withCheckDigit } from "@tracemed/codes";
import type { Db } from "@tracemed/db";
import { freePort } from "@tracemed/db/testing";
import { setTimeout as sleep } from "node:timers/promises";
import {
  createPublicClient,
  createWalletClient,
  getContract,
  http,
  type Address,
  type Hex,
  type PublicClient,
  zeroAddress,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { Indexer, type IndexerConfig } from "../indexer";

export { NO_RESTART, TEST_EVM };

const account = (i: number) => mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: i });
const gln = (n: number) => BigInt(withCheckDigit(String(690123400000 + n)));

/** The anvil accounts of the cast (deterministic: tests may name them before the chain starts). */
export const CAST = {
  deployer: account(0),
  regulator: account(1),
  maker: account(2),
  distributor: account(3),
  pharmacy: account(4),
  verifier: account(5),
};
export type CastAccount = (typeof CAST)[keyof typeof CAST];

/** Accounts that are no organisation's founding key: tests make them members (clerks) of one. */
export const MEMBERS = {
  makerClerk: account(6),
  distributorClerk: account(7),
  pharmacyClerk: account(8),
};

/** Seconds a regulator's council operation waits in the test worlds (the deployer's bootstrap seat waits none). */
export const TEST_COUNCIL_DELAY = 60;
export type Party = Exclude<keyof typeof CAST, "deployer">;

/** A party's account as the database stores it (lower case). */
export const accountOf = (party: Party): string => CAST[party].address.toLowerCase();

export interface OrgIdentity {
  address: Address;
  /** 13 digits */
  gln: string;
  name: string;
  country: string;
}

const REGULATOR = "Regulator";
/** The maker's GS1 company prefixes: the worlds' GTINs 0690123456001 and 09521234543213 are under them. */
export const MAKER_PREFIXES = ["6901234", "9521234"] as const;
/** Onboarded by the regulator in this order, with GLNs 2, 3, … (the regulator's is 1). */
const ONBOARDED = [
  ["maker", { name: "Huaxin Pharmaceutical", roles: ROLE.MANUFACTURER }],
  ["distributor", { name: "Eastern Distribution", roles: ROLE.DISTRIBUTOR }],
  ["pharmacy", { name: "Renmin Road Pharmacy", roles: ROLE.PHARMACY }],
  ["verifier", { name: "Verifier", roles: ROLE.VERIFIER }],
] as const;

const identity = (party: Party, name: string, n: number): OrgIdentity => ({
  address: CAST[party].address,
  gln: gln(n).toString().padStart(13, "0"),
  name,
  country: "CN",
});

/** Each organisation's identity as onboarded, for tests that look parties up. */
export const ORGS = Object.fromEntries([
  ["regulator", identity("regulator", REGULATOR, 1)],
  ...ONBOARDED.map(([party, { name }], i) => [party, identity(party, name, 2 + i)]),
]) as Record<Party, OrgIdentity>;

export interface LedgerDeployment {
  address: Address;
  deployedOnBlock: number;
  /** the regulator council (AccessManager) the ledger obeys */
  council: Address;
  /** the council's quorum (CouncilQuorum), where council members approve each other's proposals */
  quorum: Address;
  /** cases and pallets (LogisticUnits), deployed with the ledger; absent from chains saved before it */
  units?: Address;
}

/**
 * Starts anvil with its state in `chainDir` and deploys the ledger with the cast onboarded, or,
 * given `deployed`, finds that ledger already in the state the folder holds.
 */
export async function startLedger(chainDir: string, deployed?: LedgerDeployment) {
  const port = await freePort();
  let chain = await startTestEvm(chainDir, port);
  const evm = ledgerChain(ANVIL_CHAIN_ID, chain.url);
  const transport = http(chain.url, { retryCount: 0 });
  // cacheTime 0: tests compare the chain's head with what was indexed, and a head viem had cached for its
  // polling interval made a lagging indexer look caught up (CI saw it).
  const client = createPublicClient({ chain: evm, transport, pollingInterval: 20, cacheTime: 0 }) as PublicClient;
  const wait = async (h: Promise<Hex>) => {
    const receipt = await client.waitForTransactionReceipt({ hash: await h, pollingInterval: 10 });
    if (receipt.status !== "success") throw new Error(`transaction ${receipt.transactionHash} reverted`);
    return receipt;
  };
  const contractAt = (address: Address, as: CastAccount) =>
    getContract({
      address,
      abi: custodyLedgerAbi,
      client: { public: client, wallet: createWalletClient({ account: as, chain: evm, transport }) },
    });

  const deployer = createWalletClient({ account: CAST.deployer, chain: evm, transport });

  /**
   * The deployment with its cast. The regulator holds its council seat with TEST_COUNCIL_DELAY; the
   * deployer keeps its bootstrap seat (no delay), through which the worlds make the council's writes
   * (asCouncil) without waiting; a test of the council itself schedules as the regulator.
   */
  async function deployWithCast(): Promise<LedgerDeployment> {
    const d = await deployLedger(deployer, client, compiledLedger, {
      account: CAST.regulator.address,
      gln: gln(1),
      country: "CN",
      name: REGULATOR,
    });
    await setUpCouncil(deployer, client, d, [CAST.regulator.address], TEST_COUNCIL_DELAY);
    const asRegulator = contractAt(d.address, CAST.regulator);
    for (const [party, { name, roles }] of ONBOARDED) {
      const org = ORGS[party];
      await wait(asRegulator.write.onboard([org.address, roles, BigInt(org.gln), countryToBytes2("CN"), name]));
    }
    await councilExecute(deployer, client, d, "setCompanyPrefixes", [ORGS.maker.address, [...MAKER_PREFIXES]]);
    return {
      address: d.address,
      deployedOnBlock: Number(d.deployedOnBlock),
      council: d.council,
      quorum: d.quorum,
      units: d.units,
    };
  }

  const ledger = deployed ?? (await deployWithCast());

  const councilAt = (as: CastAccount) =>
    getContract({
      address: ledger.council,
      abi: accessManagerAbi,
      client: { public: client, wallet: createWalletClient({ account: as, chain: evm, transport }) },
    });

  const quorumAt = (as: CastAccount) =>
    getContract({
      address: ledger.quorum,
      abi: councilQuorumAbi,
      client: { public: client, wallet: createWalletClient({ account: as, chain: evm, transport }) },
    });

  return {
    client,
    chainId: ANVIL_CHAIN_ID,
    ledger,
    cast: CAST,
    orgs: ORGS,
    /** The ledger as one of the cast, for reads and writes. */
    contract: (as: CastAccount) => contractAt(ledger.address, as),
    /** Cases and pallets (LogisticUnits) as one of the cast. */
    units: (as: CastAccount) =>
      getContract({
        address: ledger.units ?? zeroAddress,
        abi: logisticUnitsAbi,
        client: { public: client, wallet: createWalletClient({ account: as, chain: evm, transport }) },
      }),
    /** A council-only ledger write, made at once through the deployer's bootstrap seat on the council. */
    asCouncil: (functionName: CouncilFunction, args: readonly unknown[]) =>
      wait(councilExecute(deployer, client, ledger, functionName, args)),
    /**
     * The council (AccessManager) as one of the cast, and the delay its regulator waits; its quorum as one of the
     * cast or as the deployer (whose bootstrap seat makes it the council's second member).
     */
    council: () => ({
      as: (party: Party) => councilAt(CAST[party]),
      delay: TEST_COUNCIL_DELAY,
      quorumAs: (as: Party | "deployer") => quorumAt(CAST[as]),
    }),
    /** Waits for a write's receipt; a write that reverted throws. */
    wait,
    chainUrl: () => chain.url,
    /** An indexer of this ledger into `db`, polling and leasing briefly as tests want. */
    indexer: (db: Db, extra: Partial<IndexerConfig> = {}) =>
      new Indexer({
        db,
        client,
        chainId: ANVIL_CHAIN_ID,
        ledger,
        council: { address: ledger.council },
        quorum: { address: ledger.quorum },
        ...(ledger.units ? { units: { address: ledger.units } } : {}),
        pollMs: 20,
        leaseMs: 1_000,
        ...extra,
      }),
    /** Stops anvil (SIGTERM dumps its state, SIGKILL may lose the last second) and starts it again on the same port. */
    async restartChain(signal: "SIGTERM" | "SIGKILL" = "SIGTERM") {
      if (NO_RESTART) throw new Error(NO_RESTART);
      if (signal === "SIGKILL") chain.process.kill("SIGKILL");
      await chain.stop();
      chain = await startTestEvm(chainDir, port);
    },
    stopChain: () => chain.stop(),
    /** SIGKILLs the node alone: its JSON-RPC front stays up and answers every call with an error. */
    killChainNode: () => void chain.process.kill("SIGKILL"),
    /** A raw JSON-RPC call to the node. */
    rpc: <T>(method: string, params: unknown[] = []) =>
      client.request({ method: method as never, params: params as never }) as Promise<T>,
    /** Mines `blocks` empty blocks (each EVM has its own method for it). */
    mine: (blocks: number) =>
      client.request({
        method: (TEST_EVM === "hardhat" ? "hardhat_mine" : "anvil_mine") as never,
        params: [`0x${blocks.toString(16)}`] as never,
      }),
  };
}

export type Ledger = Awaited<ReturnType<typeof startLedger>>;

/** Steps `ix` until it has nothing left to do, waiting out another holder's lease if need be. */
export async function catchUp(ix: Indexer, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await ix.step();
    if (r.kind === "idle") return;
    if (r.kind === "follower") await sleep(100);
    if (Date.now() > until) throw new Error(`not caught up after ${timeoutMs} ms (last step: ${r.kind})`);
  }
}
