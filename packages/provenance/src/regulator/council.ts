/**
 * The regulator council's operations as the indexer recorded them (CouncilOperation, from the
 * AccessManager's OperationScheduled / OperationExecuted / OperationCanceled): what each one calls, who
 * proposed it, and where it stands. Pending ones can still be cancelled by any regulator; ready ones
 * (their delay over) can be executed. Framework-free: the council page and node tests share it.
 */
import { accessManagerAbi, custodyLedgerAbi } from "@tracemed/chain";
import type { Db } from "@tracemed/db";
import { decodeFunctionData, type Hex } from "viem";

export type CouncilOperationState = "pending" | "ready" | "executed" | "cancelled";

export interface CouncilOperationView {
  id: string;
  nonce: number;
  /** the regulator who proposed it */
  caller: string;
  callerName: string | null;
  target: string;
  /**
   * the call data, and the function it calls with its arguments: one of the ledger's, or of the council itself
   * (granting or revoking a regulator's seat, changing a delay); null when neither ABI knows it
   */
  data: string;
  call: { functionName: string; args: string[] } | null;
  state: CouncilOperationState;
  /** when it may be executed (ISO) */
  schedule: string;
  /** seconds until then, 0 once ready or closed */
  secondsLeft: number;
  scheduledAt: string;
  scheduledTx: string;
  closedAt: string | null;
  closedTx: string | null;
}

/** The call an operation makes (the ledger's or the council's own), arguments as text; null when unknown. */
export function decodeCouncilCall(data: string): CouncilOperationView["call"] {
  for (const abi of [custodyLedgerAbi, accessManagerAbi]) {
    try {
      const { functionName, args } = decodeFunctionData({ abi, data: data as Hex });
      return { functionName, args: (args ?? []).map((a) => (Array.isArray(a) ? a.join(" ") : String(a))) };
    } catch {
      // not this contract's function: try the next
    }
  }
  return null;
}

/** The council's operations: open ones first (soonest executable first), then the latest closed ones. */
export async function councilOperations(db: Db, now = new Date(), take = 100): Promise<CouncilOperationView[]> {
  const [open, closed] = await Promise.all([
    db.councilOperation.findMany({ where: { status: "scheduled" }, orderBy: { schedule: "asc" }, take }),
    db.councilOperation.findMany({
      where: { status: { not: "scheduled" } },
      orderBy: { closedBlock: "desc" },
      take,
    }),
  ]);
  const rows = [...open, ...closed];
  const names = new Map(
    (
      await db.organisation.findMany({
        where: { account: { in: [...new Set(rows.map((r) => r.caller))] } },
        select: { account: true, name: true },
      })
    ).map((o) => [o.account, o.name]),
  );
  const members = new Map(
    (
      await db.member.findMany({
        where: { account: { in: [...new Set(rows.map((r) => r.caller))] } },
        select: { account: true, organisation: true },
      })
    ).map((m) => [m.account, m.organisation]),
  );
  return rows.map((r) => {
    const left = Math.max(0, Math.ceil((r.schedule.getTime() - now.getTime()) / 1000));
    const state: CouncilOperationState =
      r.status === "scheduled" ? (left > 0 ? "pending" : "ready") : r.status === "executed" ? "executed" : "cancelled";
    return {
      id: r.id,
      nonce: r.nonce,
      caller: r.caller,
      // A regulator is named by its organisation (a member's key names the organisation it belongs to).
      callerName: names.get(members.get(r.caller) ?? r.caller) ?? null,
      target: r.target,
      data: r.data,
      call: decodeCouncilCall(r.data),
      state,
      schedule: r.schedule.toISOString(),
      secondsLeft: r.status === "scheduled" ? left : 0,
      scheduledAt: r.scheduledAt.toISOString(),
      scheduledTx: r.scheduledTx,
      closedAt: r.closedAt?.toISOString() ?? null,
      closedTx: r.closedTx,
    };
  });
}
