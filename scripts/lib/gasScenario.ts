/**
 * Every public write of the CustodyLedger, once, on Hardhat's in-process network: the scenario that
 * both the committed gas snapshot (scripts/gas-snapshot.ts) and the gas benchmark (bench/gas.ts)
 * measure. Commitments and proofs are deterministic, so the figures are exactly reproducible.
 * Council functions are measured as the ledger call the council (the AccessManager) makes, sent from its
 * address, once through the whole AccessManager path (schedule, then execute after the delay), and through
 * the council's quorum (an approval that only counts, and one that executes).
 */
import type { NetworkConnection } from "hardhat/types/network";
import { encodeFunctionData, hexToBytes, keccak256, toHex, type Address, type Hex, type Log } from "viem";
import { councilLedgerCall, PERMIT } from "@tracemed/chain";
import { buildSscc } from "@tracemed/codes";
import { createSoftPasskey, type SoftPasskey } from "@tracemed/chain/node/passkey";
import { CN, COUNCIL_DELAY, deployWithRegulator, gln, GTIN, GTIN_PREFIX, onboardings } from "./hardhatLedger.js";
import { sparseTree } from "./sparseTree.js";

/** One measured transaction: gas used (divided by `per` for per-pack figures), calldata, events. */
export interface GasRun {
  name: string;
  gasUsed: number;
  per: number;
  input: Hex;
  logs: readonly Log[];
}

/** Deterministic stand-ins for pack commitments: calldata cost depends on their bytes, so no randomness. */
const fakeCommitment = (i: number): Hex => keccak256(toHex(`pack:${i}`));

/** The pack count of the large batch, and the 256-pack runs the batch operations use. */
export const LARGE_BATCH = 1_000_000;
export const BATCH_RUN = 256;
/**
 * The chain's clock for the scenario (2100-01-01T00:00Z). Expiries and days are calldata, whose cost
 * depends on how many of their bytes are zero, so a clock taken from the wall made the snapshot
 * differ by 12 gas whenever a byte of `now + 365 days` happened to be zero.
 */
export const GAS_EPOCH = 4_102_444_800;

/** A relayed write's figures beside the same write sent by a member account (the budget: +15,000 gas). */
export const PASSKEY_PAIRS = [
  ["ship (manufacturer -> distributor)", "ship (manufacturer -> distributor), passkey member via relayer"],
  [
    "dispense (1M-pack batch, later pack of a word)",
    "dispense (1M-pack batch, later pack of a word), passkey member via relayer",
  ],
] as const;
/** Intents' deadline: a constant, as calldata cost depends on its bytes (see GAS_EPOCH). */
const INTENT_DEADLINE = GAS_EPOCH + 365 * 86_400;
const hasZeroByte = (h: Hex) => hexToBytes(h).includes(0);

export async function runGasScenario({ viem, networkHelpers }: NetworkConnection<"generic">): Promise<GasRun[]> {
  const runs: GasRun[] = [];
  const [deployer, regulator, maker, distributor, pharmacy, pharmacy2, verifier, operator, operator2, regulator2] =
    await viem.getWalletClients();
  await networkHelpers.time.increaseTo(GAS_EPOCH);
  // A second regulator key sits on the council (not onboarded on the ledger): it approves on the quorum.
  const { client, deployment, ledger, council, quorum, units, renounce } = await deployWithRegulator(
    viem,
    deployer!,
    regulator!,
    [regulator!, regulator2!],
  );
  await renounce();
  // The ledger calls the council makes, sent from its address.
  await networkHelpers.impersonateAccount(deployment.council);
  await networkHelpers.setBalance(deployment.council, 10n ** 18n);
  const C = { account: (await viem.getWalletClient(deployment.council)).account };
  const measure = async (name: string, hash: Promise<Hex>, per = 1) => {
    const receipt = await client.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success") throw new Error(`${name} failed`);
    const tx = await client.getTransaction({ hash: receipt.transactionHash });
    runs.push({ name, gasUsed: Number(receipt.gasUsed), per, input: tx.input, logs: receipt.logs });
  };
  const reg = { account: regulator!.account };
  // deployLedger mines the AccessManager, the implementation, then the proxy: one block each.
  for (const [name, back] of [
    ["deploy (AccessManager)", 2n],
    ["deploy (implementation)", 1n],
    ["deploy (proxy + initialize)", 0n],
  ] as const) {
    const block = await client.getBlock({ blockNumber: deployment.deployedOnBlock - back });
    const receipt = await client.getTransactionReceipt({ hash: block.transactions[0]! });
    runs.push({ name, gasUsed: Number(receipt.gasUsed), per: 1, input: "0x", logs: receipt.logs });
  }
  // The quorum follows the proxy, in the next block.
  const quorumBlock = await client.getBlock({ blockNumber: deployment.deployedOnBlock + 1n });
  const quorumReceipt = await client.getTransactionReceipt({ hash: quorumBlock.transactions[0]! });
  runs.push({
    name: "deploy (CouncilQuorum)",
    gasUsed: Number(quorumReceipt.gasUsed),
    per: 1,
    input: "0x",
    logs: quorumReceipt.logs,
  });

  // The cases-and-pallets contract follows the quorum, in the next block.
  const unitsReceipt = await client.getTransactionReceipt({
    hash: (await client.getBlock({ blockNumber: deployment.unitsDeployedOnBlock })).transactions[0]!,
  });
  runs.push({ name: "deploy (LogisticUnits)", gasUsed: Number(unitsReceipt.gasUsed), per: 1, input: "0x", logs: [] });

  // The first onboarding is measured; the rest of the cast joins unmeasured.
  const [first, ...rest] = onboardings({
    maker: maker!,
    distributor: distributor!,
    pharmacy: pharmacy!,
    pharmacy2: pharmacy2!,
    verifier: verifier!,
  });
  await measure("onboard", ledger.write.onboard(first!, reg));
  for (const args of rest) await ledger.write.onboard(args, reg);
  await measure(
    "setCompanyPrefixes (one 7-digit prefix)",
    ledger.write.setCompanyPrefixes([maker!.account.address, [GTIN_PREFIX]], C),
  );
  await measure(
    "updateOrganisation",
    ledger.write.updateOrganisation([pharmacy2!.account.address, 8, gln(5), CN, "Fairview Pharmacy Ltd"], C),
  );
  await measure("suspend", ledger.write.suspend([pharmacy2!.account.address], C));
  await measure("reinstate", ledger.write.reinstate([pharmacy2!.account.address], C));

  // Members: the distributor's admin adds an operator, changes its permissions, removes it, adds another.
  const D = { account: distributor!.account };
  await measure("addMember", ledger.write.addMember([operator!.account.address, PERMIT.SHIP], D));
  await measure(
    "setMemberPermissions",
    ledger.write.setMemberPermissions([operator!.account.address, PERMIT.SHIP | PERMIT.WRITE_OFF], D),
  );
  await measure("removeMember", ledger.write.removeMember([operator!.account.address], D));
  await ledger.write.addMember([operator!.account.address, PERMIT.SHIP], D);
  await measure(
    "recoverOrganisation",
    ledger.write.recoverOrganisation([pharmacy2!.account.address, operator2!.account.address], C),
  );

  // Passkey members (fixed keys: their calldata must not change between runs) of the maker and the pharmacy;
  // the deployer, a member of nothing, relays their intents.
  const makerClerk = createSoftPasskey({ privateKey: keccak256(toHex("gas: the maker's clerk")) });
  const counterStaff = createSoftPasskey({ privateKey: keccak256(toHex("gas: the pharmacy's counter")) });
  await ledger.write.addMember([makerClerk.member, PERMIT.SHIP], { account: maker!.account });
  await ledger.write.addMember([counterStaff.member, PERMIT.DISPENSE], { account: pharmacy!.account });
  const chainId = await client.getChainId();
  /** Relays the passkey's intent to the ledger, or to LogisticUnits (`on`), which has nonces of its own. */
  const relayed = async (
    passkey: SoftPasskey,
    organisation: Address,
    functionName: string,
    args: unknown[],
    on: typeof ledger | typeof units = ledger,
  ) => {
    const call = encodeFunctionData({ abi: on.abi, functionName, args } as never);
    const nonce = await on.read.intentNonce([passkey.member]);
    const intent = { chainId, ledger: on.address, organisation, call, nonce, deadline: INTENT_DEADLINE };
    // ECDSA's r and s are random: sign again until neither has a zero byte, so the calldata costs the same
    // every run (about 3 tries in 4 succeed).
    for (;;) {
      const signed = passkey.signIntent(intent);
      if (!hasZeroByte(signed[6].r) && !hasZeroByte(signed[6].s)) {
        const relayer = { account: deployer!.account };
        return on === units ? units.write.executeIntent(signed, relayer) : ledger.write.executeIntent(signed, relayer);
      }
    }
  };

  const expiresAt = GAS_EPOCH + 365 * 86_400;
  const M = { account: maker!.account };
  const O = { account: operator!.account }; // the distributor's operator, a member with PERMIT_SHIP
  const P = { account: pharmacy!.account };
  const V = { account: verifier!.account };
  await measure(
    "registerBatch (1 pack)",
    ledger.write.registerBatch([GTIN, "GAS-ONE", expiresAt, 1, fakeCommitment(-1)], M),
  );

  // A 1,000,000-pack batch: depth-20 proofs, as a fully built tree of that size would give.
  const PACKS = LARGE_BATCH;
  const used = new Map<number, Hex>();
  const contiguous = Array.from({ length: 256 }, (_, i) => 4096 + i);
  const contiguous2 = Array.from({ length: 256 }, (_, i) => 8192 + i);
  for (const i of [7, 8, 10, 11, 900_001, 900_002, ...contiguous, ...contiguous2]) used.set(i, fakeCommitment(i));
  const tree = sparseTree(20, used);
  await measure(
    "registerBatch (1,000,000 packs)",
    ledger.write.registerBatch([GTIN, "GAS-MILLION", expiresAt, PACKS, tree.root], M),
  );
  const batchId = await ledger.read.batchIdOf([GTIN, "GAS-MILLION"]);
  const single = (i: number) => [BigInt(i), used.get(i)!, tree.proof(i)] as const;
  const many = (indices: number[]) => {
    const mp = tree.multiProof(indices);
    return [mp.indices, mp.commitments, mp.proof, mp.proofFlags] as const;
  };

  const ref = (n: number) => toHex(n, { size: 32 });
  await measure(
    "ship (manufacturer -> distributor)",
    ledger.write.ship([batchId, distributor!.account.address, 2000n, ref(1)], M),
  );
  // The organisation's first relayed write of the day also starts its day's count: measured from the second.
  await relayed(makerClerk, maker!.account.address, "ship", [batchId, distributor!.account.address, 1n, ref(20)]);
  await measure(
    PASSKEY_PAIRS[0][1],
    relayed(makerClerk, maker!.account.address, "ship", [batchId, distributor!.account.address, 2000n, ref(21)]),
  );
  await measure(
    "confirmReceipt (first stock of the batch)",
    ledger.write.confirmReceipt([batchId, maker!.account.address, 2000n, ref(1), 2000n], D),
  );
  await ledger.write.ship([batchId, distributor!.account.address, 100n, ref(2)], M);
  await measure(
    "confirmReceipt (with shortfall)",
    ledger.write.confirmReceipt([batchId, maker!.account.address, 100n, ref(2), 97n], D),
  );
  await measure(
    "ship (distributor -> pharmacy)",
    ledger.write.ship([batchId, pharmacy!.account.address, 1000n, ref(3)], D),
  );
  await ledger.write.confirmReceipt([batchId, distributor!.account.address, 1000n, ref(3), 1000n], P);
  await ledger.write.ship([batchId, pharmacy!.account.address, 5n, ref(4)], D);
  await measure(
    "cancelShipment (request)",
    ledger.write.cancelShipment([batchId, pharmacy!.account.address, 5n, ref(4)], O),
  );
  await ledger.write.ship([batchId, pharmacy!.account.address, 6n, ref(5)], D);
  await measure("refuseShipment", ledger.write.refuseShipment([batchId, distributor!.account.address, 6n, ref(5)], P));
  await measure("writeOff", ledger.write.writeOff([batchId, 1n, "Damaged in warehouse"], D));

  await measure(
    "dispense (1M-pack batch, first pack of a 256-pack word)",
    ledger.write.dispense([batchId, ...single(7)], P),
  );
  await measure("dispense (1M-pack batch, later pack of a word)", ledger.write.dispense([batchId, ...single(8)], P));
  await relayed(counterStaff, pharmacy!.account.address, "dispense", [batchId, ...single(11)]);
  await measure(
    PASSKEY_PAIRS[1][1],
    relayed(counterStaff, pharmacy!.account.address, "dispense", [batchId, ...single(10)]),
  );
  const hour = GAS_EPOCH / 3_600; // the scenario runs within its first minutes
  await measure("undoDispense (1 pack)", ledger.write.undoDispense([batchId, hour, [8n]], P));
  await measure(
    "dispenseMany 256 contiguous packs, per pack",
    ledger.write.dispenseMany([batchId, ...many(contiguous)], P),
    256,
  );

  await measure("claim (1M-pack batch, first pack of a word)", ledger.write.claim([batchId, ...single(900_001)], V));
  await measure("claim (1M-pack batch, later pack of a word)", ledger.write.claim([batchId, ...single(900_002)], V));
  await measure(
    "claimMany 256 contiguous packs, per pack",
    ledger.write.claimMany([batchId, ...many(contiguous2)], V),
    256,
  );
  await measure(
    "multicall (claim in 2 batches)",
    ledger.write.multicall(
      [
        [
          encodeFunctionData({ abi: ledger.abi, functionName: "claim", args: [batchId, ...single(7)] }),
          encodeFunctionData({ abi: ledger.abi, functionName: "claim", args: [batchId, ...single(8)] }),
        ],
      ],
      V,
    ),
  );

  // Cases of 100 packs of the large batch (the maker holds them), and a pallet of 10 such cases.
  const sscc = (n: number) => BigInt(buildSscc(String(gln(2)), n));
  const caseOf = (n: number) => [{ batchId, indices: Array.from({ length: 100 }, (_, i) => 200_000 + 100 * n + i) }];
  await measure("pack (a case of 100 packs)", units.write.pack([sscc(1), caseOf(1), []], M));
  for (let n = 2; n <= 10; n++) await units.write.pack([sscc(n), caseOf(n), []], M);
  // A passkey clerk's relayed packs: its first of the day here writes its nonce's and the quota's new slots.
  await relayed(makerClerk, maker!.account.address, "pack", [sscc(12), caseOf(12), []], units);
  await measure(
    "pack (a case of 100 packs), passkey member via relayer",
    relayed(makerClerk, maker!.account.address, "pack", [sscc(13), caseOf(13), []], units),
  );
  const cases = Array.from({ length: 10 }, (_, n) => sscc(n + 1));
  await measure("pack (a pallet of 10 cases)", units.write.pack([sscc(11), [], cases], M));
  const none = { batchId: `0x${"00".repeat(32)}` as Hex, from: deployer!.account.address, quantity: 0n };
  await measure("unpack (a pallet of 10 cases, by its holder)", units.write.unpack([sscc(11), none], M));

  const small = await ledger.read.batchIdOf([GTIN, "GAS-ONE"]);
  await measure("quarantine", ledger.write.quarantine([small, "Suspected counterfeit reported"], reg));
  await measure("release", ledger.write.release([small], reg));
  await measure("recall", ledger.write.recall([small, "Out-of-specification assay result"], M));

  // After the clock moves: the cancellation's notice, then a council operation's delay.
  await networkHelpers.time.increase(48 * 3600);
  await measure(
    "completeCancellation",
    ledger.write.completeCancellation([batchId, pharmacy!.account.address, 5n, ref(4)], O),
  );
  const suspendCall = councilLedgerCall("suspend", [pharmacy2!.account.address]);
  await measure("suspend through the council: schedule", council.write.schedule([ledger.address, suspendCall, 0], reg));
  await networkHelpers.time.increase(COUNCIL_DELAY);
  await measure("suspend through the council: execute", council.write.execute([ledger.address, suspendCall], reg));

  // The quorum (threshold 2): the regulator proposes, the second regulator's approval executes at once.
  const R2 = { account: regulator2!.account };
  const proposeAndApprove = async (target: Hex, data: Hex, name?: string) => {
    await council.write.schedule([target, data, 0], reg);
    const approval = quorum.write.approve([regulator!.account.address, target, data], R2);
    if (name) await measure(name, approval);
    else await client.waitForTransactionReceipt({ hash: await approval });
  };
  await proposeAndApprove(
    ledger.address,
    councilLedgerCall("suspend", [verifier!.account.address]),
    "suspend through the quorum: approve (executes)",
  );
  // Raised to 3 the same way, so that the next approval falls one short and only counts.
  const raise = encodeFunctionData({ abi: quorum.abi, functionName: "setThreshold", args: [3] });
  await proposeAndApprove(quorum.address, raise);
  await proposeAndApprove(
    ledger.address,
    councilLedgerCall("reinstate", [verifier!.account.address]),
    "approve (below the quorum)",
  );
  return runs;
}
