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
import { compiledLedger, countryToBytes2, custodyLedgerAbi, deployLedger, ROLE, ledgerChain } from "@tracemed/chain";
import { ANVIL_CHAIN_ID, ANVIL_MNEMONIC, startAnvil } from "@tracemed/chain/node";
import { withCheckDigit } from "@tracemed/codes";
import { createDb, migrate } from "@tracemed/db";
import { freePort, startTestPostgres } from "@tracemed/db/testing";
import { Indexer } from "@tracemed/indexer";
import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  getContract,
  http,
  toHex,
  type Address,
  type Hex,
  type Log,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { startEmbeddedDbProcess } from "./lib/embeddedDb";
import { saveResults } from "./suite/results";

const EVENTS = Number(process.argv[2] ?? 20_000);
const PER_TX = 200;
const dir = await mkdtemp(path.join(tmpdir(), "tracemed-bench-idx-"));
// BENCH_CHAIN_DIR keeps the generated chain (anvil state + deployment) for the next run of the same size.
const chainDir = process.env.BENCH_CHAIN_DIR ? path.resolve(process.env.BENCH_CHAIN_DIR) : path.join(dir, "chain");
const savedFile = path.join(chainDir, `deployment-${EVENTS}.json`);
const saved = JSON.parse(await readFile(savedFile, "utf8").catch(() => "null")) as {
  address: Address;
  deployedOnBlock: string;
} | null;
const chain = await startAnvil(chainDir, await freePort());
const evm = ledgerChain(ANVIL_CHAIN_ID, chain.url);
const transport = http(chain.url);
const client = createPublicClient({ chain: evm, transport, pollingInterval: 20 });
const d = saved ? { address: saved.address, deployedOnBlock: BigInt(saved.deployedOnBlock) } : await generate();
if (!saved) {
  await sleep(1_100); // anvil writes its state every second
  await writeFile(savedFile, JSON.stringify({ address: d.address, deployedOnBlock: String(d.deployedOnBlock) }));
}

async function generate() {
  const acct = (i: number) => mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: i });
  const [deployer, regulator, maker, distributor] = [0, 1, 2, 3].map(acct);
  const d = await deployLedger(
    createWalletClient({ account: deployer!, chain: evm, transport }),
    client,
    compiledLedger,
    {
      account: regulator!.address,
      gln: BigInt(withCheckDigit("690123400001")),
      country: "CN",
      name: "Regulator",
    },
  );
  const as = (a: typeof deployer) =>
    getContract({
      address: d.address,
      abi: custodyLedgerAbi,
      client: { public: client, wallet: createWalletClient({ account: a!, chain: evm, transport }) },
    });
  const wait = async (h: Promise<Hex>) => {
    const r = await client.waitForTransactionReceipt({ hash: await h });
    if (r.status !== "success") throw new Error("tx failed");
  };
  await wait(
    as(regulator).write.onboard([
      maker!.address,
      ROLE.MANUFACTURER,
      BigInt(withCheckDigit("690123400002")),
      countryToBytes2("CN"),
      "Maker",
    ]),
  );
  await wait(
    as(regulator).write.onboard([
      distributor!.address,
      ROLE.DISTRIBUTOR,
      BigInt(withCheckDigit("690123400003")),
      countryToBytes2("CN"),
      "Distributor",
    ]),
  );
  await wait(as(regulator).write.setCompanyPrefixes([maker!.address, ["6901234"]]));
  const gtin = BigInt(withCheckDigit("0690123456001"));
  await wait(
    as(maker).write.registerBatch([
      gtin,
      "BENCH",
      Math.floor(Date.now() / 1000) + 86_400 * 365,
      1_000_000,
      toHex(1n, { size: 32 }),
    ]),
  );
  const batchId = await as(maker).read.batchIdOf([gtin, "BENCH"]);

  console.log(`generating ${EVENTS} custody events on anvil (${PER_TX} per transaction)…`);
  let ref = 0;
  for (let made = 0; made < EVENTS; made += 2 * PER_TX) {
    const refs = Array.from({ length: PER_TX }, () => toHex(++ref, { size: 32 }));
    await wait(
      as(maker).write.multicall(
        [
          refs.map((r) =>
            encodeFunctionData({
              abi: custodyLedgerAbi,
              functionName: "ship",
              args: [batchId, distributor!.address, 1n, r],
            }),
          ),
        ],
        { gas: 25_000_000n },
      ),
    );
    await wait(
      as(distributor).write.multicall(
        [
          refs.map((r) =>
            encodeFunctionData({
              abi: custodyLedgerAbi,
              functionName: "confirmReceipt",
              args: [batchId, maker!.address, 1n, r, 1n],
            }),
          ),
        ],
        { gas: 25_000_000n },
      ),
    );
  }
  return d;
}
const logs: Log[] = [];
const head = await client.getBlockNumber();
for (let b = d.deployedOnBlock; b <= head; b += 10n) {
  logs.push(
    ...((await client.getLogs({ address: d.address, fromBlock: b, toBlock: b + 9n > head ? head : b + 9n })) as Log[]),
  );
}
console.log(`${logs.length} events in ${await client.getBlockNumber()} blocks`);

interface Row {
  name: string;
  value: number;
  unit: string;
  baseline: string;
  baseline_value: number;
  ratio: number;
}
const rows: Row[] = [];
const ledger = { address: d.address, deployedOnBlock: Number(d.deployedOnBlock) };

async function measure(label: string, url: string) {
  await migrate(url);
  // Baseline: the naive indexer, one INSERT per event, no projections.
  const naive = createDb(url, { max: 4 });
  let t = performance.now();
  for (const l of logs) {
    await naive.$executeRawUnsafe(
      `INSERT INTO "CustodyEvent" (id, "blockNumber", "blockHash", "logIndex", "txHash", "eventName", args, "occurredAt") VALUES ($1, $2, $3, $4, $5, 'naive', '{}', now())`,
      `naive:${l.blockHash}:${l.logIndex}`,
      l.blockNumber!,
      l.blockHash!,
      l.logIndex!,
      l.transactionHash!,
    );
  }
  const naiveRate = logs.length / ((performance.now() - t) / 1000);
  await naive.custodyEvent.deleteMany({ where: { eventName: "naive" } });
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
  rows.push({
    name: `indexer ingest into ${label}`,
    value: Math.round(rate),
    unit: "events/s",
    baseline: "one INSERT per event, no projections",
    baseline_value: Math.round(naiveRate),
    ratio: +(rate / naiveRate).toFixed(2),
  });
}

// The embedded server in its own process, as npm start runs it beside the indexer's process.
const embedded = await startEmbeddedDbProcess(path.join(dir, "pglite"));
await measure("embedded PGlite", embedded.url);
await embedded.stop();
const pg = await startTestPostgres();
await measure("PostgreSQL 15", pg.url);
await pg.stop();
await chain.stop();
await rm(dir, { recursive: true, force: true });
// Other work on the machine moves every figure: say how busy it was (2 cores here).
console.log(
  `load average (1, 5, 15 min) at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(", ")}`,
);
await saveResults("indexer", rows);
