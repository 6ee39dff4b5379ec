/**
 * Every state-changing function against every kind of caller. For each cell the call is prepared so
 * that it would succeed if the caller's role allowed it; the cell then asserts success, or the
 * exact refusal (unknown account, suspended organisation, or the role that was needed).
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, describe, it } from "node:test";
import { getAddress, toHex } from "viem";
import {
  addr,
  ALL_ROLES,
  CN,
  CUSTODY,
  DAY,
  deployWorld,
  expectRevert,
  give,
  gln,
  nextRef,
  PREFIX,
  registerBatch,
  ROLE,
  type Wallet,
  type World,
} from "./helpers/ledger.js";

type Actor =
  "regulator" | "manufacturer" | "distributor" | "pharmacy" | "verifier" | "allRoles" | "suspended" | "stranger";
const ACTORS: Actor[] = [
  "regulator",
  "manufacturer",
  "distributor",
  "pharmacy",
  "verifier",
  "allRoles",
  "suspended",
  "stranger",
];

let w: World;
let glnSeq = 100;
const walletOf = (a: Actor): Wallet =>
  ({
    regulator: w.regulator,
    manufacturer: w.maker,
    distributor: w.distributor,
    pharmacy: w.pharmacy,
    verifier: w.verifier,
    allRoles: w.allRoles,
    suspended: w.allRoles,
    stranger: w.stranger,
  })[a];
const rolesOf = (a: Actor): number =>
  ({
    regulator: ROLE.REGULATOR,
    manufacturer: ROLE.MANUFACTURER,
    distributor: ROLE.DISTRIBUTOR,
    pharmacy: ROLE.PHARMACY,
    verifier: ROLE.VERIFIER,
    allRoles: ALL_ROLES,
    suspended: ALL_ROLES,
    stranger: 0,
  })[a];
const holdsStock = (a: Actor) => (rolesOf(a) & CUSTODY) !== 0;

/** Gives the caller stock of a fresh batch of the manufacturer's, when its roles let it hold any. */
async function batchHeldBy(a: Actor, quantity = 10n) {
  const b = await registerBatch(w, w.maker, 16);
  if (holdsStock(a) && a !== "manufacturer") await give(w, b.batchId, w.maker, walletOf(a), quantity);
  return b;
}

type Call = (a: Actor, as: { account: Wallet["account"] }) => Promise<() => Promise<unknown>>;

const FUNCTIONS: Record<string, { required: number; call: Call }> = {
  onboard: {
    required: ROLE.REGULATOR,
    call: async (_a, as) => () =>
      w.ledger.write.onboard(
        [getAddress(toHex(randomBytes(20))), ROLE.PHARMACY, gln(glnSeq++), CN, "New Pharmacy"],
        as,
      ),
  },
  updateOrganisation: {
    required: ROLE.REGULATOR,
    call: async (_a, as) => () =>
      w.ledger.write.updateOrganisation([addr(w.pharmacy2), ROLE.PHARMACY, gln(7), CN, "Fairview Pharmacy"], as),
  },
  setCompanyPrefixes: {
    required: ROLE.REGULATOR,
    call: async (_a, as) => () => w.ledger.write.setCompanyPrefixes([addr(w.maker2), [PREFIX.maker2]], as),
  },
  suspend: {
    required: ROLE.REGULATOR,
    call: async (_a, as) => async () => {
      await w.ledger.write.suspend([addr(w.distributor2)], as);
      await w.ledger.write.reinstate([addr(w.distributor2)], { account: w.regulator.account });
    },
  },
  reinstate: {
    required: ROLE.REGULATOR,
    call: async (_a, as) => {
      await w.ledger.write.suspend([addr(w.distributor2)], { account: w.regulator.account });
      return async () => {
        try {
          await w.ledger.write.reinstate([addr(w.distributor2)], as);
        } finally {
          if ((await w.ledger.read.organisation([addr(w.distributor2)])).suspended) {
            await w.ledger.write.reinstate([addr(w.distributor2)], { account: w.regulator.account });
          }
        }
      };
    },
  },
  registerBatch: {
    required: ROLE.MANUFACTURER,
    call: async (a, as) => {
      const later = Number((await w.networkHelpers.time.latest()) + 1000);
      const lot = `M${glnSeq++}`;
      const gtin = w.gtinOf(walletOf(a)); // a manufacturer registers under its own company prefix
      return () => w.ledger.write.registerBatch([gtin, lot, later, 10, `0x${"33".repeat(32)}`], as);
    },
  },
  recall: {
    required: ROLE.REGULATOR | ROLE.MANUFACTURER,
    call: async (_a, as) => {
      const b = await registerBatch(w, w.maker, 4);
      return () => w.ledger.write.recall([b.batchId, "Out of specification"], as);
    },
  },
  quarantine: {
    required: ROLE.REGULATOR,
    call: async (_a, as) => {
      const b = await registerBatch(w, w.maker, 4);
      return () => w.ledger.write.quarantine([b.batchId, "Under investigation"], as);
    },
  },
  release: {
    required: ROLE.REGULATOR,
    call: async (_a, as) => {
      const b = await registerBatch(w, w.maker, 4);
      await w.ledger.write.quarantine([b.batchId, "Under investigation"], { account: w.regulator.account });
      return () => w.ledger.write.release([b.batchId], as);
    },
  },
  ship: {
    required: CUSTODY,
    call: async (a, as) => {
      const b = await batchHeldBy(a);
      const to = a === "distributor" ? w.pharmacy : w.distributor;
      return () => w.ledger.write.ship([b.batchId, addr(to), 1n, nextRef()], as);
    },
  },
  confirmReceipt: {
    required: CUSTODY,
    call: async (a, as) => {
      const b = await registerBatch(w, w.maker, 16);
      let from = w.maker;
      if (a === "manufacturer") {
        await give(w, b.batchId, w.maker, w.distributor, 5n);
        from = w.distributor;
      }
      const ref = nextRef();
      if (holdsStock(a)) await w.ledger.write.ship([b.batchId, addr(walletOf(a)), 2n, ref], { account: from.account });
      return () => w.ledger.write.confirmReceipt([b.batchId, addr(from), 2n, ref, 2n], as);
    },
  },
  cancelShipment: {
    required: CUSTODY,
    call: async (a, as) => {
      const b = await batchHeldBy(a);
      const to = a === "distributor" ? w.pharmacy : w.distributor;
      const ref = nextRef();
      if (holdsStock(a)) await w.ledger.write.ship([b.batchId, addr(to), 1n, ref], as);
      return () => w.ledger.write.cancelShipment([b.batchId, addr(to), 1n, ref], as);
    },
  },
  writeOff: {
    required: CUSTODY,
    call: async (a, as) => {
      const b = await batchHeldBy(a);
      return () => w.ledger.write.writeOff([b.batchId, 1n, "Damaged in transit"], as);
    },
  },
  dispense: {
    required: ROLE.PHARMACY,
    call: async (a, as) => {
      const b = await batchHeldBy(a);
      return () => w.ledger.write.dispense([b.batchId, ...b.packs.single(0)], as);
    },
  },
  dispenseMany: {
    required: ROLE.PHARMACY,
    call: async (a, as) => {
      const b = await batchHeldBy(a);
      return () => w.ledger.write.dispenseMany([b.batchId, ...b.packs.many([0, 1, 2])], as);
    },
  },
  undoDispense: {
    required: ROLE.PHARMACY,
    call: async (a, as) => {
      const b = await batchHeldBy(a);
      if (rolesOf(a) & ROLE.PHARMACY) await w.ledger.write.dispense([b.batchId, ...b.packs.single(0)], as);
      const day = Number(BigInt(await w.networkHelpers.time.latest()) / DAY);
      return () => w.ledger.write.undoDispense([b.batchId, day, [0n]], as);
    },
  },
  claim: {
    required: ROLE.VERIFIER,
    call: async (_a, as) => {
      const b = await registerBatch(w, w.maker, 8);
      return () => w.ledger.write.claim([b.batchId, ...b.packs.single(0)], as);
    },
  },
  claimMany: {
    required: ROLE.VERIFIER,
    call: async (_a, as) => {
      const b = await registerBatch(w, w.maker, 8);
      return () => w.ledger.write.claimMany([b.batchId, ...b.packs.many([0, 3])], as);
    },
  },
};

before(async () => {
  w = await deployWorld();
});

describe("role matrix", () => {
  it("coversEveryStateChangingFunctionOfTheAbi", () => {
    const writes = w.ledger.abi
      .filter((x) => x.type === "function" && x.stateMutability !== "view" && x.stateMutability !== "pure")
      .map((x) => (x as { name: string }).name)
      .filter((name) => name !== "multicall"); // delegates to the functions below, with the same msg.sender
    assert.deepEqual(writes.sort(), Object.keys(FUNCTIONS).sort());
  });

  for (const [fn, spec] of Object.entries(FUNCTIONS)) {
    for (const actor of ACTORS) {
      const allowed = actor !== "suspended" && actor !== "stranger" && (rolesOf(actor) & spec.required) !== 0;
      it(`${fn}_${allowed ? "allowsThe" : "refusesThe"}${actor}`, async () => {
        const wallet = walletOf(actor);
        const run = await spec.call(actor, { account: wallet.account });
        if (actor === "suspended") await w.ledger.write.suspend([addr(wallet)], { account: w.regulator.account });
        try {
          if (allowed) await run();
          else if (actor === "stranger") await expectRevert(run(), "OrgUnknown", [addr(wallet)]);
          else if (actor === "suspended") await expectRevert(run(), "OrgIsSuspended", [addr(wallet)]);
          else await expectRevert(run(), "OrgMissingRole", [addr(wallet), rolesOf(actor), spec.required]);
        } finally {
          if (actor === "suspended") await w.ledger.write.reinstate([addr(wallet)], { account: w.regulator.account });
        }
      });
    }
  }
});
