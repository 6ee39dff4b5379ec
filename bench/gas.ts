/**
 * Gas of every public write of the CustodyLedger beside (a) its theoretical floor from the EVM gas
 * schedule and (b) a naive reference contract that stores one slot per pack (bench/contracts/
 * NaiveCustody.sol, the design most open-source traceability projects use), measured in the same
 * run on Hardhat's in-process network (prague rules).
 *
 * Run: bash scripts/node.sh npx hardhat run bench/gas.ts   (part of `npm run bench`)
 *
 * The floor of a transaction = 21,000 (intrinsic) + its calldata (4 gas per zero byte, 16 per other
 * byte; or EIP-7623's 10/40 floor when higher) + the storage it must change to record its fact
 * (22,100 per slot written from zero, cold; 5,000 per existing slot changed, cold) + the events it
 * emits (375 + 375 per topic + 8 per data byte) + the keccak work of its Merkle proofs (42 gas per
 * 64-byte hash). "Must change" is the minimum any design recording the same facts needs: e.g. a
 * shipment is one new record and one changed stock; a dispense one bit in a fresh or used word and
 * one changed stock. What the ledger spends above the floor is checking (roles, status, expiry) and
 * features the floor does not pay for (the per-day bitmap that makes undo provable).
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { network } from "hardhat";
import { hexToBytes, keccak256, toHex, type Hex } from "viem";
import { BATCH_RUN, LARGE_BATCH, PASSKEY_PAIRS, runGasScenario, type GasRun } from "../scripts/lib/gasScenario.js";
import { row, saveResults, type ResultRow } from "./suite/results.js";

const require = createRequire(import.meta.url);
const FRESH = 22_100;
const CHANGED = 5_000;
const HASH = 42;
const DEPTH = Math.ceil(Math.log2(LARGE_BATCH)); // 20

/** Storage a write must change, and proof hashes it must do (per transaction). */
const REQUIRED: Record<string, { fresh: number; changed: number; hashes?: number }> = {
  // the organisation record, its name, its GLN's holder (GLNs are unique) and its founding admin's membership
  onboard: { fresh: 4, changed: 0 },
  // the organisation's slot; the prefix's holder and, for each shorter prefix (4 to 6 digits), its count
  "setCompanyPrefixes (one 7-digit prefix)": { fresh: 4, changed: 1 },
  updateOrganisation: { fresh: 0, changed: 1 },
  addMember: { fresh: 1, changed: 0 }, // the member's slot (an operator: the admin count does not change)
  setMemberPermissions: { fresh: 0, changed: 1 },
  removeMember: { fresh: 0, changed: 1 },
  recoverOrganisation: { fresh: 1, changed: 1 }, // the new admin's slot; the organisation's admin count
  suspend: { fresh: 0, changed: 1 },
  reinstate: { fresh: 0, changed: 1 },
  "registerBatch (1 pack)": { fresh: 2, changed: 0 }, // the root, and count/expiry/maker/status packed
  "registerBatch (1,000,000 packs)": { fresh: 2, changed: 0 },
  "ship (manufacturer -> distributor)": { fresh: 1, changed: 1 }, // the shipment; the sender's stock
  "ship (distributor -> pharmacy)": { fresh: 1, changed: 1 },
  "confirmReceipt (first stock of the batch)": { fresh: 1, changed: 1 }, // the recipient's stock; the shipment
  "confirmReceipt (with shortfall)": { fresh: 0, changed: 2 },
  "cancelShipment (request)": { fresh: 0, changed: 1 }, // the shipment's status and request time, one slot
  refuseShipment: { fresh: 0, changed: 2 }, // the shipment; the sender's stock
  completeCancellation: { fresh: 0, changed: 2 },
  // The AccessManager's schedule (one fresh slot), then its execution (the schedule consumed; the organisation).
  "suspend through the council: schedule": { fresh: 1, changed: 0 },
  "suspend through the council: execute": { fresh: 0, changed: 2 },
  // The quorum: an approval that only counts records who approved (one fresh slot; the count beside it is the
  // quorum's own); the one that executes also clears the schedule and changes the organisation's slot.
  "approve (below the quorum)": { fresh: 1, changed: 0 },
  "suspend through the quorum: approve (executes)": { fresh: 1, changed: 2 },
  writeOff: { fresh: 0, changed: 1 },
  "dispense (1M-pack batch, first pack of a 256-pack word)": { fresh: 1, changed: 1, hashes: DEPTH + 2 },
  "dispense (1M-pack batch, later pack of a word)": { fresh: 0, changed: 2, hashes: DEPTH + 2 },
  "undoDispense (1 pack)": { fresh: 0, changed: 2 },
  // 256 contiguous packs in one word: 2 hashes per leaf, 255 inside the run, DEPTH - 8 above it.
  "dispenseMany 256 contiguous packs, per pack": { fresh: 1, changed: 1, hashes: 2 * 256 + 255 + DEPTH - 8 },
  "claim (1M-pack batch, first pack of a word)": { fresh: 1, changed: 0, hashes: DEPTH + 2 },
  "claim (1M-pack batch, later pack of a word)": { fresh: 0, changed: 1, hashes: DEPTH + 2 },
  "claimMany 256 contiguous packs, per pack": { fresh: 1, changed: 0, hashes: 2 * 256 + 255 + DEPTH - 8 },
  "multicall (claim in 2 batches)": { fresh: 0, changed: 2, hashes: 2 * (DEPTH + 2) },
  quarantine: { fresh: 0, changed: 1 },
  release: { fresh: 0, changed: 1 },
  recall: { fresh: 0, changed: 1 },
};

function calldataGas(input: Hex): number {
  let zero = 0;
  let other = 0;
  for (const b of hexToBytes(input)) {
    if (b === 0) zero++;
    else other++;
  }
  return zero * 4 + other * 16; // standard pricing; the EIP-7623 floor is applied on the total
}

function floorOf(run: GasRun): number | undefined {
  const need = REQUIRED[run.name];
  if (!need) return undefined;
  const bytes = hexToBytes(run.input);
  const tokens = bytes.reduce((t, b) => t + (b === 0 ? 1 : 4), 0);
  const logs = run.logs.reduce((g, l) => g + 375 + 375 * l.topics.length + 8 * (hexToBytes(l.data).length || 0), 0);
  const execution = need.fresh * FRESH + need.changed * CHANGED + (need.hashes ?? 0) * HASH + logs;
  const standard = 21_000 + calldataGas(run.input) + execution;
  return Math.max(standard, 21_000 + 10 * tokens) / run.per;
}

/** The naive contract, compiled with the same compiler and settings as the ledger. */
async function compileNaive(): Promise<{ abi: unknown[]; bytecode: Hex }> {
  const solc = require("solc") as { compile(input: string): string };
  const file = path.join(import.meta.dirname, "contracts", "NaiveCustody.sol");
  const out = JSON.parse(
    solc.compile(
      JSON.stringify({
        language: "Solidity",
        sources: { "NaiveCustody.sol": { content: await readFile(file, "utf8") } },
        settings: {
          optimizer: { enabled: true, runs: 10_000 },
          evmVersion: "prague",
          viaIR: true,
          outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
        },
      }),
    ),
  ) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>;
  };
  const errors = (out.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  const c = out.contracts["NaiveCustody.sol"]!["NaiveCustody"]!;
  return { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` };
}

async function measureNaive(): Promise<Record<string, number>> {
  const { viem } = await network.create();
  const client = await viem.getPublicClient();
  const [maker, distributor, pharmacy] = await viem.getWalletClients();
  const { abi, bytecode } = await compileNaive();
  const deployHash = await maker!.deployContract({ abi, bytecode });
  const address = (await client.waitForTransactionReceipt({ hash: deployHash })).contractAddress!;
  const c = { abi, address } as const;
  const gas: Record<string, number> = {};
  const send = async (name: string, account: typeof maker, functionName: string, args: unknown[], per = 1) => {
    const hash = await account!.writeContract({ ...c, functionName, args, chain: undefined } as never);
    const receipt = await client.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`naive ${name} failed`);
    gas[name] = Number(receipt.gasUsed) / per;
  };
  await send("member", maker, "addMember", [distributor!.account.address]);
  await send("member", maker, "addMember", [pharmacy!.account.address]);
  const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => keccak256(toHex(`naive:${from + i}`)));
  const expires = Math.floor(Date.now() / 1000) + 365 * 86_400;
  await send("register 1", maker, "register", [ids(0, 1), expires]);
  await send("register per pack", maker, "register", [ids(1, BATCH_RUN), expires], BATCH_RUN);
  await send("ship per pack", maker, "ship", [ids(1, BATCH_RUN), distributor!.account.address], BATCH_RUN);
  await send("receive per pack", distributor, "receive_", [ids(1, BATCH_RUN)], BATCH_RUN);
  await send("ship 2 per pack", distributor, "ship", [ids(1, 128), pharmacy!.account.address], 128);
  await send("receive 2 per pack", pharmacy, "receive_", [ids(1, 128)], 128);
  await send("dispense 1", pharmacy, "dispense", [ids(1, 1)]);
  await send("dispense per pack", pharmacy, "dispense", [ids(2, 127)], 127);
  return gas;
}

const runs = await runGasScenario(await network.create());
const naive = await measureNaive();
const per = (r: GasRun) => r.gasUsed / r.per;
const by = new Map(runs.map((r) => [r.name, r]));
const rows: ResultRow[] = [];
for (const run of runs) {
  const floor = floorOf(run);
  if (floor !== undefined)
    rows.push(row(`gas: ${run.name}`, per(run), "gas", "theoretical floor (EVM gas schedule)", floor));
}
// Against the naive design, for the same business fact. Our ship moves any quantity in one record;
// the naive contract pays per pack, so its figure is for the quantity our scenario shipped.
const naiveRows: [string, string, number][] = [
  ["registerBatch (1 pack)", "naive register, 1 pack", naive["register 1"]!],
  [
    "registerBatch (1,000,000 packs)",
    "naive register, 1,000,000 packs (per-pack cost x 1M)",
    naive["register per pack"]! * LARGE_BATCH,
  ],
  [
    "ship (manufacturer -> distributor)",
    "naive ship, 2,000 packs (per-pack cost x 2,000)",
    naive["ship per pack"]! * 2000,
  ],
  [
    "confirmReceipt (first stock of the batch)",
    "naive receive, 2,000 packs (per-pack cost x 2,000)",
    naive["receive per pack"]! * 2000,
  ],
  [
    "ship (distributor -> pharmacy)",
    "naive ship, 1,000 packs (per-pack cost x 1,000)",
    naive["ship 2 per pack"]! * 1000,
  ],
  ["dispense (1M-pack batch, later pack of a word)", "naive dispense, 1 pack", naive["dispense 1"]!],
  ["dispenseMany 256 contiguous packs, per pack", "naive dispense of 127 packs, per pack", naive["dispense per pack"]!],
];
for (const [ours, baseline, value] of naiveRows) {
  rows.push(row(`gas vs naive: ${ours}`, per(by.get(ours)!), "gas", baseline, value));
}
// A passkey member's write, relayed, beside the same write sent by a member account (the budget: +15,000),
// and on prague, whose missing P256VERIFY precompile leaves the signature to OpenZeppelin's Solidity fallback.
const prague = await runGasScenario(await network.create({ override: { hardfork: "prague" } }));
for (const [account, passkey] of PASSKEY_PAIRS) {
  const relayed = per(by.get(passkey)!);
  rows.push(
    row(`gas vs member account: ${passkey}`, relayed, "gas", `${account}, member account`, per(by.get(account)!)),
  );
  const fallback = prague.find((r) => r.name === passkey)!.gasUsed;
  rows.push(
    row(`gas on prague (P256 fallback): ${passkey}`, fallback, "gas", "osaka (P256VERIFY precompile)", relayed),
  );
}
await saveResults("gas", rows);
