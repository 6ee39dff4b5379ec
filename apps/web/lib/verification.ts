import "server-only";
import { randomBytes } from "node:crypto";
import { createPublicClient, http } from "viem";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { ledger } from "@/lib/ledger";
import { ChainStatus, type StatusGuard } from "@tracemed/verification/chainStatus";
import { pinKeysFromDirectory } from "@tracemed/verification/keyStore";
import { CONSUMER_CHECKS, RateLimiter } from "@tracemed/verification/rateLimit";
import type { VerifyDeps } from "@tracemed/verification/verifyPack";

const globalForStatus = globalThis as unknown as { tracemedChainStatus?: Promise<ChainStatus | null> };

/**
 * The chain's word on a batch's status while the indexed data is behind the chain (chainStatus.ts),
 * for every consumer lookup and verdict of this process; undefined when no ledger is known.
 */
export async function statusGuard(): Promise<StatusGuard | undefined> {
  globalForStatus.tracemedChainStatus ??= ledger().then((deployment) => {
    // Not known yet (the node did not answer): asked again on the next lookup.
    if (!deployment) globalForStatus.tracemedChainStatus = undefined;
    return deployment
      ? new ChainStatus({
          client: createPublicClient({ transport: http(env.CHAIN_RPC_URL, { timeout: 1_500, retryCount: 0 }) }),
          db: db(),
          chainId: env.CHAIN_ID,
          ledger: deployment,
        })
      : null;
  });
  return (await globalForStatus.tracemedChainStatus) ?? undefined;
}

/** The process-wide verification dependencies. */
export const verifyDeps = async (): Promise<VerifyDeps> => ({ db: db(), pinKeys, guard: await statusGuard() });
const pinKeys = pinKeysFromDirectory(env.PIN_KEYS_DIR);

/** 20 checks at once per client, then one every 3 seconds. */
export const clientLimiter = new RateLimiter(CONSUMER_CHECKS.capacity, CONSUMER_CHECKS.perSecond);
export const scanSalt = env.SCAN_SALT ?? randomBytes(16).toString("hex");
