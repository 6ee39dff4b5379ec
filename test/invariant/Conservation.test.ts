/**
 * Quantity conservation under random sequences of ship / receive (with shortfalls) / cancel /
 * dispense (single and many) / undo / write-off. After every step the chain must agree with a
 * plain model, and held + in transit + dispensed + written off must equal the packs registered.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import fc from "fast-check";
import type { Hex } from "viem";
import {
  addr,
  DAY,
  deployWorld,
  expectRevert,
  nextRef,
  registerBatch,
  type Wallet,
  type World,
} from "../helpers/ledger.js";

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
  fc.record({ kind: fc.constant("cancel" as const), shipment: fc.nat(50) }),
  fc.record({ kind: fc.constant("dispense" as const), pharmacy: fc.nat(1), pack: fc.nat(PACKS - 1) }),
  fc.record({
    kind: fc.constant("dispenseMany" as const),
    pharmacy: fc.nat(1),
    packs: fc.uniqueArray(fc.nat(PACKS - 1), { minLength: 1, maxLength: 6 }),
  }),
  fc.record({ kind: fc.constant("undo" as const), pharmacy: fc.nat(1), pack: fc.nat(PACKS - 1) }),
  fc.record({ kind: fc.constant("writeOff" as const), holder: fc.nat(4), qty: fc.integer({ min: 1, max: 5 }) }),
);

interface Shipment {
  from: number;
  to: number;
  qty: bigint;
  ref: Hex;
  status: "transit" | "received" | "voided";
}

describe("quantity conservation", () => {
  it("fuzz_quantityIsConservedAndMatchesTheModel", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: STEPS }), async (ops) => {
        const holders: Wallet[] = [w.maker, w.distributor, w.distributor2, w.pharmacy, w.pharmacy2];
        const pharmacies = [3, 4];
        const b = await registerBatch(w, w.maker, PACKS);
        const held = [BigInt(PACKS), 0n, 0n, 0n, 0n];
        const dispensedBy = [0n, 0n, 0n, 0n, 0n];
        const writtenOff = [0n, 0n, 0n, 0n, 0n];
        const dispensed = new Map<number, number>(); // pack -> holder index that dispensed it
        const shipments: Shipment[] = [];
        const day = () => w.networkHelpers.time.latest().then((t) => Number(BigInt(t) / DAY));

        for (const o of ops) {
          if (o.kind === "ship") {
            const from = holders[o.from]!;
            const to = holders[o.to]!;
            const qty = BigInt(o.qty);
            const ref = nextRef();
            const call = w.ledger.write.ship([b.batchId, addr(to), qty, ref], { account: from.account });
            if (o.from === o.to) await expectRevert(call, "CustodySelfShipment");
            else if (held[o.from]! < qty) await expectRevert(call, "CustodyInsufficientStock");
            else {
              await call;
              held[o.from]! -= qty;
              shipments.push({ from: o.from, to: o.to, qty, ref, status: "transit" });
            }
          } else if (o.kind === "receive" || o.kind === "cancel") {
            const s = shipments[o.shipment % Math.max(shipments.length, 1)];
            if (!s) continue;
            if (o.kind === "receive") {
              const received = s.qty > BigInt(o.lost) ? s.qty - BigInt(o.lost) : 0n;
              const call = w.ledger.write.confirmReceipt([b.batchId, addr(holders[s.from]!), s.qty, s.ref, received], {
                account: holders[s.to]!.account,
              });
              if (s.status !== "transit") await expectRevert(call, "CustodyShipmentNotInTransit");
              else {
                await call;
                s.status = "received";
                held[s.to]! += received;
                writtenOff[s.to]! += s.qty - received;
              }
            } else {
              const call = w.ledger.write.cancelShipment([b.batchId, addr(holders[s.to]!), s.qty, s.ref], {
                account: holders[s.from]!.account,
              });
              if (s.status !== "transit") await expectRevert(call, "CustodyShipmentNotInTransit");
              else {
                await call;
                s.status = "voided";
                held[s.from]! += s.qty;
              }
            }
          } else if (o.kind === "dispense" || o.kind === "dispenseMany") {
            const p = pharmacies[o.pharmacy]!;
            const packs = o.kind === "dispense" ? [o.pack] : o.packs;
            const call =
              o.kind === "dispense"
                ? w.ledger.write.dispense([b.batchId, ...b.packs.single(o.pack)], { account: holders[p]!.account })
                : w.ledger.write.dispenseMany([b.batchId, ...b.packs.many(packs)], { account: holders[p]!.account });
            if (held[p]! < BigInt(packs.length)) await expectRevert(call, "CustodyInsufficientStock");
            else if (packs.some((x) => dispensed.has(x))) await expectRevert(call, "PackAlreadyDispensed");
            else {
              await call;
              held[p]! -= BigInt(packs.length);
              dispensedBy[p]! += BigInt(packs.length);
              for (const x of packs) dispensed.set(x, p);
            }
          } else if (o.kind === "undo") {
            const p = pharmacies[o.pharmacy]!;
            const call = w.ledger.write.undoDispense([b.batchId, await day(), [BigInt(o.pack)]], {
              account: holders[p]!.account,
            });
            if (dispensed.get(o.pack) !== p) await expectRevert(call, "PackNotDispensedByCaller");
            else {
              await call;
              dispensed.delete(o.pack);
              held[p]! += 1n;
              dispensedBy[p]! -= 1n;
            }
          } else {
            const qty = BigInt(o.qty);
            const call = w.ledger.write.writeOff([b.batchId, qty, "Damaged"], { account: holders[o.holder]!.account });
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
            assert.equal(status, { transit: 1, received: 2, voided: 3 }[s.status]);
            if (status === 1) onChainTotal += s.qty;
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
