/**
 * Records consumers' first verifications on chain. The verification service only inserts a
 * ClaimRequest row (the consumer never waits for a block); this loop, signing as the verifier
 * organisation, drains the queue: per batch one `claimMany` multiproof, all batches of a round in one
 * `multicall` transaction, with retries. One submitter writes at a time (a lease, like the indexer).
 *
 * A transaction not mined within `replaceAfterMs` is replaced, never followed: the same nonce again with
 * fees raised by at least 10% + 1 wei (what geth, Besu, anvil and Hardhat require of a replacement), or to
 * what the chain asks now if that is more. So a low fee sent when blocks were cheap cannot leave claims
 * stuck behind it, and there is never a second pending transaction of the verifier (one would revert on
 * the claims the other makes).
 *
 * A batch's tree comes from the process's PackTreeCache, checked against the batch's registered root. When the
 * pack records cannot give it (incomplete, or not matching that root), the batch's claims wait and say why in
 * their `lastError`; the other batches' claims go on.
 */
import { custodyLedgerAbi, decodeLedgerRevert, type LedgerDeployment } from "@tracemed/chain";
import { takeLease } from "@tracemed/db";
import type { ClaimStatus, Db } from "@tracemed/db";
import { isDomainError } from "@tracemed/errors";
import { PackTreeCache } from "./packTrees";
import {
  BaseError,
  encodeFunctionData,
  type Account,
  type Hex,
  type PublicClient,
  type Transaction,
  type WalletClient,
} from "viem";

export interface ClaimSubmitterConfig {
  db: Db;
  client: PublicClient;
  wallet: WalletClient & { account: Account };
  chainId: number;
  ledger: LedgerDeployment;
  /** most packs per transaction (default 512) */
  maxPacks?: number;
  /** A claim transaction not mined within this is replaced (same nonce, higher fees; default 30 s). */
  replaceAfterMs?: number;
  /** A round gives up waiting after this (its rows stay "submitted"; a later round replaces again; default 10 min). */
  maxWaitMs?: number;
  leaseMs?: number;
  /** The process's pack-tree cache (default: one of this submitter's own). */
  trees?: PackTreeCache;
  /** A batch whose tree could not be built is tried again after this (default 60 s). */
  retryTreeAfterMs?: number;
  holder: string;
  log?: (line: string) => void;
}

export class ClaimSubmitter {
  private readonly key: string;
  private readonly trees: PackTreeCache;
  /** batches whose tree could not be built, and when to try again */
  private readonly waiting = new Map<string, number>();

  constructor(private readonly cfg: ClaimSubmitterConfig) {
    this.key = `claims:${cfg.chainId}:${cfg.ledger.address.toLowerCase()}`;
    this.trees = cfg.trees ?? new PackTreeCache(cfg.db);
  }

  /**
   * The multiproof of these packs, or undefined when the batch's pack records cannot give its registered root:
   * its claims then wait (`lastError` says why) and the batch is set aside for `retryTreeAfterMs`.
   */
  private async multiProof(batchId: string, indices: number[]) {
    try {
      return (await this.trees.get(batchId)).tree.getMultiProof(indices);
    } catch (error) {
      // Why a batch's tree cannot be built from its pack records (PackTreeCache's refusals).
      if (!isDomainError(error, "BatchUnknown", "PackRecordsIncomplete", "PackRecordsMismatch")) throw error;
      const reason = error.message;
      this.waiting.set(batchId, Date.now() + (this.cfg.retryTreeAfterMs ?? 60_000));
      await this.cfg.db.claimRequest.updateMany({
        where: { batchId, leafIndex: { in: indices } },
        data: { lastError: reason.slice(0, 500) },
      });
      this.cfg.log?.(`the claims of batch ${batchId} wait: ${reason}`);
      return undefined;
    }
  }

  /** One round: returns how many claims were confirmed on chain. */
  async step(): Promise<number> {
    if (!(await takeLease(this.cfg.db, this.key, this.cfg.holder, this.cfg.leaseMs ?? 15_000))) return 0;
    const { db, client, ledger } = this.cfg;
    for (const [batchId, at] of this.waiting) if (at <= Date.now()) this.waiting.delete(batchId);
    // Pending claims, and submitted ones whose transaction never confirmed (a chain restart lost it).
    const due = await db.claimRequest.findMany({
      where: {
        OR: [{ status: "pending" }, { status: "submitted", updatedAt: { lt: new Date(Date.now() - 60_000) } }],
        batchId: { notIn: [...this.waiting.keys()] },
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
      const mp = await this.multiProof(batchId, indices);
      if (!mp) continue;
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
      status?: ClaimStatus;
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
      const data = encodeFunctionData({ abi: custodyLedgerAbi, functionName: "multicall", args: [calls] });
      const hash = await this.send(data, due, mark);
      if (!hash) return 0;
      const receipt = await client.getTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`claim transaction ${hash} reverted`);
      await mark({ status: "confirmed", txHash: hash });
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

  /**
   * Sends `data` to the ledger and waits until its nonce is used, replacing the transaction (same nonce, higher
   * fees) each time `replaceAfterMs` passes without a block taking it. A transaction of an earlier round still
   * pending (its hash on a due row) is replaced rather than followed by a new nonce. Returns the hash that was
   * mined, or undefined (rows left as they are) when the round gave up or lost the lease.
   */
  private async send(
    data: Hex,
    due: { status: string; txHash: string | null }[],
    mark: (d: { status?: ClaimStatus; txHash?: string; attempts?: { increment: number } }) => Promise<unknown>,
  ): Promise<Hex | undefined> {
    const { client, wallet, ledger, db } = this.cfg;
    const address = wallet.account.address;
    const replaceAfter = this.cfg.replaceAfterMs ?? 30_000;
    const giveUpAt = Date.now() + (this.cfg.maxWaitMs ?? 600_000);
    // An earlier round's transaction the node still holds unmined: this round replaces it.
    let previous: Transaction | undefined;
    for (const h of new Set(due.filter((c) => c.status === "submitted" && c.txHash).map((c) => c.txHash as Hex))) {
      const tx = await client.getTransaction({ hash: h }).catch(() => undefined);
      if (tx && tx.blockNumber === null && (!previous || tx.nonce < previous.nonce)) previous = tx;
    }
    const nonce = previous?.nonce ?? (await client.getTransactionCount({ address, blockTag: "latest" }));
    const hashes: Hex[] = previous ? [previous.hash] : [];
    /** what this round sent: the earlier round's transaction carried other claims */
    const ours = new Set<Hex>();
    for (;;) {
      const fees = previous ? await this.bumpedFees(previous) : {};
      try {
        const hash = await wallet.sendTransaction({
          to: ledger.address,
          data,
          nonce,
          ...fees,
          account: wallet.account,
          chain: wallet.chain,
        } as Parameters<typeof wallet.sendTransaction>[0]);
        hashes.push(hash);
        ours.add(hash);
        await mark({ status: "submitted", txHash: hash, attempts: { increment: 1 } });
        if (previous)
          this.cfg.log?.(`claim transaction ${previous.hash} not mined: replaced by ${hash} (nonce ${nonce})`);
        // Its fees, as signed, for the next bump (a node may drop it from its pool meanwhile: anvil does when the
        // base fee rises over its fee cap).
        previous = (await client.getTransaction({ hash }).catch(() => undefined)) ?? previous;
      } catch (error) {
        // A first send that fails is a failed round; a refused replacement leaves the previous one to be mined.
        if (hashes.length === 0) throw error;
        this.cfg.log?.(
          `replacing claim transaction (nonce ${nonce}) refused: ${(error as Error).message.split("\n")[0]}`,
        );
      }
      const mined = await this.waitForNonce(address, nonce, hashes, Date.now() + replaceAfter);
      if (mined === null) {
        // The nonce went to a transaction that is none of ours (another signer with this key): try again later.
        await mark({ status: "pending" });
        return undefined;
      }
      if (mined && !ours.has(mined)) {
        // The earlier round's transaction took the nonce, not this round's: what it claimed, the next round
        // finds claimed on chain and confirms; the rest it sends again.
        this.cfg.log?.(`claim transaction ${mined} of an earlier round was mined instead of its replacement`);
        await mark({ status: "pending" });
        return undefined;
      }
      if (mined) return mined;
      if (Date.now() > giveUpAt || !(await takeLease(db, this.key, this.cfg.holder, this.cfg.leaseMs ?? 15_000)))
        return undefined;
    }
  }

  /**
   * Polls until `nonce` is used: the hash among `hashes` that used it, null when none of them did, undefined
   * when `until` came first.
   */
  private async waitForNonce(
    address: Hex,
    nonce: number,
    hashes: Hex[],
    until: number,
  ): Promise<Hex | null | undefined> {
    const { client } = this.cfg;
    while (Date.now() < until) {
      if ((await client.getTransactionCount({ address, blockTag: "latest" })) > nonce) {
        for (const hash of hashes) {
          const receipt = await client.getTransactionReceipt({ hash }).catch(() => undefined);
          if (receipt) return hash;
        }
        return null;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return undefined;
  }

  /** Fees for replacing `tx`: at least 10% + 1 wei above each of its fees, or what the chain asks now if more. */
  private async bumpedFees(tx: Transaction) {
    const { client } = this.cfg;
    const bump = (v: bigint | undefined) => (v ?? 0n) + (v ?? 0n) / 10n + 1n;
    const max = (a: bigint, b: bigint | undefined) => (b !== undefined && b > a ? b : a);
    if (tx.type === "legacy" || tx.type === "eip2930" || tx.maxFeePerGas === undefined) {
      const now = await client.getGasPrice().catch(() => undefined);
      return { type: "legacy" as const, gasPrice: max(bump(tx.gasPrice), now) };
    }
    const now = await client.estimateFeesPerGas().catch(() => undefined);
    const tip = max(bump(tx.maxPriorityFeePerGas), now?.maxPriorityFeePerGas);
    const cap = max(bump(tx.maxFeePerGas), now?.maxFeePerGas);
    return { type: "eip1559" as const, maxFeePerGas: cap > tip ? cap : tip, maxPriorityFeePerGas: tip };
  }
}
