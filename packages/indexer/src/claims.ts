/**
 * Records consumers' first verifications on chain. The verification service only inserts a
 * ClaimRequest row (the consumer never waits for a block); this loop, signing as the verifier
 * organisation, drains the queue: per batch one `claimMany` multiproof, all batches of a round in one
 * `multicall` transaction, with retries. One submitter writes at a time (a lease, like the indexer).
 */
import { buildPackTree, type PackTree } from "@tracemed/codes";
import { custodyLedgerAbi, decodeLedgerRevert, type LedgerDeployment } from "@tracemed/chain";
import type { Db } from "@tracemed/db";
import { takeLease } from "./lease";
import { BaseError, encodeFunctionData, type Account, type Hex, type PublicClient, type WalletClient } from "viem";

export interface ClaimSubmitterConfig {
  db: Db;
  client: PublicClient;
  wallet: WalletClient & { account: Account };
  chainId: number;
  ledger: LedgerDeployment;
  /** most packs per transaction (default 512) */
  maxPacks?: number;
  leaseMs?: number;
  holder: string;
  log?: (line: string) => void;
}

export class ClaimSubmitter {
  private readonly key: string;
  private readonly trees = new Map<string, PackTree>();

  constructor(private readonly cfg: ClaimSubmitterConfig) {
    this.key = `claims:${cfg.chainId}:${cfg.ledger.address.toLowerCase()}`;
  }

  /** The batch's tree, rebuilt from the pack commitments in the database (cached). */
  private async tree(batchId: string): Promise<PackTree> {
    let tree = this.trees.get(batchId);
    if (!tree) {
      const packs = await this.cfg.db.pack.findMany({
        where: { batchId },
        orderBy: { leafIndex: "asc" },
        select: { commitment: true },
      });
      tree = await buildPackTree(
        packs.map((p) => p.commitment as Hex),
        { workers: 0 },
      );
      this.trees.set(batchId, tree);
    }
    return tree;
  }

  /** One round: returns how many claims were confirmed on chain. */
  async step(): Promise<number> {
    if (!(await takeLease(this.cfg.db, this.key, this.cfg.holder, this.cfg.leaseMs ?? 15_000))) return 0;
    const { db, client, wallet, ledger } = this.cfg;
    // Pending claims, and submitted ones whose transaction never confirmed (a chain restart lost it).
    const due = await db.claimRequest.findMany({
      where: {
        OR: [{ status: "pending" }, { status: "submitted", updatedAt: { lt: new Date(Date.now() - 60_000) } }],
      },
      orderBy: { requestedAt: "asc" },
      take: this.cfg.maxPacks ?? 512,
    });
    if (due.length === 0) return 0;
    const byBatch = new Map<string, number[]>();
    for (const c of due) byBatch.set(c.batchId, [...(byBatch.get(c.batchId) ?? []), c.leafIndex]);

    // Packs already claimed on chain (a previous round's transaction did land) are simply confirmed.
    const calls: Hex[] = [];
    const sent: { batchId: string; indices: number[] }[] = [];
    for (const [batchId, all] of byBatch) {
      const onChain = await Promise.all(
        all.map((i) =>
          client.readContract({
            address: ledger.address,
            abi: custodyLedgerAbi,
            functionName: "isClaimed",
            args: [batchId as Hex, BigInt(i)],
          }),
        ),
      );
      const done = all.filter((_, k) => onChain[k]);
      if (done.length > 0) {
        await db.claimRequest.updateMany({
          where: { batchId, leafIndex: { in: done } },
          data: { status: "confirmed" },
        });
      }
      const indices = all.filter((_, k) => !onChain[k]);
      if (indices.length === 0) continue;
      const mp = (await this.tree(batchId)).getMultiProof(indices);
      calls.push(
        encodeFunctionData({
          abi: custodyLedgerAbi,
          functionName: "claimMany",
          args: [batchId as Hex, mp.indices.map(BigInt), mp.commitments, mp.proof, mp.proofFlags],
        }),
      );
      sent.push({ batchId, indices });
    }
    if (calls.length === 0) return 0;
    const mark = (data: {
      status?: string;
      txHash?: string;
      lastError?: string | null;
      attempts?: { increment: number };
    }) =>
      Promise.all(
        sent.map((s) =>
          db.claimRequest.updateMany({ where: { batchId: s.batchId, leafIndex: { in: s.indices } }, data }),
        ),
      );
    try {
      const hash = await wallet.writeContract({
        address: ledger.address,
        abi: custodyLedgerAbi,
        functionName: "multicall",
        args: [calls],
        account: wallet.account,
        chain: wallet.chain,
      });
      await mark({ status: "submitted", txHash: hash, attempts: { increment: 1 }, lastError: null });
      const receipt = await client.waitForTransactionReceipt({ hash, timeout: 60_000 });
      if (receipt.status !== "success") throw new Error(`claim transaction ${hash} reverted`);
      await mark({ status: "confirmed" });
      const n = sent.reduce((s, b) => s + b.indices.length, 0);
      this.cfg.log?.(`recorded ${n} consumer verification(s) on chain in ${hash}`);
      return n;
    } catch (error) {
      const data =
        error instanceof BaseError
          ? (error.walk((e) => typeof (e as { data?: unknown }).data === "string") as { data?: Hex } | null)?.data
          : undefined;
      const reason = (data && decodeLedgerRevert(data)?.message) || (error as Error).message.split("\n")[0];
      await mark({ status: "pending", lastError: String(reason).slice(0, 500), attempts: { increment: 1 } });
      this.cfg.log?.(`claim submission failed, will retry: ${reason}`);
      return 0;
    }
  }
}
