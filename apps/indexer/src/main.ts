/**
 * The indexer process: `node --import tsx apps/indexer/src/main.ts`. Several may run against one
 * PostgreSQL; one writes (the lease holder), the others take over when it stops or dies. With
 * VERIFIER_PRIVATE_KEY it also runs the claim submitter (packages/verification).
 */
import {
  chainIdentity,
  councilFor,
  ledgerDeployment,
  ledgerChain,
  ledgerWallet,
  quorumDeployment,
  unitsFor,
} from "@tracemed/chain";
import { createDb, migrate } from "@tracemed/db";
import { createPublicClient, http, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { setTimeout as sleep } from "node:timers/promises";
import { ClaimSubmitter } from "@tracemed/verification/claims";
import { PackTreeCache } from "@tracemed/verification/packTrees";
import { z } from "zod";
import { chainEnv, databaseEnv, machineEnv, readEnv } from "@tracemed/config/env";
import { sealer, WebhookDispatcher } from "@tracemed/webhooks";
import { FINALITIES, Indexer } from "@tracemed/indexer";

const env = readEnv(
  z.object({
    ...databaseEnv,
    ...chainEnv,
    ...machineEnv,
    CHAIN_RPC_URL: z.url().default("http://127.0.0.1:8545"),
    /** Which blocks are settled enough to index: see IndexerConfig.finality (start.ts says "latest" on its own chain). */
    INDEXER_FINALITY: z.enum(FINALITIES).default("finalized"),
    INDEXER_CONFIRMATIONS: z.coerce.number().int().nonnegative().default(2),
    INDEXER_IDLE_SETTLE_MS: z.coerce.number().int().nonnegative().default(30_000),
    INDEXER_MAX_BLOCKS: z.coerce.number().int().positive().default(2_000),
    INDEXER_LEASE_MS: z.coerce.number().int().positive().default(10_000),
    INDEXER_POLL_MS: z.coerce.number().int().positive().default(500),
    /**
     * The name this process holds its leases under (default: host, pid and a random tag). A supervisor that
     * restarts the indexer once the previous process has exited gives every run the same name, so the new
     * one takes the leases over at once instead of waiting for them to lapse.
     */
    INDEXER_HOLDER: z.string().min(1).optional(),
    /** The verifier organisation's key: when set, this process also records consumer claims on chain. */
    VERIFIER_PRIVATE_KEY: z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/)
      .optional(),
    /** Wei per gas, the most a claim transaction pays (0 on zero-fee networks); unset: the node's estimate. */
    GAS_PRICE: z.coerce.bigint().nonnegative().optional(),
    /** legacy (type 0) for chains without EIP-1559, or eip1559; unset: decided from the chain. */
    TX_TYPE: z.enum(["legacy", "eip1559"]).optional(),
    /** A claim transaction not mined within this is replaced: same nonce, fees raised by 10% + 1 wei or more. */
    CLAIM_REPLACE_AFTER_MS: z.coerce.number().int().positive().default(30_000),
  }),
);

const client = createPublicClient({ transport: http(env.CHAIN_RPC_URL, { timeout: 10_000, retryCount: 0 }) });
// The recorded deployment is keyed by chain id and genesis hash: another chain with the same id is not mistaken for it.
const ledger = env.LEDGER_ADDRESS
  ? { address: env.LEDGER_ADDRESS as Address, deployedOnBlock: env.LEDGER_DEPLOYED_BLOCK ?? 0 }
  : ledgerDeployment(await chainIdentity(client));
if (!ledger) {
  console.error(`[indexer] no ledger recorded for the chain at ${env.CHAIN_RPC_URL}: set LEDGER_ADDRESS`);
  process.exit(2);
}

// The council's operations are indexed with the ledger's events: the one the ledger obeys, unless COUNCIL_ADDRESS says.
const council = await councilFor(client, ledger.address, env.COUNCIL_ADDRESS);
// Its quorum's approvals too: QUORUM_ADDRESS, else the one recorded beside the ledger, if any.
const quorum = env.QUORUM_ADDRESS
  ? { address: env.QUORUM_ADDRESS as Address }
  : quorumDeployment(await chainIdentity(client));
// Cases and pallets: UNITS_ADDRESS, else the contract recorded beside the ledger; none on a network deployed before it.
const units = await unitsFor(client, { address: env.UNITS_ADDRESS });

await migrate(env.DATABASE_URL);
const db = createDb(env.DATABASE_URL, { max: 4 });
const indexer = new Indexer({
  db,
  client,
  chainId: env.CHAIN_ID,
  ledger,
  council,
  quorum,
  units,
  finality: env.INDEXER_FINALITY,
  confirmations: env.INDEXER_CONFIRMATIONS,
  idleSettleMs: env.INDEXER_IDLE_SETTLE_MS,
  maxBlocksPerStep: env.INDEXER_MAX_BLOCKS,
  leaseMs: env.INDEXER_LEASE_MS,
  pollMs: env.INDEXER_POLL_MS,
  holder: env.INDEXER_HOLDER,
  log: (line) => console.log(`[indexer] ${line}`),
});
const stop = new AbortController();
const shutdown = () => stop.abort();
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
console.log(
  `[indexer] ${indexer.holder} following ledger ${ledger.address} and its council ${council.address}${quorum ? ` (quorum ${quorum.address})` : ""}${units ? `, cases and pallets ${units.address}` : ""} on chain ${env.CHAIN_ID} (${env.INDEXER_FINALITY} blocks)`,
);
async function submitClaims(submitter: ClaimSubmitter) {
  while (!stop.signal.aborted) {
    const n = await submitter.step().catch((e: Error) => {
      console.log(`[claims] ${e.message.split("\n")[0]}`);
      return 0;
    });
    if (n === 0) await sleep(1_000, undefined, { signal: stop.signal }).catch(() => undefined);
  }
}
const claims = env.VERIFIER_PRIVATE_KEY
  ? submitClaims(
      new ClaimSubmitter({
        db,
        client,
        wallet: ledgerWallet({
          account: privateKeyToAccount(env.VERIFIER_PRIVATE_KEY as Hex),
          chain: ledgerChain(env.CHAIN_ID, env.CHAIN_RPC_URL),
          transport: http(env.CHAIN_RPC_URL),
          tx: { gasPrice: env.GAS_PRICE, type: env.TX_TYPE },
        }),
        replaceAfterMs: env.CLAIM_REPLACE_AFTER_MS,
        chainId: env.CHAIN_ID,
        ledger,
        // The process's one pack-tree cache, bounded by bytes.
        trees: new PackTreeCache(db),
        holder: indexer.holder,
        log: (line) => console.log(`[claims] ${line}`),
      }),
    )
  : Promise.resolve();
// Webhooks (packages/webhooks): deliveries of the events this process indexed; their secrets need SYSTEM_KEY_SECRET.
const webhooks = env.SYSTEM_KEY_SECRET
  ? new WebhookDispatcher({
      db,
      sealer: sealer(env.SYSTEM_KEY_SECRET),
      policy: { allowLoopback: env.WEBHOOK_ALLOW_LOOPBACK === "on" },
      log: (line) => console.log(`[webhooks] ${line}`),
    }).run(stop.signal)
  : Promise.resolve();
await Promise.all([indexer.run(stop.signal), claims, webhooks]);
await indexer.releaseLease().catch(() => undefined);
await db.$disconnect();
console.log("[indexer] stopped");
