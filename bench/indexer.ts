/**
 * Indexer ingest rate: events per second from the embedded chain into the embedded database (PGlite)
 * and into PostgreSQL 15, beside a naive baseline measured in the same run (one INSERT per event, no
 * projections). Run: bash scripts/node.sh node --import tsx bench/indexer.ts [events]
 * (BENCH_CHAIN_DIR=folder keeps the generated chain and reuses it on the next run of the same size).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { setTimeout as sleep } from "node:timers/promises";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { custodyLedgerAbi } from "@tracemed/chain";
import { ANVIL_CHAIN_ID } from "@tracemed/chain/node";
import { withCheckDigit } from "@tracemed/codes";
import { createDb, migrate } from "@tracemed/db";
import { startTestPostgres } from "@tracemed/db/testing";
import { Indexer } from "@tracemed/indexer";
import { CAST, startLedger, type Ledger } from "@tracemed/indexer/testing";
import { encodeFunctionData, toHex, type Address, type Log } from "viem";
import { startEmbeddedDbProcess } from "./lib/embeddedDb";
import { row, saveResults, type ResultRow } from "./suite/results";

const EVENTS = Number(process.argv[2] ?? 20_000);
const PER_TX = 200;
const dir = await mkdtemp(path.join(tmpdir(), "tracemed-bench-idx-"));
// BENCH_CHAIN_DIR keeps the generated chain (anvil state + deployment) for the next run of the same size.
const chainDir = process.env.BENCH_CHAIN_DIR ? path.resolve(process.env.BENCH_CHAIN_DIR) : path.join(dir, "chain");
const savedFile = path.join(chainDir, `deployment-${EVENTS}.json`);
const saved = JSON.parse(await readFile(savedFile, "utf8").catch(() => "null")) as {
  address: Address;
  deployedOnBlock: string | number;
  council: Address;
  quorum: Address;
  units?: Address;
} | null;
// The test chain: the ledger deployed and the cast onboarded, or the saved run's ledger in its state.
const chain = await startLedger(
  chainDir,
  saved
    ? {
        address: saved.address,
        deployedOnBlock: Number(saved.deployedOnBlock),
        council: saved.council,
        quorum: saved.quorum,
        units: saved.units,
      }
    : undefined,
);
const { client, ledger } = chain;
if (!saved) {
  await generate(chain);
  await sleep(1_100); // anvil writes its state every second
  await writeFile(savedFile, JSON.stringify(ledger));
}

/** One batch, then EVENTS custody events: maker -> distributor shipments and their receipts, PER_TX a transaction. */
async function generate({ contract, wait }: Ledger) {
  const maker = contract(CAST.maker);
  const distributor = contract(CAST.distributor);
  const gtin = BigInt(withCheckDigit("0690123456001"));
  await wait(
    maker.write.registerBatch([
      gtin,
      "BENCH",
      Math.floor(Date.now() / 1000) + 86_400 * 365,
      1_000_000,
      toHex(1n, { size: 32 }),
    ]),
  );
  const batchId = await maker.read.batchIdOf([gtin, "BENCH"]);

  console.log(`generating ${EVENTS} custody events on anvil (${PER_TX} per transaction)…`);
  let ref = 0;
  for (let made = 0; made < EVENTS; made += 2 * PER_TX) {
    const refs = Array.from({ length: PER_TX }, () => toHex(++ref, { size: 32 }));
    const ships = refs.map((r) =>
      encodeFunctionData({
        abi: custodyLedgerAbi,
        functionName: "ship",
        args: [batchId, CAST.distributor.address, 1n, r],
      }),
    );
    const receipts = refs.map((r) =>
      encodeFunctionData({
        abi: custodyLedgerAbi,
        functionName: "confirmReceipt",
        args: [batchId, CAST.maker.address, 1n, r, 1n],
      }),
    );
    await wait(maker.write.multicall([ships], { gas: 25_000_000n }));
    await wait(distributor.write.multicall([receipts], { gas: 25_000_000n }));
  }
}
const logs: Log[] = [];
const head = await client.getBlockNumber();
for (let b = BigInt(ledger.deployedOnBlock); b <= head; b += 10n) {
  logs.push(
    ...((await client.getLogs({
      address: ledger.address,
      fromBlock: b,
      toBlock: b + 9n > head ? head : b + 9n,
    })) as Log[]),
  );
}
console.log(`${logs.length} events in ${await client.getBlockNumber()} blocks`);

const rows: ResultRow[] = [];

async function measure(label: string, url: string) {
  await migrate(url);
  // Baseline: the naive indexer, one INSERT per event, no projections.
  const naive = createDb(url, { max: 4 });
  let t = performance.now();
  for (const l of logs) {
    await naive.$executeRawUnsafe(
      `INSERT INTO "CustodyEvent" (id, "blockNumber", "blockHash", "logIndex", "txHash", "eventName", args, "occurredAt") VALUES ($1, $2, $3, $4, $5, 'BatchShipped', '{}', now())`,
      `naive:${l.blockHash}:${l.logIndex}`,
      l.blockNumber!,
      l.blockHash!,
      l.logIndex!,
      l.transactionHash!,
    );
  }
  const naiveRate = logs.length / ((performance.now() - t) / 1000);
  await naive.custodyEvent.deleteMany({ where: { id: { startsWith: "naive:" } } });
  await naive.$disconnect();

  const db = createDb(url, { max: 4 });
  const ix = new Indexer({
    db,
    client,
    chainId: ANVIL_CHAIN_ID,
    ledger,
    maxBlocksPerStep: Number(process.env.BENCH_SPAN ?? 2_000),
  });
  t = performance.now();
  for (;;) if ((await ix.step()).kind === "idle") break;
  const seconds = (performance.now() - t) / 1000;
  console.log(
    `  phases (ms): ${JSON.stringify(Object.fromEntries(Object.entries(ix.timings).map(([k, v]) => [k, Math.round(v)])))}`,
  );
  const rate = logs.length / seconds;
  const stored = await db.custodyEvent.count();
  const shipments = await db.shipment.count({ where: { status: "received" } });
  await db.$disconnect();
  if (stored !== logs.length) throw new Error(`stored ${stored} of ${logs.length} events`);
  console.log(
    `${label}: ${logs.length} events in ${seconds.toFixed(2)} s = ${rate.toFixed(0)} events/s (${shipments} shipments projected); naive baseline ${naiveRate.toFixed(0)} events/s`,
  );
  rows.push(row(`indexer ingest into ${label}`, rate, "events/s", "one INSERT per event, no projections", naiveRate));
}

// The embedded server in its own process, as npm start runs it beside the indexer's process.
const embedded = await startEmbeddedDbProcess(path.join(dir, "pglite"));
await measure("embedded PGlite", embedded.url);
await embedded.stop();
const pg = await startTestPostgres();
await measure("PostgreSQL 15", pg.url);
await pg.stop();
await chain.stopChain();
await rm(dir, { recursive: true, force: true });
// Other work on the machine moves every figure: say how busy it was (2 cores here).
console.log(
  `load average (1, 5, 15 min) at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(", ")}`,
);
await saveResults("indexer", rows);
