/**
 * The one start command: the embedded chain (or CHAIN_RPC_URL), the ledger deployed and the demo
 * seeded on the first start only, and the web app. Ctrl-C stops everything and keeps the data.
 *
 * On WEB_PORT stands the lean verification service: it answers the consumer hot paths (POST /api/verify,
 * GET /api/packs/{gtin}/{lot}/{serial}) and forwards everything else to the Next.js app on NEXT_PORT.
 *
 * Environment: DATA_DIR (.data), CHAIN_PORT (8545), DB_PORT (5433), WEB_PORT (3000), NEXT_PORT (a free
 * port); PUBLIC_ORIGIN (where people reach it, default the URL printed: http://localhost:WEB_PORT, a name because
 * browsers refuse an IP address as a passkey's relying party; the ports still bind 127.0.0.1 only); CHAIN_RPC_URL
 * to use another EVM network where the ledger was deployed with `npm run deploy` (no embedded chain,
 * no seed); COUNCIL_DELAY_SECONDS (120 on the embedded demo: how long a regulator council action waits, cancellable,
 * before it can be executed; set at the first start); DATABASE_URL to use a PostgreSQL server instead of the embedded database; VERBOSE=1 to see every
 * part's output on the terminal (it is always in DATA_DIR/logs/tracemed.log).
 *
 * The indexer, the web app and the verification service are supervised: one that dies is started again.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import {
  chainIdentity,
  compiledLedger,
  councilDeployment,
  councilFor,
  custodyLedgerBytecode,
  deployLedger,
  deployLogisticUnits,
  ledgerDeployment,
  ledgerChain,
  quorumDeployment,
  unitsFor,
  setUpCouncil,
} from "@tracemed/chain";
import { councilEnv, readEnv } from "@tracemed/config/env";
import { z } from "zod";
import { createPublicClient, createWalletClient, http, keccak256, toHex, type Address, type Hex } from "viem";
import { ANVIL_CHAIN_ID, startAnvil, type EmbeddedChain } from "@tracemed/chain/node";
import {
  DEMO_COUNCIL_DELAY_SECONDS,
  DEMO_REGULATORS,
  demoOrganisation,
  deployerAccount,
  relayerAccount,
} from "./lib/demo.js";
import { seedDemo } from "./lib/seed.js";
import { spawn } from "node:child_process";
import { createDb, migrate, type Db } from "@tracemed/db";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@tracemed/db/embedded";
import { freePort } from "@tracemed/db/testing";
import { buildWebIfNeeded, startFront, startWeb } from "./lib/web.js";
import { openOutput } from "./lib/output.js";
import { childPart, supervise, type Part, type Supervised } from "./lib/supervise.js";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { parsePublicOrigin } from "@tracemed/config/publicOrigin";

const root = process.cwd();
const dataDir = path.resolve(root, process.env.DATA_DIR ?? ".data");
/** Manufacturers' PIN keys (packages/verification/src/keyStore.ts): the seed writes them, both services read them. */
const pinKeysDir = path.resolve(root, process.env.PIN_KEYS_DIR ?? path.join(dataDir, "secrets"));
const chainPort = Number(process.env.CHAIN_PORT ?? 8545);
const webPort = Number(process.env.WEB_PORT ?? 3000);
const dbPort = Number(process.env.DB_PORT ?? 5433);
const { COUNCIL_DELAY_SECONDS: councilDelay, COUNCIL_QUORUM: councilQuorum } = (() => {
  try {
    return readEnv(z.object(councilEnv(DEMO_COUNCIL_DELAY_SECONDS)));
  } catch (error) {
    console.error(`[start] ${(error as Error).message}`);
    process.exit(1);
  }
})();
// Checked before anything starts: labels, links and sign-in all name it.
const publicOrigin = (() => {
  try {
    return parsePublicOrigin(process.env.PUBLIC_ORIGIN ?? `http://localhost:${webPort}`).origin;
  } catch (error) {
    console.error(`[start] ${(error as Error).message}`);
    process.exit(1);
  }
})();
const started = performance.now();
const output = openOutput(dataDir);
const log = (line: string) => {
  const text = `[start ${((performance.now() - started) / 1000).toFixed(1)}s] ${line}`;
  output.keep(text);
  console.log(text);
};

interface SavedDeployment {
  chainId: number;
  /** The ledger's proxy. */
  address: Address;
  deployedOnBlock: number;
  /** The regulator council (AccessManager); absent from data folders made before the ledger had one. */
  council?: Address;
  /** The council's quorum (CouncilQuorum); absent from data folders made before the council had one. */
  quorum?: Address;
  /** Cases and pallets (LogisticUnits); deployed on resume into data folders made before it existed. */
  units?: Address;
  /** The council's execution delay the seed set, in seconds (embedded chain only). */
  councilDelay?: number;
  seeded: boolean;
  /** keccak256 of the deployed creation bytecode: a data folder made with another contract starts afresh. */
  codeHash?: Hex;
}

const CODE_HASH = keccak256(custodyLedgerBytecode);

let chain: EmbeddedChain | undefined;
let web: Supervised | undefined;
let front: Supervised | undefined;
let embeddedDb: EmbeddedPostgres | undefined;
let indexer: Supervised | undefined;
let databaseUrl = process.env.DATABASE_URL ?? "";
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log("stopping…");
  await front?.stop();
  await web?.stop();
  await indexer?.stop();
  await chain?.stop();
  await embeddedDb?.stop();
  log("stopped; data kept in " + path.relative(root, dataDir));
  await output.close();
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function embeddedLedger(): Promise<SavedDeployment> {
  const chainDir = path.join(dataDir, "chain");
  const savedFile = path.join(dataDir, "deployment.json");
  chain = await startAnvil(chainDir, chainPort);
  const evm = ledgerChain(ANVIL_CHAIN_ID, chain.url, true);
  const transport = http(chain.url);
  const client = createPublicClient({ chain: evm, transport, pollingInterval: 50 });

  const saved = JSON.parse(await readFile(savedFile, "utf8").catch(() => "null")) as SavedDeployment | null;
  if (saved?.seeded && (saved.codeHash !== CODE_HASH || !saved.council || !saved.quorum)) {
    log("the ledger contract changed since this data folder was made: starting the embedded chain afresh");
  } else if (saved?.seeded) {
    const code = await client.getCode({ address: saved.address });
    if (code && code !== "0x") {
      log(`embedded chain resumed at block ${await client.getBlockNumber()}; ledger ${saved.address}`);
      logCouncil(saved.council!, saved.councilDelay);
      if (chain.replayed > 0)
        log(
          `embedded chain: ${chain.replayed} confirmed transactions lost by a crash were sent again from its journal`,
        );
      if (!saved.units) {
        const wallet = createWalletClient({ account: deployerAccount(), chain: evm, transport });
        saved.units = (await deployLogisticUnits(wallet, client, saved.address)).address;
        await writeFile(savedFile, JSON.stringify(saved, null, 2));
        log(`cases and pallets (LogisticUnits) deployed beside the ledger at ${saved.units}`);
      }
      return saved;
    }
    log("the saved deployment is missing from the chain state: starting the embedded chain afresh");
  } else if (saved) {
    log("the previous first start did not finish: starting the embedded chain afresh");
  }
  if (saved || (await client.getBlockNumber()) > 0n) {
    await chain.stop();
    await rm(chainDir, { recursive: true, force: true });
    await rm(savedFile, { force: true });
    chain = await startAnvil(chainDir, chainPort);
  }
  const db = await freshDatabase();

  log("first start: deploying the ledger and seeding the demo network…");
  const wallet = createWalletClient({ account: deployerAccount(), chain: evm, transport });
  const regulator = demoOrganisation("regulator");
  const d = await deployLedger(
    wallet,
    client,
    compiledLedger,
    {
      account: regulator.account.address,
      gln: regulator.gln,
      country: regulator.country,
      name: regulator.name,
    },
    { quorum: councilQuorum },
  );
  // Both regulators' admins sit on the council from the start; the deployer's bootstrap seat lasts the seed.
  const regulators = DEMO_REGULATORS.map((o) => o.account.address);
  await setUpCouncil(wallet, client, d, regulators, councilDelay);
  const deployment: SavedDeployment = {
    chainId: ANVIL_CHAIN_ID,
    address: d.address,
    deployedOnBlock: Number(d.deployedOnBlock),
    council: d.council,
    quorum: d.quorum,
    units: d.units,
    councilDelay,
    seeded: false,
    codeHash: CODE_HASH,
  };
  await writeFile(savedFile, JSON.stringify(deployment, null, 2));
  await seedDemo({
    client,
    transport,
    chain: evm,
    ledger: d.address,
    council: d.council,
    units: d.units,
    councilDelay,
    db,
    dataDir,
    pinKeysDir,
    linkHost: publicOrigin,
    log: (l) => log(`seed: ${l}`),
  });
  await db.$disconnect();
  await sleep(1_100); // anvil writes its state file every second: let the seed reach the disk
  deployment.seeded = true;
  await writeFile(savedFile, JSON.stringify(deployment, null, 2));
  log(`ledger ${d.address} deployed at block ${d.deployedOnBlock} and seeded`);
  logCouncil(d.council, councilDelay);
  return deployment;
}

function logCouncil(council: Address, delay: number | undefined) {
  const waits =
    delay === undefined ? "" : `: every action waits ${delay} s, cancellable meanwhile (COUNCIL_DELAY_SECONDS)`;
  log(`regulator council ${council}${waits}`);
}

/** The database: DATABASE_URL, or the embedded PGlite server in DATA_DIR/db. Migrations applied. */
async function openDatabase(): Promise<void> {
  if (!databaseUrl) {
    embeddedDb = await startEmbeddedPostgres(path.join(dataDir, "db"), dbPort);
    databaseUrl = embeddedDb.url;
  }
  const { applied } = await migrate(databaseUrl);
  log(
    `database ready${embeddedDb ? ` (embedded, ${path.relative(root, dataDir)}/db)` : ""}${applied.length ? `; applied ${applied.join(", ")}` : ""}`,
  );
}

/** A first start seeds an empty database: an embedded one is recreated, an external one must be empty. */
async function freshDatabase(): Promise<Db> {
  let db = createDb(databaseUrl, { max: 4 });
  const holdsData = async () =>
    (await db.product.count()) +
      (await db.packSet.count()) +
      (await db.custodyEvent.count()) +
      (await db.indexerCursor.count()) >
    0;
  if (embeddedDb && (await holdsData())) {
    // Left over from an interrupted first start: recreate it (the chain was recreated too).
    await db.$disconnect();
    await embeddedDb.stop();
    await rm(path.join(dataDir, "db"), { recursive: true, force: true });
    embeddedDb = await startEmbeddedPostgres(path.join(dataDir, "db"), dbPort);
    databaseUrl = embeddedDb.url;
    await migrate(databaseUrl);
    db = createDb(databaseUrl, { max: 4 });
  }
  if (await holdsData()) throw new Error("DATABASE_URL already holds data: seed the demo into an empty database");
  return db;
}

/**
 * The indexer (and claim submitter) process. Its progress lines show on the terminal. One holder name for
 * all its restarts: a restarted indexer takes its predecessor's leases at once (the supervisor starts it
 * only once the previous one has exited) instead of waiting for them to lapse.
 */
const indexerHolder = `${hostname()}:start-${process.pid}:${randomBytes(4).toString("hex")}`;
async function startIndexer(env: Record<string, string>): Promise<Part> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "apps/indexer/src/main.ts")], {
    cwd: root,
    env: { ...process.env, ...env, INDEXER_HOLDER: indexerHolder },
    stdio: ["ignore", "pipe", "pipe"],
  });
  output.pipe(child, "indexer", () => true);
  return childPart(child);
}

/** The ledger on another network: LEDGER_ADDRESS, or the one `npm run deploy` recorded for this chain id and genesis. */
/**
 * What seals system clients' keys and webhook secrets: SYSTEM_KEY_SECRET; on the chain this command started, else
 * one made once in the secrets folder. Another network without it is refused: keys sealed under a secret nobody
 * kept could never be opened again.
 */
async function systemKeySecret(ownChain: boolean): Promise<string> {
  const given = process.env.SYSTEM_KEY_SECRET;
  if (given) return given;
  if (!ownChain)
    throw new Error("set SYSTEM_KEY_SECRET (32 characters or more): it seals system clients' keys and webhook secrets");
  const file = path.join(pinKeysDir, "system-key.secret");
  const existing = (await readFile(file, "utf8").catch(() => "")).trim();
  if (existing.length >= 32) return existing;
  await mkdir(pinKeysDir, { recursive: true, mode: 0o700 });
  await writeFile(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return (await readFile(file, "utf8")).trim();
}

async function externalLedger(url: string): Promise<SavedDeployment> {
  const client = createPublicClient({ transport: http(url) });
  const { chainId, genesisHash } = await chainIdentity(client);
  const given = process.env.LEDGER_ADDRESS as Address | undefined;
  const d = given
    ? { address: given, deployedOnBlock: Number(process.env.LEDGER_DEPLOYED_BLOCK ?? 0) }
    : ledgerDeployment({ chainId, genesisHash });
  if (!d)
    throw new Error(
      `no ledger recorded for chain ${chainId} (genesis ${genesisHash}): run npm run deploy with CHAIN_RPC_URL set first`,
    );
  const code = await client.getCode({ address: d.address });
  if (!code || code === "0x") throw new Error(`no contract at ${d.address} on chain ${chainId} at ${url}`);
  const recorded = given ? undefined : councilDeployment({ chainId, genesisHash });
  const council = (await councilFor(client, d.address, process.env.COUNCIL_ADDRESS ?? recorded?.address)).address;
  log(`using chain ${chainId} at ${url}; ledger ${d.address}`);
  logCouncil(council, undefined);
  const quorum =
    (process.env.QUORUM_ADDRESS as Address | undefined) ?? quorumDeployment({ chainId, genesisHash })?.address;
  const units = (await unitsFor(client, { address: process.env.UNITS_ADDRESS }))?.address;
  return { chainId, address: d.address, deployedOnBlock: d.deployedOnBlock, council, quorum, units, seeded: true };
}

try {
  const rpcUrl = process.env.CHAIN_RPC_URL;
  const sealing = await systemKeySecret(!rpcUrl);
  await openDatabase();
  const deployment = rpcUrl ? await externalLedger(rpcUrl) : await embeddedLedger();
  const shared = {
    DATABASE_URL: databaseUrl,
    CHAIN_RPC_URL: rpcUrl ?? chain!.url,
    CHAIN_ID: String(deployment.chainId),
    LEDGER_ADDRESS: deployment.address,
    LEDGER_DEPLOYED_BLOCK: String(deployment.deployedOnBlock),
    COUNCIL_ADDRESS: deployment.council!,
    ...(deployment.quorum ? { QUORUM_ADDRESS: deployment.quorum } : {}),
    ...(deployment.units ? { UNITS_ADDRESS: deployment.units } : {}),
    PUBLIC_ORIGIN: publicOrigin,
    // Demo accounts and the "Embedded local chain" name: only on the chain this command started itself.
    EMBEDDED_CHAIN: rpcUrl ? "off" : "on",
    SYSTEM_KEY_SECRET: sealing,
    // Webhooks to http://127.0.0.1 (a receiver on this machine): only on the chain this command started.
    WEBHOOK_ALLOW_LOOPBACK: rpcUrl ? (process.env.WEBHOOK_ALLOW_LOOPBACK ?? "off") : "on",
  };
  // On the embedded chain the verifier organisation signs with its local development key; elsewhere
  // VERIFIER_PRIVATE_KEY must be given, or consumer claims stay queued in the database.
  const verifierKey = rpcUrl
    ? process.env.VERIFIER_PRIVATE_KEY
    : toHex(demoOrganisation("verifier").account.getHdKey().privateKey!);
  const indexerEnv = {
    ...shared,
    // Its own chain is settled at its head; another network's "finalized" block (see packages/indexer/src/indexer.ts).
    INDEXER_FINALITY: rpcUrl ? (process.env.INDEXER_FINALITY ?? "finalized") : "latest",
    ...(verifierKey ? { VERIFIER_PRIVATE_KEY: verifierKey } : {}),
  };
  // Each part that dies is started again (with backoff); the public port keeps answering meanwhile.
  indexer = await supervise("indexer", () => startIndexer(indexerEnv), log);
  await buildWebIfNeeded(root, log, output);
  // Only the front knows this: the web app's internal port refuses requests that did not come through it.
  const frontSecret = randomBytes(32).toString("hex");
  const nextPort = Number(process.env.NEXT_PORT ?? (await freePort()));
  const nextUrl = `http://127.0.0.1:${nextPort}`;
  // One salt for both services' client hashes, so that a client is one client whichever of them it met
  // (random per start unless given: a hash links nothing across restarts).
  const scanSalt = process.env.SCAN_SALT ?? randomBytes(16).toString("hex");
  // The relayer of passkey members' writes: on the embedded chain the account the demo sets aside for it.
  const relayerKey = rpcUrl ? process.env.RELAYER_PRIVATE_KEY : toHex(relayerAccount().getHdKey().privateKey!);
  const webEnv = {
    ...shared,
    PIN_KEYS_DIR: pinKeysDir,
    FRONT_SECRET: frontSecret,
    SCAN_SALT: scanSalt,
    ...(relayerKey ? { RELAYER_PRIVATE_KEY: relayerKey } : {}),
  };
  web = await supervise("web app", () => startWeb(root, nextPort, webEnv, output), log);
  front = await supervise("verification service", () => startFront(root, webPort, nextUrl, webEnv, output), log);
  // Bound to 127.0.0.1, reached by the name localhost (which always resolves to this machine): passkeys need a name.
  const url = `http://localhost:${webPort}`;
  const at = publicOrigin === url ? url : `${url} (public origin ${publicOrigin})`;
  console.log(`\n  TraceMed is running at ${at}\n  (full logs: ${path.relative(root, output.file)})\n`);
  log(`ready: ${at}  (Ctrl-C to stop; data in ${path.relative(root, dataDir)}/)`);
} catch (error) {
  console.error(`[start] ${(error as Error).message}`);
  await shutdown(1);
}
