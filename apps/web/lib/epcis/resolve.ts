/**
 * A ledger plan (packages/epcis mapping.ts) made concrete against what the network knows: batch ids, the
 * recipient's account, the shipments of an SSCC, pack indices and their proofs. The result is the calls to send,
 * or a refusal in the caller's words. Framework-free (tests call it).
 */
import { batchIdOf } from "@tracemed/chain";
import { newSscc, ssccToRef } from "@tracemed/codes";
import type { Db } from "@tracemed/db";
import type { LedgerPlan, LotQuantity, PackRef } from "@tracemed/epcis/mapping";
import { unitReceipt, unitView } from "@tracemed/provenance/units";
import type { Address, Hex } from "viem";
import { fmt } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";

/** One contract call: on the ledger, or on the cases-and-pallets contract. */
export interface PlannedCall {
  target: "ledger" | "units";
  functionName: string;
  args: readonly unknown[];
}

/** The calls, and what to undo when the ledger refuses them (a registration made for them, say). */
/**
 * The calls an event becomes, or why it cannot. `first`: calls on the other contract that must be mined before
 * `calls` are tried (a received unit is taken over before it is shipped on).
 */
export type Resolution =
  { calls: PlannedCall[]; first?: PlannedCall[]; undo?: () => Promise<void> } | { refused: string };

export type CommissionPlan = Extract<LedgerPlan, { kind: "commission" }>;

/**
 * Registers a lot with the manufacturer's own serials (the registration job: PINs, commitments and print files
 * made here) and answers `registerBatch`'s arguments, or why it cannot.
 */
export type Registrar = (
  plan: CommissionPlan,
) => Promise<{ args: readonly unknown[]; undo: () => Promise<void> } | { refused: string }>;

/** The proofs a pharmacy sends to dispense packs (what POST /api/custody/proofs answers). */
export type ProofSource = (
  batchId: string,
  indices: number[],
) => Promise<
  | { kind: "single"; batchId: string; index: number; commitment: string; proof: string[] }
  | { kind: "multi"; batchId: string; indices: number[]; commitments: string[]; proof: string[]; proofFlags: boolean[] }
>;

/** The resolver's refusals in the job's locale (lib/i18n/messages/epcis.ts `refusals`). */
export type RefusalWords = Messages["epcis"]["refusals"];

export interface ResolveContext {
  db: Db;
  words: RefusalWords;
  /** the capturing organisation (lower case) */
  organisation: string;
  proofs: ProofSource;
  register: Registrar;
  /** organisations by GLN, read once per job (a document of many shipments names few parties) */
  parties?: Map<string, { account: string } | null>;
}

async function partyByGln(ctx: ResolveContext, gln: string) {
  const known = ctx.parties?.get(gln);
  if (known !== undefined) return known;
  const found = await ctx.db.organisation.findFirst({ where: { gln }, select: { account: true } });
  ctx.parties?.set(gln, found);
  return found;
}

const refused = (message: string): Resolution => ({ refused: message });

/** Packs by batch, as the database holds them: `{ batchId -> indices }`, or the first pack it does not know. */
async function packIndices(db: Db, packs: PackRef[]): Promise<Map<string, number[]> | { unknown: PackRef }> {
  const byBatch = new Map<string, number[]>();
  const gtins = [...new Set(packs.map((p) => p.gtin))];
  // The pack sets (made by the registration, before the lot is on chain): a lot commissioned earlier in the same
  // capture resolves before the indexer has read it.
  const sets = await db.packSet.findMany({ where: { gtin: { in: gtins } }, select: { batchId: true, gtin: true } });
  const rows = await db.pack.findMany({
    where: { batchId: { in: sets.map((b) => b.batchId) }, serial: { in: packs.map((p) => p.serial) } },
    select: { batchId: true, leafIndex: true, serial: true },
  });
  const gtinOf = new Map(sets.map((b) => [b.batchId, b.gtin]));
  for (const p of packs) {
    const row = rows.find((r) => r.serial === p.serial && gtinOf.get(r.batchId) === p.gtin);
    if (!row) return { unknown: p };
    byBatch.set(row.batchId, [...(byBatch.get(row.batchId) ?? []), row.leafIndex]);
  }
  return byBatch;
}

/** Quantities by batch id: lots named by GTIN + lot, and serialised packs counted into their batches. */
async function quantities(
  { db, words }: ResolveContext,
  lots: LotQuantity[],
  packs: PackRef[],
): Promise<Map<string, number> | string> {
  const out = new Map<string, number>();
  for (const l of lots) {
    const id = batchIdOf(BigInt(l.gtin), l.lot);
    out.set(id, (out.get(id) ?? 0) + l.quantity);
  }
  if (packs.length > 0) {
    const found = await packIndices(db, packs);
    if ("unknown" in found) return fmt(words.unknownPack, { ...found.unknown });
    for (const [id, indices] of found) out.set(id, (out.get(id) ?? 0) + indices.length);
  }
  return out;
}

/** Cases and pallets shipped by their SSCC alone: their committed contents, one `ship` per batch, ref = the SSCC. */
async function shipUnits(ctx: ResolveContext, ssccs: string[], to: Address): Promise<Resolution> {
  const calls: PlannedCall[] = [];
  const first: PlannedCall[] = [];
  for (const sscc of ssccs) {
    const unit = await unitView(ctx.db, sscc);
    if (!unit || unit.contents.length === 0) return refused(fmt(ctx.words.unitUnknown, { sscc }));
    // A sealed unit this organisation received and ships on: it takes it over first, so that the next
    // receiver's receipt is from the unit's holder (the contract takes no other).
    if (unit.status === "packed" && !unit.parentSscc && unit.holder !== ctx.organisation) {
      const receipt = await unitReceipt(ctx.db, sscc, ctx.organisation, unit.holder);
      if (!receipt) return refused(fmt(ctx.words.noReceipt, { sscc }));
      first.push({ target: "units", functionName: "takeOver", args: [BigInt(sscc), receipt] });
    }
    for (const line of unit.contents) {
      calls.push({
        target: "ledger",
        functionName: "ship",
        args: [line.batchId, to, BigInt(line.quantity), ssccToRef(sscc)],
      });
    }
  }
  return first.length > 0 ? { calls, first } : { calls };
}

/** The calls a plan asks for, or why it cannot be made. */
export async function resolvePlan(ctx: ResolveContext, plan: LedgerPlan): Promise<Resolution> {
  const { db, words } = ctx;
  switch (plan.kind) {
    case "ship": {
      const to = await partyByGln(ctx, plan.toGln);
      if (!to) return refused(fmt(words.unknownGln, { gln: plan.toGln }));
      if (plan.lots.length + plan.packs.length === 0) return shipUnits(ctx, plan.ssccs, to.account as Address);
      const q = await quantities(ctx, plan.lots, plan.packs);
      if (typeof q === "string") return refused(q);
      let sscc = plan.ssccs[0];
      if (!sscc) {
        const me = await db.organisation.findUnique({ where: { account: ctx.organisation } });
        if (!me) return refused(words.notKnown);
        sscc = newSscc(me.gln);
      }
      const ref = ssccToRef(sscc);
      return {
        calls: [...q].map(([batchId, quantity]) => ({
          target: "ledger" as const,
          functionName: "ship",
          args: [batchId, to.account as Address, BigInt(quantity), ref],
        })),
      };
    }
    case "receive": {
      const calls: PlannedCall[] = [];
      for (const sscc of plan.ssccs) {
        const ref = ssccToRef(sscc);
        const shipments = await db.shipment.findMany({
          where: { ref, toAccount: ctx.organisation, status: { in: ["in_transit", "cancel_requested"] } },
        });
        if (shipments.length === 0) {
          return refused(fmt(words.noShipment, { sscc }));
        }
        for (const s of shipments) {
          const quantity = BigInt(s.quantity);
          calls.push({
            target: "ledger",
            functionName: "confirmReceipt",
            args: [s.batchId, s.fromAccount as Address, quantity, ref, quantity],
          });
        }
      }
      return { calls };
    }
    case "destroy": {
      const q = await quantities(ctx, plan.lots, plan.packs);
      if (typeof q === "string") return refused(q);
      return {
        calls: [...q].map(([batchId, quantity]) => ({
          target: "ledger" as const,
          functionName: "writeOff",
          args: [batchId, BigInt(quantity), plan.reason],
        })),
      };
    }
    case "dispense": {
      const found = await packIndices(db, plan.packs);
      if ("unknown" in found)
        return refused(`No pack of GTIN ${found.unknown.gtin} has serial ${found.unknown.serial} here.`);
      const calls: PlannedCall[] = [];
      for (const [batchId, indices] of found) {
        const p = await ctx.proofs(batchId, indices);
        calls.push(
          p.kind === "single"
            ? { target: "ledger", functionName: "dispense", args: [batchId, BigInt(p.index), p.commitment, p.proof] }
            : {
                target: "ledger",
                functionName: "dispenseMany",
                args: [batchId, p.indices.map(BigInt), p.commitments, p.proof, p.proofFlags],
              },
        );
      }
      return { calls };
    }
    case "pack": {
      const found = plan.packs.length > 0 ? await packIndices(db, plan.packs) : new Map<string, number[]>();
      if ("unknown" in found)
        return refused(`No pack of GTIN ${found.unknown.gtin} has serial ${found.unknown.serial} here.`);
      const groups = [...found].map(([batchId, indices]) => ({
        batchId: batchId as Hex,
        indices: [...indices].sort((a, b) => a - b),
      }));
      return {
        calls: [
          {
            target: "units",
            functionName: "pack",
            args: [BigInt(plan.sscc), groups, plan.children.map((c) => BigInt(c))],
          },
        ],
      };
    }
    case "unpack": {
      // The holder opens its unit as it is; a recipient proves the unit reached it by a receipt of its shipment.
      const unit = await unitView(db, plan.sscc);
      const none = { batchId: `0x${"00".repeat(32)}` as Hex, from: `0x${"00".repeat(20)}` as Address, quantity: 0n };
      let receipt = none;
      if (unit && unit.holder !== ctx.organisation) {
        const found = await unitReceipt(db, plan.sscc, ctx.organisation, unit.holder);
        if (!found) return refused(fmt(words.noReceipt, { sscc: plan.sscc }));
        receipt = found;
      }
      return { calls: [{ target: "units", functionName: "unpack", args: [BigInt(plan.sscc), receipt] }] };
    }
    case "commission": {
      const r = await ctx.register(plan);
      if ("refused" in r) return refused(fmt(words.commissioning, { reason: r.refused }));
      return { calls: [{ target: "ledger", functionName: "registerBatch", args: r.args }], undo: r.undo };
    }
    case "record":
    case "unsupported":
      return { calls: [] };
  }
}
