/**
 * The network the provenance, EPCIS and LVM tests read: a real anvil and ledger, real custody
 * writes and the real indexer into PostgreSQL 15. Tests only.
 *
 * Three laps of the world (each: register a 4-pack batch L{n}, maker -> distributor 2 received,
 * maker -> distributor 1 cancelled, distributor -> pharmacy 2 of which 1 arrives, dispense pack 0,
 * consumer claim of pack 1), then:
 * - the maker and the pharmacy each add a clerk (a member with PERMIT_SHIP);
 * - L1: the maker's clerk ships 1 pack to the pharmacy, whose clerk refuses it (back in the maker's stock);
 * - L2 is recalled by the council;
 * - L3: the maker writes 1 pack off, its clerk ships its last pack to the distributor and asks to cancel
 *   (left in transit, the cancellation requested), and the regulator quarantines, releases and
 *   quarantines it again;
 * - L1 gets a third, untouched Pack row (serial L1-S2).
 */
import { after, before } from "node:test";
import { PERMIT } from "@tracemed/chain";
import { MEMBERS, stopSharedPostgres, startWorld, type World } from "@tracemed/indexer/testing";
import { toHex, type Hex } from "viem";

export const GTIN = "09521234543213";

export interface Network {
  w: World;
  L1: Hex;
  L2: Hex;
  L3: Hex;
  /** the shipment left in transit, its cancellation requested (L3, maker -> distributor, 1 pack) */
  inTransitRef: Hex;
  /** the shipment the pharmacy refused (L1, maker -> pharmacy, 1 pack) */
  refusedRef: Hex;
}

export async function buildNetwork(): Promise<Network> {
  const w = await startWorld("PostgreSQL 15");
  try {
    await w.db.product.create({
      data: {
        gtin: GTIN,
        name: "Amoxicillin",
        strength: "500 mg",
        dosageForm: "capsule",
        packSize: "21 capsules",
        manufacturerAccount: w.orgs.maker.address.toLowerCase(),
      },
    });
    await w.lap();
    await w.lap();
    await w.lap();
    const [L1, L2, L3] = w.batches as [Hex, Hex, Hex];
    const { makerClerk, pharmacyClerk } = MEMBERS;
    await w.wait(w.actAs("maker").write.addMember([makerClerk.address, PERMIT.SHIP]));
    await w.wait(w.actAs("pharmacy").write.addMember([pharmacyClerk.address, PERMIT.SHIP]));
    const refusedRef = toHex(999, { size: 32 });
    await w.wait(w.contract(makerClerk).write.ship([L1, w.orgs.pharmacy.address, 1n, refusedRef]));
    await w.wait(w.contract(pharmacyClerk).write.refuseShipment([L1, w.orgs.maker.address, 1n, refusedRef]));
    await w.recall(L2, "Contamination found in retained samples");
    await w.writeOff("maker", L3, 1n, "Damaged in the warehouse");
    const inTransitRef = toHex(1_000, { size: 32 });
    await w.wait(w.contract(makerClerk).write.ship([L3, w.orgs.distributor.address, 1n, inTransitRef]));
    await w.wait(w.contract(makerClerk).write.cancelShipment([L3, w.orgs.distributor.address, 1n, inTransitRef]));
    await w.quarantine(L3, "Temperature excursion reported");
    await w.release(L3);
    await w.quarantine(L3, "Under investigation");
    await w.db.pack.create({
      data: { batchId: L1, leafIndex: 2, serial: "L1-S2", commitment: `0x${"00".repeat(32)}` },
    });
    await w.sync();
    return { w, L1, L2, L3, inTransitRef, refusedRef };
  } catch (e) {
    await w.stop();
    throw e;
  }
}

/**
 * The network for the tests of a file: built by a `before` hook, then `setUp` (node:test runs a
 * file's top-level `before` hooks at the same time, so what needs the network goes there), and
 * stopped with the shared PostgreSQL server by an `after` hook. Call it at the top level of the file.
 */
export function useNetwork(setUp?: (n: Network) => Promise<void>): Network {
  let network: Network | undefined;
  before(async () => {
    network = await buildNetwork();
    await setUp?.(network);
  });
  after(async () => {
    await network?.w.stop();
    await stopSharedPostgres();
  });
  return new Proxy({} as Network, {
    get(_, key) {
      if (!network) throw new Error(`the network is built in a before hook: read ${String(key)} in a hook or a test`);
      return Reflect.get(network, key);
    },
  });
}
