/** The ledger's current state, read directly: for readers whose indexed copy may be behind. */
import type { Hex, PublicClient } from "viem";
import { custodyLedgerAbi } from "./generated/custodyLedger";
import type { LedgerDeployment } from "./deployments";
import { BATCH_STATUS, type BatchStatus } from "./roles";

/**
 * A batch's status as the ledger holds it at the latest block: one eth_call of `batch(batchId)`, for a
 * reader whose indexed copy may be behind ("none": no such batch on chain).
 */
export async function readBatchStatus(
  client: PublicClient,
  ledger: LedgerDeployment,
  batchId: Hex,
): Promise<BatchStatus> {
  const batch = await client.readContract({
    address: ledger.address,
    abi: custodyLedgerAbi,
    functionName: "batch",
    args: [batchId],
  });
  return BATCH_STATUS[batch.status] ?? "none";
}

/**
 * Why and when a batch was last recalled or quarantined, from that event in the blocks from `fromBlock` on
 * (the reason is only in the event); nulls when no such event is there.
 */
export async function readStatusReason(
  client: PublicClient,
  ledger: LedgerDeployment,
  batchId: Hex,
  status: "recalled" | "quarantined",
  fromBlock: bigint,
): Promise<{ reason: string | null; at: Date | null }> {
  const logs = await client.getContractEvents({
    address: ledger.address,
    abi: custodyLedgerAbi,
    eventName: status === "recalled" ? "BatchRecalled" : "BatchQuarantined",
    args: { batchId },
    fromBlock,
  });
  const last = logs.at(-1);
  if (!last) return { reason: null, at: null };
  const block = await client.getBlock({ blockHash: last.blockHash! }).catch(() => null);
  return {
    reason: (last.args as { reason?: string }).reason ?? null,
    at: block ? new Date(Number(block.timestamp) * 1000) : null,
  };
}

/**
 * An organisation's standing as the ledger holds it at the latest block (its role bits and whether it is
 * suspended; roles 0: not an organisation), for a reader whose indexed copy may be behind.
 */
export async function readOrganisationStanding(
  client: PublicClient,
  ledger: LedgerDeployment,
  account: Hex,
): Promise<{ roles: number; suspended: boolean }> {
  const org = await client.readContract({
    address: ledger.address,
    abi: custodyLedgerAbi,
    functionName: "organisation",
    args: [account],
  });
  return { roles: org.roles, suspended: org.suspended };
}

/** What the ledger says of an account: its organisation's id (the zero address: not a member) and permissions. */
export interface MemberStanding {
  organisation: Hex;
  permissions: number;
}

/**
 * An account's membership as the ledger holds it at the latest block (`member(account)`), for a reader
 * whose indexed copy may be behind (a removed key is refused at once).
 */
export async function readMember(
  client: PublicClient,
  ledger: LedgerDeployment,
  account: Hex,
): Promise<MemberStanding> {
  const member = await client.readContract({
    address: ledger.address,
    abi: custodyLedgerAbi,
    functionName: "member",
    args: [account],
  });
  return { organisation: member.organisation, permissions: member.permissions };
}
