/**
 * Every public write of the CustodyLedger, once, on Hardhat's in-process network: the scenario that
 * both the committed gas snapshot (scripts/gas-snapshot.ts) and the gas benchmark (bench/gas.ts)
 * measure. Commitments and proofs are deterministic, so the figures are exactly reproducible.
 */
import type { NetworkConnection } from "hardhat/types/network";
import { encodeFunctionData, keccak256, toHex, type Hex, type Log } from "viem";
import { CN, deployWithRegulator, gln, GTIN, GTIN_PREFIX, onboardings } from "./hardhatLedger.js";
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

export async function runGasScenario({ viem, networkHelpers }: NetworkConnection<"generic">): Promise<GasRun[]> {
  const runs: GasRun[] = [];
  const [deployer, regulator, maker, distributor, pharmacy, pharmacy2, verifier] = await viem.getWalletClients();
  await networkHelpers.time.increaseTo(GAS_EPOCH);
  const { client, deployment, ledger } = await deployWithRegulator(viem, deployer!, regulator!);
  const measure = async (name: string, hash: Promise<Hex>, per = 1) => {
    const receipt = await client.waitForTransactionReceipt({ hash: await hash });
    if (receipt.status !== "success") throw new Error(`${name} failed`);
    const tx = await client.getTransaction({ hash: receipt.transactionHash });
    runs.push({ name, gasUsed: Number(receipt.gasUsed), per, input: tx.input, logs: receipt.logs });
  };
  const reg = { account: regulator!.account };
  const deployReceipt = await client.getTransactionReceipt({ hash: deployment.transactionHash });
  runs.push({ name: "deploy", gasUsed: Number(deployReceipt.gasUsed), per: 1, input: "0x", logs: deployReceipt.logs });

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
    ledger.write.setCompanyPrefixes([maker!.account.address, [GTIN_PREFIX]], reg),
  );
  await measure(
    "updateOrganisation",
    ledger.write.updateOrganisation([pharmacy2!.account.address, 8, gln(5), CN, "Fairview Pharmacy Ltd"], reg),
  );
  await measure("suspend", ledger.write.suspend([pharmacy2!.account.address], reg));
  await measure("reinstate", ledger.write.reinstate([pharmacy2!.account.address], reg));

  const expiresAt = GAS_EPOCH + 365 * 86_400;
  const M = { account: maker!.account };
  const D = { account: distributor!.account };
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
  for (const i of [7, 8, 900_001, 900_002, ...contiguous, ...contiguous2]) used.set(i, fakeCommitment(i));
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
  await measure("cancelShipment", ledger.write.cancelShipment([batchId, pharmacy!.account.address, 5n, ref(4)], D));
  await measure("writeOff", ledger.write.writeOff([batchId, 1n, "Damaged in warehouse"], D));

  await measure(
    "dispense (1M-pack batch, first pack of a 256-pack word)",
    ledger.write.dispense([batchId, ...single(7)], P),
  );
  await measure("dispense (1M-pack batch, later pack of a word)", ledger.write.dispense([batchId, ...single(8)], P));
  const day = GAS_EPOCH / 86_400; // the scenario runs within its first minutes
  await measure("undoDispense (1 pack)", ledger.write.undoDispense([batchId, day, [8n]], P));
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

  const small = await ledger.read.batchIdOf([GTIN, "GAS-ONE"]);
  await measure("quarantine", ledger.write.quarantine([small, "Suspected counterfeit reported"], reg));
  await measure("release", ledger.write.release([small], reg));
  await measure("recall", ledger.write.recall([small, "Out-of-specification assay result"], M));
  return runs;
}
