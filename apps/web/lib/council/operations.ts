/**
 * The council's operations as its page lists them: each scheduled call in words, who proposed it (the
 * member and its organisation), when it may be executed, and how it ended. Read from the indexer's
 * CouncilOperation rows (OperationScheduled / OperationExecuted / OperationCanceled of the AccessManager) and the
 * quorum's CouncilApproval rows (ProposalApproved of CouncilQuorum).
 * Framework-free: the page passes the database and the catalogue.
 */
import type { Db } from "@tracemed/db";
import { decodeFunctionData, type Hex } from "viem";
import { custodyLedgerAbi } from "@tracemed/chain";
import type { Messages } from "@/lib/i18n/messages";
import { describeOperation, type OperationNames } from "./describe";

export interface CouncilOperationView {
  id: string;
  /** the scheduling's nonce: the same call proposed again after a cancel or execution is a new row */
  nonce: number;
  what: string;
  /** the member who proposed it (the only one who may execute it) */
  caller: string;
  /** the proposer's organisation's name, when it is a member */
  callerOrganisation: string | null;
  target: string;
  data: string;
  /** when it may be executed (ISO) */
  readyAt: string;
  status: "scheduled" | "executed" | "cancelled";
  /** when it was executed or cancelled (ISO); null while scheduled */
  closedAt: string | null;
  /** the regulator who executed or cancelled it (null while scheduled) */
  closedBy: string | null;
  /** that regulator's organisation's name, when it is a member */
  closedByOrganisation: string | null;
  /** executed at once by the quorum's approvals, not after the delay */
  executedByQuorum: boolean;
  /** who approved this scheduling, the proposer first (its scheduling counts as its approval) */
  approvals: { account: string; organisation: string | null }[];
}

/** Every batch id a call (or a multicall's calls) names as its first argument. */
function batchIdsOf(data: string): string[] {
  try {
    const { functionName, args } = decodeFunctionData({ abi: custodyLedgerAbi, data: data as Hex }) as {
      functionName: string;
      args: readonly unknown[];
    };
    if (functionName === "multicall") return (args[0] as readonly string[]).flatMap(batchIdsOf);
    const first = args[0];
    return typeof first === "string" && first.length === 66 ? [first.toLowerCase()] : [];
  } catch {
    return [];
  }
}

/** The council's operations, newest first, each described in the language of `m`. */
export async function councilOperations(
  db: Pick<Db, "councilOperation" | "councilApproval" | "organisation" | "member" | "batch" | "product">,
  m: Messages,
  ledger: string,
): Promise<CouncilOperationView[]> {
  const ops = await db.councilOperation.findMany({ orderBy: { schedule: "desc" }, take: 200 });
  const approvals = await db.councilApproval.findMany({
    where: { operationId: { in: [...new Set(ops.map((o) => o.id))] } },
    orderBy: { approvedAt: "asc" },
  });
  const approversOf = (o: { id: string; nonce: number }) =>
    approvals.filter((a) => a.operationId === o.id && a.nonce === o.nonce).map((a) => a.approver.toLowerCase());
  const callers = [
    ...new Set(
      [...ops.flatMap((o) => [o.caller, ...(o.closedBy ? [o.closedBy] : [])]), ...approvals.map((a) => a.approver)].map(
        (a) => a.toLowerCase(),
      ),
    ),
  ];
  const batchIds = [...new Set(ops.flatMap((o) => batchIdsOf(o.data)))];
  const [orgs, members, batches] = await Promise.all([
    db.organisation.findMany({ select: { account: true, name: true } }),
    db.member.findMany({ where: { account: { in: callers } }, select: { account: true, organisation: true } }),
    db.batch.findMany({ where: { id: { in: batchIds } }, select: { id: true, lot: true, gtin: true } }),
  ]);
  const products = await db.product.findMany({
    where: { gtin: { in: [...new Set(batches.map((b) => b.gtin))] } },
    select: { gtin: true, name: true, strength: true },
  });
  const productName = new Map(products.map((p) => [p.gtin, `${p.name} ${p.strength}`.trim()]));
  const names: OperationNames = {
    organisations: new Map(orgs.map((o) => [o.account.toLowerCase(), o.name])),
    batches: new Map(
      batches.map((b) => [b.id.toLowerCase(), { lot: b.lot, product: productName.get(b.gtin) ?? b.gtin }]),
    ),
  };
  const orgOf = new Map(members.map((x) => [x.account.toLowerCase(), x.organisation.toLowerCase()]));
  const organisationOf = (account: string) => {
    const org = orgOf.get(account.toLowerCase());
    return org ? (names.organisations.get(org) ?? null) : null;
  };
  return ops.map((o) => {
    return {
      id: o.id,
      nonce: o.nonce,
      what: describeOperation(m, { target: o.target, data: o.data }, ledger, names),
      caller: o.caller.toLowerCase(),
      callerOrganisation: organisationOf(o.caller),
      target: o.target,
      data: o.data,
      readyAt: o.schedule.toISOString(),
      status: o.status,
      closedAt: o.closedAt?.toISOString() ?? null,
      closedBy: o.closedBy?.toLowerCase() ?? null,
      closedByOrganisation: o.closedBy ? organisationOf(o.closedBy) : null,
      executedByQuorum: o.executedByQuorum,
      approvals: [o.caller.toLowerCase(), ...approversOf(o)].map((account) => ({
        account,
        organisation: organisationOf(account),
      })),
    };
  });
}
