/**
 * Measures the gas of every public write of the CustodyLedger on the in-process network and writes
 * snapshots/gas.json (committed, so changes show in review). With GAS_CHECK=1 it compares instead
 * and exits 1 when any figure moved. Run: npm run gas  (or GAS_CHECK=1 npm run gas).
 */
import { readFile, writeFile } from "node:fs/promises";
import { network } from "hardhat";
import { PASSKEY_PAIRS, runGasScenario } from "./lib/gasScenario.js";

const SNAPSHOT = "snapshots/gas.json";
/** Targets from the custody-ledger issue (gas per transaction, or per pack for batches of 256). */
const TARGETS: Record<string, number> = {
  "registerBatch (1 pack)": 100_000,
  "registerBatch (1,000,000 packs)": 100_000,
  "ship (manufacturer -> distributor)": 60_000,
  "ship (distributor -> pharmacy)": 60_000,
  "confirmReceipt (first stock of the batch)": 60_000,
  "confirmReceipt (with shortfall)": 60_000,
  "dispense (1M-pack batch, first pack of a 256-pack word)": 70_000,
  "dispense (1M-pack batch, later pack of a word)": 70_000,
  "claim (1M-pack batch, first pack of a word)": 70_000,
  "claim (1M-pack batch, later pack of a word)": 70_000,
  "dispenseMany 256 contiguous packs, per pack": 5_000,
  "claimMany 256 contiguous packs, per pack": 5_000,
};

const gas: Record<string, number> = {};
// Osaka (Hardhat's default, anvil 1.7's): P256VERIFY (EIP-7951) answers at 0x100 for a fixed 6,900 gas. (Without
// it, P256's Solidity fallback costs what the signature's bits make it cost: bench/gas.ts reports that figure.)
for (const run of await runGasScenario(await network.create())) gas[run.name] = Math.round(run.gasUsed / run.per);
// The issue's budget: a passkey write at most 15,000 gas above the same write by a member account.
for (const [account, passkey] of PASSKEY_PAIRS) TARGETS[passkey] = gas[account]! + 15_000;

const rows = Object.entries(gas).map(([name, value]) => ({
  name,
  gas: value,
  target: TARGETS[name] ?? "",
  ok: TARGETS[name] === undefined ? "" : value <= TARGETS[name]! ? "yes" : "NO",
}));
console.table(rows);

const current = JSON.stringify(gas, null, 2) + "\n";
if (process.env.GAS_CHECK === "1") {
  const committed = await readFile(SNAPSHOT, "utf8").catch(() => "{}");
  const before = JSON.parse(committed) as Record<string, number>;
  const changed = Object.keys({ ...before, ...gas }).filter((k) => before[k] !== gas[k]);
  if (changed.length > 0) {
    console.error(
      `gas snapshot out of date (run npm run gas): ${changed.map((k) => `${k}: ${before[k]} -> ${gas[k]}`).join("; ")}`,
    );
    process.exit(1);
  }
  console.log(`gas snapshot: all ${Object.keys(gas).length} figures match ${SNAPSHOT}`);
} else {
  await writeFile(SNAPSHOT, current);
  console.log(`wrote ${SNAPSHOT}`);
}
