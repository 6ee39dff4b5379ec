"use client";
/** The browser's reads of cases and pallets (`/api/custody/units/...`) and the words that sum one up. */
import { logisticUnitsAbi } from "@tracemed/chain";
import type { UnitAtDesk, UnitReceipt } from "@tracemed/provenance/unitDesk";
import type { UnitView } from "@tracemed/provenance/units";
import { encodeFunctionData, type Hex } from "viem";
import { unitProofRequest } from "@/lib/inputs/units";
import type { Messages } from "@/lib/i18n/messages";
import { fmt } from "@/lib/i18n/locales";
import { postJson } from "@/lib/postJson";

/** The unit as the signed-in organisation may see it; null when unknown or none of its business (404). */
export async function fetchUnit(sscc: string): Promise<UnitAtDesk | null> {
  const res = await fetch(`/api/custody/units/${sscc}`, { cache: "no-store" });
  if (res.status === 404) return null;
  const body = (await res.json().catch(() => null)) as (UnitAtDesk & { error?: { message: string } }) | null;
  if (!res.ok || !body) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  return body;
}

/**
 * `(sscc, receipt)` for the units contract's `unpack` or `takeOver`, with the server's receipt proof (a zero receipt
 * when the organisation holds the unit).
 */
export async function receiptArgs(
  sscc: string,
): Promise<readonly [bigint, { batchId: Hex; from: Hex; quantity: bigint }]> {
  const { receipt } = await postJson<{ receipt: UnitReceipt }>("/api/custody/units/proofs", { sscc }, unitProofRequest);
  return [
    BigInt(sscc),
    { batchId: receipt.batchId as Hex, from: receipt.from as Hex, quantity: BigInt(receipt.quantity) },
  ] as const;
}

/** `takeOver(sscc, receipt)` as calldata, for a multicall on the units contract. */
export const takeOverData = (args: Awaited<ReturnType<typeof receiptArgs>>): Hex =>
  encodeFunctionData({ abi: logisticUnitsAbi, functionName: "takeOver", args });

/** "2 cases, 20 packs" (a case of loose packs: "10 packs"). */
export function unitSummary(m: Messages, unit: Pick<UnitView, "children" | "packs">): string {
  const t = m.custody.unit;
  return unit.children.length > 0
    ? fmt(t.summary, { cases: unit.children.length, packs: unit.packs })
    : fmt(t.packsOnly, { packs: unit.packs });
}
