/**
 * Quantity conservation under random sequences of ship / receive (with shortfalls) / refuse / cancel
 * requests and their completion / time passing / dispense (single and many) / undo / write-off, signed
 * by founding admins or by operators their admins add and remove along the way. After every step the
 * chain must agree with a plain model, and held + in transit (including shipments whose cancellation is
 * requested) + dispensed + written off must equal the packs registered.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import fc from "fast-check";
import type { Hex } from "viem";
import { founderPermissions } from "@tracemed/chain";
import { addr, deployWorld, expectRevert, nextRef, registerBatch, type Wallet, type World } from "../helpers/ledger.js";

const PACKS = 48;
const RUNS = Number(process.env.CONSERVATION_RUNS ?? 25);
const STEPS = 30;

let w: World;
before(async () => {
  w = await deployWorld();
});

const op = fc.oneof(
  fc.record({
    kind: fc.constant("ship" as const),
    from: fc.nat(4),
    to: fc.nat(4),
    qty: fc.integer({ min: 1, max: 30 }),
  }),
  fc.record({ kind: fc.constant("receive" as const), shipment: fc.nat(50), lost: fc.nat(3) }),
  fc.record({ kind: fc.constant("refuse" as const), shipment: fc.nat(50) }),
  fc.record({ kind: fc.constant("cancel" as const), shipment: fc.nat(50) }),
  fc.record({ kind: fc.constant("complete" as const), shipment: fc.nat(50) }),
  fc.record({ kind: fc.constant("wait" as const), hours: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant("member" as const), holder: fc.nat(4) }),
  fc.record({ kind: fc.constant("dispense" as const), pharmacy: fc.nat(1), pack: fc.nat(PACKS - 1) }),
  fc.record({
    kind: fc.constant("dispenseMany" as const),
    pharmacy: fc.nat(1),
    packs: fc.uniqueArray(fc.nat(PACKS - 1), { minLength: 1, maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant("undo" as const), pharmacy: fc.nat(1), pack: fc.nat(PACKS - 1) }),
  fc.record({ kind: fc.constant("writeOff" as const), holder: fc.nat(4), qty: fc.integer({ min: 1, max: 5 }) }),
);

const STATUS = { transit: 1, received: 2, voided: 3, refused: 4, cancelRequested: 5 } as const;
interface Shipment {
  from: number;
  to: number;
  qty: bigint;
  ref: Hex;
  status: keyof typeof STATUS;
  requestedAt: number;
}
const HOUR = 3600;
const NOTICE = 48 * HOUR;

/** Each holder's operator: none yet, a member (added by its admin), or removed (its writes refused). */
const operators: ("none" | "active" | "removed")[] = ["none", "none", "none", "none", "none"];

describe("quantity conservation", () => {
  it("fuzz_quantityIsConservedAndMatchesTheModel", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(op, fc.boolean()), { minLength: 5, maxLength: STEPS }), async (steps) => {
        const holders: Wallet[] = [w.maker, w.distributor, w.distributor2, w.pharmacy, w.pharmacy2];
        const pharmacies = [3, 4];
        const b = await registerBatch(w, w.maker, PACKS);
        const held = [BigInt(PACKS), 0n, 0n, 0n, 0n];
        const dispensedBy = [0n, 0n, 0n, 0n, 0n];
        const writtenOff = [0n, 0n, 0n, 0n, 0n];
        const dispensed = new Map<number, number>(); // pack -> holder index that dispensed it
        const dispensedIn = new Map<number, number>(); // pack -> unix hour of its dispense
        const shipments: Shipment[] = [];
        /** The timestamp the next transaction gets (set, so that the model knows it to the second). */
        const nextTime = async () => {
          const t = (await w.networkHelpers.time.latest()) + 1;
          await w.networkHelpers.time.setNextBlockTimestamp(t);
          return t;
        };
        const operatorOf = (i: number) => w.spare[i]!;

        for (const [o, viaOperator] of steps) {
          // Who signs for holder i: its operator when asked for and it ever joined, else its founding admin.
          const signer = (i: number) => (viaOperator && operators[i] !== "none" ? operatorOf(i) : holders[i]!);
          const removed = (i: number) => viaOperator && operators[i] === "removed";
          if (o.kind === "member") {
            const admin = { account: holders[o.holder]!.account };
            const account = addr(operatorOf(o.holder));
            if (operators[o.holder] === "active") {
              await w.ledger.write.removeMember([account], admin);
              operators[o.holder] = "removed";
            } else {
              const roles = (await w.ledger.read.organisation([addr(holders[o.holder]!)])).roles;
              await w.ledger.write.addMember([account, founderPermissions(roles) & ~1], admin);
              operators[o.holder] = "active";
            }
            continue;
          }
          if (o.kind === "wait") {
            await w.networkHelpers.time.increase(o.hours * HOUR);
            continue;
          }
          const signerOf = o.kind === "ship" ? o.from : o.kind === "writeOff" ? o.holder : undefined;
          if (signerOf !== undefined && removed(signerOf)) {
            const call =
              o.kind === "ship"
                ? w.ledger.write.ship([b.batchId, addr(holders[o.to]!), 1n, nextRef()], {
                    account: signer(o.from).account,
                  })
                : w.ledger.write.writeOff([b.batchId, 1n, "Damaged"], { account: signer(signerOf).account });
            await expectRevert(call, "OrgNotMember", [addr(signer(signerOf))]);
            continue;
          }
          if (o.kind === "ship") {
            const to = holders[o.to]!;
            const qty = BigInt(o.qty);
            const ref = nextRef();
            const call = w.ledger.write.ship([b.batchId, addr(to), qty, ref], { account: signer(o.from).account });
            if (o.from === o.to) await expectRevert(call, "CustodySelfShipment");
            else if (held[o.from]! < qty) await expectRevert(call, "CustodyInsufficientStock");
            else {
              await call;
              held[o.from]! -= qty;
              shipments.push({ from: o.from, to: o.to, qty, ref, status: "transit", requestedAt: 0 });
            }
          } else if (o.kind === "receive" || o.kind === "refuse" || o.kind === "cancel" || o.kind === "complete") {
            const s = shipments[o.shipment % Math.max(shipments.length, 1)];
            if (!s) continue;
            const side = o.kind === "receive" || o.kind === "refuse" ? s.to : s.from;
            const as = { account: signer(side).account };
            const open = s.status === "transit" || s.status === "cancelRequested";
            if (removed(side)) {
              const call = w.ledger.write.refuseShipment([b.batchId, addr(holders[s.from]!), s.qty, s.ref], as);
              await expectRevert(call, "OrgNotMember", [addr(signer(side))]);
            } else if (o.kind === "receive") {
              const received = s.qty > BigInt(o.lost) ? s.qty - BigInt(o.lost) : 0n;
              const from = addr(holders[s.from]!);
              const call = w.ledger.write.confirmReceipt([b.batchId, from, s.qty, s.ref, received], as);
              if (!open) await expectRevert(call, "CustodyShipmentNotInTransit");
              else {
                await call;
                s.status = "received";
                held[s.to]! += received;
                writtenOff[s.to]! += s.qty - received;
              }
            } else if (o.kind === "refuse") {
              const call = w.ledger.write.refuseShipment([b.batchId, addr(holders[s.from]!), s.qty, s.ref], as);
              if (!open) await expectRevert(call, "CustodyShipmentNotInTransit");
              else {
                await call;
                s.status = "refused";
                held[s.from]! += s.qty;
              }
            } else if (o.kind === "cancel") {
              const at = await nextTime();
              const call = w.ledger.write.cancelShipment([b.batchId, addr(holders[s.to]!), s.qty, s.ref], as);
              if (s.status !== "transit") await expectRevert(call, "CustodyShipmentNotInTransit");
              else {
                await call;
                s.status = "cancelRequested";
                s.requestedAt = at;
              }
            } else {
              const at = await nextTime();
              const call = w.ledger.write.completeCancellation([b.batchId, addr(holders[s.to]!), s.qty, s.ref], as);
              if (s.status !== "cancelRequested") await expectRevert(call, "CustodyCancelNotRequested");
              else if (at < s.requestedAt + NOTICE) await expectRevert(call, "CustodyCancelNoticeRunning");
              else {
                await call;
                s.status = "voided";
                held[s.from]! += s.qty;
              }
            }
          } else if (o.kind === "dispense" || o.kind === "dispenseMany") {
            const p = pharmacies[o.pharmacy]!;
            const packs = o.kind === "dispense" ? [o.pack] : o.packs;
            const as = { account: signer(p).account };
            const at = await nextTime();
            const call =
              o.kind === "dispense"
                ? w.ledger.write.dispense([b.batchId, ...b.packs.single(o.pack)], as)
                : w.ledger.write.dispenseMany([b.batchId, ...b.packs.many(packs)], as);
            if (removed(p)) await expectRevert(call, "OrgNotMember", [addr(signer(p))]);
            else if (held[p]! < BigInt(packs.length)) await expectRevert(call, "CustodyInsufficientStock");
            else if (packs.some((x) => dispensed.has(x))) await expectRevert(call, "PackAlreadyDispensed");
            else {
              await call;
              held[p]! -= BigInt(packs.length);
              dispensedBy[p]! += BigInt(packs.length);
              for (const x of packs) {
                dispensed.set(x, p);
                dispensedIn.set(x, Math.floor(at / HOUR));
              }
            }
          } else if (o.kind === "undo") {
            const p = pharmacies[o.pharmacy]!;
            const at = await nextTime();
            const hour = dispensedIn.get(o.pack) ?? Math.floor(at / HOUR);
            const call = w.ledger.write.undoDispense([b.batchId, hour, [BigInt(o.pack)]], {
              account: signer(p).account,
            });
            if (removed(p)) await expectRevert(call, "OrgNotMember", [addr(signer(p))]);
            else if (at > (hour + 240) * HOUR) await expectRevert(call, "PackUndoWindowClosed");
            else if (dispensed.get(o.pack) !== p) await expectRevert(call, "PackNotDispensedByCaller");
            else {
              await call;
              dispensed.delete(o.pack);
              held[p]! += 1n;
              dispensedBy[p]! -= 1n;
            }
          } else {
            const qty = BigInt(o.qty);
            const call = w.ledger.write.writeOff([b.batchId, qty, "Damaged"], { account: signer(o.holder).account });
            if (held[o.holder]! < qty) await expectRevert(call, "CustodyInsufficientStock");
            else {
              await call;
              held[o.holder]! -= qty;
              writtenOff[o.holder]! += qty;
            }
          }

          // The chain agrees with the model, holder by holder ...
          let onChainTotal = 0n;
          for (const [i, h] of holders.entries()) {
            const c = await w.ledger.read.holding([b.batchId, addr(h)]);
            assert.deepEqual([c.held, c.dispensed, c.writtenOff], [held[i], dispensedBy[i], writtenOff[i]]);
            onChainTotal += c.held + c.dispensed + c.writtenOff;
          }
          // ... and what the chain says is in transit closes the sum.
          for (const s of shipments) {
            const id = await w.ledger.read.shipmentIdOf([
              b.batchId,
              addr(holders[s.from]!),
              addr(holders[s.to]!),
              s.qty,
              s.ref,
            ]);
            const status = await w.ledger.read.shipmentStatus([id]);
            assert.equal(status, STATUS[s.status]);
            if (status === STATUS.transit || status === STATUS.cancelRequested) onChainTotal += s.qty;
          }
          assert.equal(onChainTotal, BigInt(PACKS), "held + in transit + dispensed + written off = registered");
          for (let x = 0; x < PACKS; x += 7) {
            assert.equal(await w.ledger.read.isDispensed([b.batchId, BigInt(x)]), dispensed.has(x));
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});
