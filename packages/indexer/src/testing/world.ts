/**
 * Test world for the indexer: a real anvil, the real ledger, organisations and a stream of custody
 * writes, and a fresh database (embedded PGlite or PostgreSQL 15) per test.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { compiledLedger, countryToBytes2, custodyLedgerAbi, deployLedger, ROLE, ledgerChain } from "@tracemed/chain";
import { withCheckDigit } from "@tracemed/codes";
import { ANVIL_CHAIN_ID, ANVIL_MNEMONIC, startAnvil, type EmbeddedChain } from "@tracemed/chain/node";
import { createDb, migrate, type Db } from "@tracemed/db";
import { startEmbeddedPostgres } from "@tracemed/db/embedded";
import { freePort, startTestPostgres, type TestPostgres } from "@tracemed/db/testing";
import pg from "pg";
import {
  createPublicClient,
  createWalletClient,
  encodeAbiParameters,
  getContract,
  http,
  keccak256,
  toHex,
  type Address,
  type Hex,
  type PublicClient,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { Indexer } from "../indexer";

const GTIN = 9521234543213n;
const GTIN_PREFIX = "9521234"; // the maker's GS1 company prefix
const gln = (n: number) => BigInt(withCheckDigit(String(952123400000 + n)));

/** One shared PostgreSQL server per test process; each test gets its own database in it. */
let sharedPg: Promise<TestPostgres> | undefined;
let dbCounter = 0;

export type BackendName = "embedded PGlite" | "PostgreSQL 15";

export async function freshDatabase(backend: BackendName): Promise<{ url: string; stop: () => Promise<void> }> {
  if (backend === "PostgreSQL 15") {
    sharedPg ??= startTestPostgres();
    const server = await sharedPg;
    const name = `t${process.pid}_${++dbCounter}`;
    const admin = new pg.Client(server.url);
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    return { url: server.url.replace("/postgres?", `/${name}?`), stop: async () => {} };
  }
  const dir = await mkdtemp(path.join(tmpdir(), "tracemed-idx-db-"));
  const server = await startEmbeddedPostgres(dir, await freePort());
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function stopSharedPostgres(): Promise<void> {
  if (sharedPg) await (await sharedPg).stop();
}

const account = (i: number) => mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: i });

export async function startWorld(backend: BackendName) {
  const chainDir = await mkdtemp(path.join(tmpdir(), "tracemed-idx-chain-"));
  const port = await freePort();
  let chain: EmbeddedChain = await startAnvil(chainDir, port);
  const evm = ledgerChain(ANVIL_CHAIN_ID, chain.url);
  const transport = http(chain.url, { retryCount: 0 });
  const client = createPublicClient({ chain: evm, transport, pollingInterval: 20 }) as PublicClient;
  const [deployer, regulator, maker, distributor, pharmacy, verifier] = [0, 1, 2, 3, 4, 5].map(account);
  const d = await deployLedger(
    createWalletClient({ account: deployer!, chain: evm, transport }),
    client,
    compiledLedger,
    {
      account: regulator!.address,
      gln: gln(1),
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
  const wait = async (h: Promise<Hex>) => client.waitForTransactionReceipt({ hash: await h, pollingInterval: 10 });
  let n = 2;
  /** Each organisation's identity as onboarded (GLN as 13 digits), for tests that look parties up. */
  const orgs: Record<"regulator" | "maker" | "distributor" | "pharmacy" | "verifier", OrgIdentity> = {
    regulator: { address: regulator!.address, gln: gln(1).toString(), name: "Regulator", country: "CN" },
  } as never;
  for (const [key, a, roles] of [
    ["maker", maker, ROLE.MANUFACTURER],
    ["distributor", distributor, ROLE.DISTRIBUTOR],
    ["pharmacy", pharmacy, ROLE.PHARMACY],
    ["verifier", verifier, ROLE.VERIFIER],
  ] as const) {
    const orgGln = gln(n++);
    await wait(as(regulator).write.onboard([a!.address, roles, orgGln, countryToBytes2("CN"), `Org ${n}`]));
    orgs[key] = { address: a!.address, gln: orgGln.toString().padStart(13, "0"), name: `Org ${n}`, country: "CN" };
  }
  await wait(as(regulator).write.setCompanyPrefixes([maker!.address, [GTIN_PREFIX]]));
  const database = await freshDatabase(backend);
  await migrate(database.url);
  const db: Db = createDb(database.url, { max: 4 });
  const batches: Hex[] = [];
  let lot = 0;
  let ref = 0;

  /** One lap of custody writes: register, ship, receive (with a shortfall), cancel, dispense, claim. */
  async function lap() {
    const name = `L${++lot}`;
    // A tiny two-pack tree: leaf = keccak(keccak(abi.encode(index, commitment))), sorted pairs.
    const c0 = keccak256(toHex(`${name}:0`));
    const c1 = keccak256(toHex(`${name}:1`));
    const leaf = (i: bigint, c: Hex) =>
      keccak256(keccak256(encodeAbiParameters([{ type: "uint256" }, { type: "bytes32" }], [i, c])));
    const [l0, l1] = [leaf(0n, c0), leaf(1n, c1)];
    const root = keccak256(BigInt(l0) < BigInt(l1) ? (`${l0}${l1.slice(2)}` as Hex) : (`${l1}${l0.slice(2)}` as Hex));
    const expires = Number((await client.getBlock()).timestamp) + 365 * 86_400;
    const batchId = await as(maker).read.batchIdOf([GTIN, name]);
    // Pack rows exist before the batch is on chain, as in the registration flow.
    await db.pack.createMany({
      data: [
        { batchId, leafIndex: 0, serial: `${name}-S0`, commitment: c0 },
        { batchId, leafIndex: 1, serial: `${name}-S1`, commitment: c1 },
      ],
    });
    await wait(as(maker).write.registerBatch([GTIN, name, expires, 4, root]));
    batches.push(batchId);
    const r1 = toHex(++ref, { size: 32 });
    await wait(as(maker).write.ship([batchId, distributor!.address, 2n, r1]));
    await wait(as(distributor).write.confirmReceipt([batchId, maker!.address, 2n, r1, 2n]));
    const r2 = toHex(++ref, { size: 32 });
    await wait(as(distributor).write.ship([batchId, pharmacy!.address, 2n, r2]));
    const r3 = toHex(++ref, { size: 32 });
    await wait(as(maker).write.ship([batchId, distributor!.address, 1n, r3]));
    await wait(as(maker).write.cancelShipment([batchId, distributor!.address, 1n, r3]));
    await wait(as(pharmacy).write.confirmReceipt([batchId, distributor!.address, 2n, r2, 1n]));
    await wait(as(pharmacy).write.dispense([batchId, 0n, c0, [l1]]));
    await wait(as(verifier).write.claim([batchId, 1n, c1, [l0]]));
  }

  return {
    db,
    client,
    ledger: { address: d.address, deployedOnBlock: Number(d.deployedOnBlock) },
    chainId: ANVIL_CHAIN_ID,
    databaseUrl: database.url,
    chainUrl: () => chain.url,
    batches,
    accounts: { maker: maker!.address, distributor: distributor!.address, pharmacy: pharmacy!.address } as Record<
      string,
      Address
    >,
    lap,
    orgs,
    /** Recalls a batch as the regulator (irreversible). */
    recall: (batchId: Hex, reason: string) => wait(as(regulator).write.recall([batchId, reason])),
    /** Quarantines a batch as the regulator. */
    quarantine: (batchId: Hex, reason: string) => wait(as(regulator).write.quarantine([batchId, reason])),
    /** Lifts a quarantine as the regulator. */
    release: (batchId: Hex) => wait(as(regulator).write.release([batchId])),
    /** Writes stock off (CBV "destroying") as the given holder. */
    writeOff: (holder: "maker" | "distributor" | "pharmacy", batchId: Hex, quantity: bigint, reason: string) =>
      wait(as({ maker, distributor, pharmacy }[holder]).write.writeOff([batchId, quantity, reason])),
    /** Suspends an organisation as the regulator. */
    suspend: (account: Address) => wait(as(regulator).write.suspend([account])),
    /** The ledger as one of the world's organisations, for writes the helpers above do not cover. */
    actAs: (who: keyof typeof orgs) => as({ regulator, maker, distributor, pharmacy, verifier }[who]),
    /** Waits for a write's receipt. */
    wait,
    /** Indexes the chain into the database until the indexer has nothing left to do. */
    async sync(timeoutMs = 30_000) {
      const ix = new Indexer({
        db,
        client,
        chainId: ANVIL_CHAIN_ID,
        ledger: { address: d.address, deployedOnBlock: Number(d.deployedOnBlock) },
        pollMs: 20,
        leaseMs: 1_000,
      });
      const until = Date.now() + timeoutMs;
      for (;;) {
        const r = await ix.step();
        if (r.kind === "idle") break;
        if (r.kind === "follower") await new Promise((resolve) => setTimeout(resolve, 100));
        if (Date.now() > until) throw new Error(`not caught up after ${timeoutMs} ms (last step: ${r.kind})`);
      }
      await ix.releaseLease();
    },
    read: as(deployer),
    /** Stops anvil (SIGTERM dumps its state, SIGKILL may lose the last second) and starts it again on the same port. */
    async restartChain(signal: "SIGTERM" | "SIGKILL" = "SIGTERM") {
      if (signal === "SIGKILL") chain.process.kill("SIGKILL");
      await chain.stop();
      chain = await startAnvil(chainDir, port);
    },
    rpc: <T>(method: string, params: unknown[] = []) =>
      client.request({ method: method as never, params: params as never }) as Promise<T>,
    async stop() {
      await db.$disconnect();
      await chain.stop();
      await database.stop();
      await rm(chainDir, { recursive: true, force: true });
    },
  };
}

export type World = Awaited<ReturnType<typeof startWorld>>;

export interface OrgIdentity {
  address: Address;
  /** 13 digits */
  gln: string;
  name: string;
  country: string;
}
