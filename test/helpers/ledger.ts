/**
 * Contract-test world: the real deploy function, the cast of organisations (scripts/lib/hardhatLedger.ts),
 * and batches whose packs tree is built with OpenZeppelin's reference StandardMerkleTree.
 */
import assert from "node:assert/strict";
import { network } from "hardhat";
import { BaseError, ContractFunctionRevertedError, getAddress, toHex, type Address, type Hex } from "viem";
import { councilLedgerCall, type CouncilFunction } from "@tracemed/chain";
import {
  CN,
  COUNCIL_DELAY,
  deployWithRegulator,
  gln,
  GTIN,
  GTIN_PREFIX,
  onboardings,
  ROLE,
} from "../../scripts/lib/hardhatLedger.js";

export { ALL_ROLES, CN, COUNCIL_DELAY, gln, GTIN, ROLE } from "../../scripts/lib/hardhatLedger.js";
export { PERMIT } from "@tracemed/chain";
export const CUSTODY = ROLE.MANUFACTURER | ROLE.DISTRIBUTOR | ROLE.PHARMACY;
export const DAY = 86_400n;

export { withCheckDigit } from "../../scripts/lib/gs1.js";
import { withCheckDigit } from "../../scripts/lib/gs1.js";

/** Each manufacturer of the cast registers its own company prefix's GTINs (item reference 54321). */
export const PREFIX = { maker: GTIN_PREFIX, maker2: "9521235", allRoles: "9521236" } as const;
export const gtinUnder = (prefix: string): bigint => withCheckDigit(BigInt(`${prefix}54321`));

/** `network` overrides the in-process network (e.g. `{ override: { hardfork: "prague" } }`). */
export async function deployWorld(network_?: Parameters<typeof network.create>[0]) {
  const connection = await network.create(network_);
  const { viem, networkHelpers } = connection;
  const wallets = await viem.getWalletClients();
  const [
    deployer,
    regulator,
    maker,
    maker2,
    distributor,
    distributor2,
    pharmacy,
    pharmacy2,
    verifier,
    allRoles,
    stranger,
    regulator2,
    ...spare
  ] = wallets;
  assert.ok(regulator2 && spare.length >= 6, "the in-process network has at least 18 accounts");
  const { client, deployment, ledger, council, quorum, units, bootstrap, renounce } = await deployWithRegulator(
    viem,
    deployer!,
    regulator!,
    [regulator!, regulator2],
  );
  const cast = {
    maker: maker!,
    maker2: maker2!,
    distributor: distributor!,
    distributor2: distributor2!,
    pharmacy: pharmacy!,
    pharmacy2: pharmacy2!,
    verifier: verifier!,
    allRoles: allRoles!,
  };
  // A regulator member onboards at once; an organisation with the regulator role needs the council.
  for (const args of onboardings(cast)) {
    if (args[1] & ROLE.REGULATOR) await bootstrap("onboard", args);
    else await ledger.write.onboard(args, { account: regulator!.account });
  }
  // The second regulator (GLN after the cast's) and the prefixes are the council's: the bootstrap key
  // sets them up, then renounces, so every later council operation waits COUNCIL_DELAY.
  const castSize = Object.keys(cast).length;
  await bootstrap("onboard", [regulator2.account.address, ROLE.REGULATOR, gln(2 + castSize), CN, "Second Regulator"]);
  for (const [wallet, prefix] of [
    [maker!, PREFIX.maker],
    [maker2!, PREFIX.maker2],
    [allRoles!, PREFIX.allRoles],
  ] as const) {
    await bootstrap("setCompanyPrefixes", [wallet.account.address, [prefix]]);
  }
  await renounce();
  // The council's own address, for tests of what the ledger does once the council calls it (the
  // AccessManager path with its delay is test/Council.test.ts's).
  await networkHelpers.impersonateAccount(deployment.council);
  await networkHelpers.setBalance(deployment.council, 10n ** 18n);
  const councilWallet = await viem.getWalletClient(deployment.council);
  /** The GTIN a wallet registers its batches under: its own prefix's, or the GS1 example's. */
  const gtinOf = (wallet: { account: { address: Address } }): bigint => {
    const a = getAddress(wallet.account.address);
    if (a === getAddress(maker2!.account.address)) return gtinUnder(PREFIX.maker2);
    if (a === getAddress(allRoles!.account.address)) return gtinUnder(PREFIX.allRoles);
    return GTIN;
  };
  type Signer = typeof regulator2;
  /** `proposer` schedules the ledger call on the council; returns the calldata execute needs. */
  const propose = async (proposer: Signer, functionName: CouncilFunction, args: readonly unknown[]) => {
    const data = councilLedgerCall(functionName, args);
    await council.write.schedule([deployment.address, data, 0], { account: proposer.account });
    return data;
  };
  /** The whole council path: `proposer` schedules, the delay passes, `proposer` executes. */
  const throughCouncil = async (proposer: Signer, functionName: CouncilFunction, args: readonly unknown[]) => {
    const data = await propose(proposer, functionName, args);
    await networkHelpers.time.increase(COUNCIL_DELAY);
    await council.write.execute([deployment.address, data], { account: proposer.account });
  };
  const world = {
    connection,
    viem,
    networkHelpers,
    client,
    ledger,
    council,
    /** The council's quorum (CouncilQuorum, COUNCIL_QUORUM approvals). */
    quorum,
    /** Cases and pallets (LogisticUnits), deployed with the ledger. */
    units,
    deployment,
    regulator: regulator!,
    regulator2,
    ...cast,
    stranger: stranger!,
    /** Accounts that belong to no organisation yet, for members. */
    spare,
    gtinOf,
    propose,
    throughCouncil,
    /** Sends a ledger write from the council's address (as AccessManager.execute does). */
    asCouncil: { account: councilWallet.account },
    councilWallet,
    /**
     * Asserts that every custom error of the ledger (or of `abi`) whose name matches `names` (a contract's own errors,
     * by their domain prefix) was reached by an expectRevert with its arguments checked. Call it from a
     * file's last test, after the tests that reach them.
     */
    expectEveryErrorReached(names: RegExp, abi: readonly { type: string; name?: string }[] = ledger.abi) {
      const errors = abi
        .filter((x) => x.type === "error")
        .map((x) => (x as { name: string }).name)
        .filter((name) => names.test(name));
      assert.ok(errors.length > 0, `no custom error matches ${names}`);
      const missing = errors.filter((e) => !revertsSeen.has(e));
      assert.deepEqual(missing, [], `custom errors never reached with arguments checked: ${missing.join(", ")}`);
    },
  };
  return world;
}

export type World = Awaited<ReturnType<typeof deployWorld>>;
export type Wallet = World["maker"];

let lotCounter = 0;

export { makePacks, type Packs } from "../../scripts/lib/packs.js";
import { makePacks } from "../../scripts/lib/packs.js";

/** Registers a fresh batch of `count` packs for `by` (under its own company prefix), expiring in a year. */
export async function registerBatch(w: World, by: Wallet, count = 16, expiresIn = 365n * DAY) {
  const packs = makePacks(count);
  const lot = `LOT${++lotCounter}`;
  const now = await w.networkHelpers.time.latest();
  const expiresAt = Number(BigInt(now) + expiresIn);
  const gtin = w.gtinOf(by);
  await w.ledger.write.registerBatch([gtin, lot, expiresAt, count, packs.root], { account: by.account });
  const batchId = await w.ledger.read.batchIdOf([gtin, lot]);
  return { batchId, gtin, lot, packs, expiresAt, count };
}

let refCounter = 0;
export const nextRef = (): Hex => toHex(++refCounter, { size: 32 });

/** Ships `quantity` from `from` to `to` and has `to` confirm all of it. */
export async function give(w: World, batchId: Hex, from: Wallet, to: Wallet, quantity: bigint) {
  const ref = nextRef();
  await w.ledger.write.ship([batchId, to.account.address, quantity, ref], { account: from.account });
  await w.ledger.write.confirmReceipt([batchId, from.account.address, quantity, ref, quantity], {
    account: to.account,
  });
}

export const addr = (w: Wallet): Address => getAddress(w.account.address);

/** Custom errors that some expectRevert in this process has seen, for the coverage check. */
export const revertsSeen = new Set<string>();

/** Asserts that `call` reverts with the custom error `name` (and `args`, when given). */
export async function expectRevert(call: Promise<unknown>, name: string, args?: readonly unknown[]) {
  let error: unknown;
  try {
    await call;
  } catch (e) {
    error = e;
  }
  assert.ok(error, `expected a revert with ${name}, but the call succeeded`);
  const reverted =
    error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined;
  assert.ok(
    reverted instanceof ContractFunctionRevertedError,
    `expected a revert with ${name}, got: ${String((error as Error).message).slice(0, 300)}`,
  );
  assert.equal(reverted.data?.errorName, name, `expected ${name}, got ${reverted.data?.errorName}`);
  if (args) {
    assert.deepEqual(reverted.data?.args ?? [], args);
    revertsSeen.add(name);
  }
}
