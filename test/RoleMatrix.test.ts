/**
 * Every state-changing function against every kind of caller: organisation role x member permission x
 * action. The callers are each organisation's founding admin, a member of the all-roles organisation
 * holding every permission but the one the function needs, that organisation's admin while it is
 * suspended, an account that belongs to no organisation, and the council (the AccessManager's address,
 * as its execute() calls the ledger). For each cell the call is prepared so that it would succeed if the
 * caller were allowed; the cell then asserts success, or the exact refusal.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { before, describe, it } from "node:test";
import { getAddress, toFunctionSelector, toHex, type Address } from "viem";
import { ALL_PERMITS } from "@tracemed/chain";
import {
  addr,
  ALL_ROLES,
  CN,
  CUSTODY,
  deployWorld,
  expectRevert,
  give,
  gln,
  nextRef,
  PERMIT,
  PREFIX,
  registerBatch,
  ROLE,
  type Wallet,
  type World,
} from "./helpers/ledger.js";

type Actor =
  | "regulator"
  | "manufacturer"
  | "distributor"
  | "pharmacy"
  | "verifier"
  | "allRoles"
  | "lacksPermit"
  | "suspended"
  | "stranger"
  | "council";
const ACTORS: Actor[] = [
  "regulator",
  "manufacturer",
  "distributor",
  "pharmacy",
  "verifier",
  "allRoles",
  "lacksPermit",
  "suspended",
  "stranger",
  "council",
];

let w: World;
let councilWallet: Wallet;
let lacksPermit: Wallet;
let nextImplementation: Address;
let glnSeq = 100;
const randomAccount = (): Address => getAddress(toHex(randomBytes(20)));

/** The account that signs. */
const walletOf = (a: Actor): Wallet =>
  ({
    regulator: w.regulator,
    manufacturer: w.maker,
    distributor: w.distributor,
    pharmacy: w.pharmacy,
    verifier: w.verifier,
    allRoles: w.allRoles,
    lacksPermit,
    suspended: w.allRoles,
    stranger: w.stranger,
    council: councilWallet,
  })[a];
/** The founding admin of the organisation the signer acts for (itself when not a member). */
const orgOf = (a: Actor): Wallet => (a === "lacksPermit" ? w.allRoles : walletOf(a));
const rolesOf = (a: Actor): number =>
  ({
    regulator: ROLE.REGULATOR,
    manufacturer: ROLE.MANUFACTURER,
    distributor: ROLE.DISTRIBUTOR,
    pharmacy: ROLE.PHARMACY,
    verifier: ROLE.VERIFIER,
    allRoles: ALL_ROLES,
    lacksPermit: ALL_ROLES,
    suspended: ALL_ROLES,
    stranger: 0,
    council: 0,
  })[a];
const holdsStock = (a: Actor) => (rolesOf(a) & CUSTODY) !== 0;

/** Gives the caller's organisation stock of a fresh batch of the manufacturer's, when it can hold any. */
async function batchHeldBy(a: Actor, quantity = 10n) {
  const b = await registerBatch(w, w.maker, 16);
  if (holdsStock(a) && a !== "manufacturer") await give(w, b.batchId, w.maker, orgOf(a), quantity);
  return b;
}

/** Ships 2 packs to the caller's organisation (when it can hold stock); returns the sender and ref. */
async function incoming(a: Actor) {
  const b = await registerBatch(w, w.maker, 16);
  let from = w.maker;
  if (a === "manufacturer") {
    await give(w, b.batchId, w.maker, w.distributor, 5n);
    from = w.distributor;
  }
  const ref = nextRef();
  if (holdsStock(a)) await w.ledger.write.ship([b.batchId, addr(orgOf(a)), 2n, ref], { account: from.account });
  return { b, from, ref };
}

/** A shipment of 1 pack from the caller's organisation to a distributor or pharmacy. */
async function outgoing(a: Actor) {
  const b = await batchHeldBy(a);
  const to = a === "distributor" ? w.pharmacy : w.distributor;
  const ref = nextRef();
  if (holdsStock(a)) await w.ledger.write.ship([b.batchId, addr(to), 1n, ref], { account: orgOf(a).account });
  return { b, to, ref };
}

/** A member of the caller's organisation (added by its admin) for the member functions to change. */
async function memberOfCallersOrganisation(a: Actor): Promise<Address> {
  const account = randomAccount();
  if (rolesOf(a) !== 0) await w.ledger.write.addMember([account, PERMIT.SHIP], { account: orgOf(a).account });
  return account;
}

type Call = (a: Actor, as: { account: Wallet["account"] }) => Promise<() => Promise<unknown>>;
/**
 * `roles`: the organisation roles of which one is needed; `permit`: the member permission needed;
 * `council`: "only" (every other caller is refused LedgerNotCouncil), "also" (the council may call it
 * too) or "no" (the council is no member: OrgNotMember).
 */
interface Spec {
  roles: number;
  permit: number;
  council: "only" | "also" | "no";
  call: Call;
}

const FUNCTIONS: Record<string, Spec> = {
  onboard: {
    roles: ROLE.REGULATOR,
    permit: PERMIT.REGULATE,
    council: "also",
    call: async (_a, as) => () =>
      w.ledger.write.onboard([randomAccount(), ROLE.PHARMACY, gln(glnSeq++), CN, "New Pharmacy"], as),
  },
  updateOrganisation: {
    roles: 0,
    permit: 0,
    council: "only",
    call: async (_a, as) => () =>
      w.ledger.write.updateOrganisation([addr(w.pharmacy2), ROLE.PHARMACY, gln(7), CN, "Fairview Pharmacy"], as),
  },
  setCompanyPrefixes: {
    roles: 0,
    permit: 0,
    council: "only",
    call: async (_a, as) => () => w.ledger.write.setCompanyPrefixes([addr(w.maker2), [PREFIX.maker2]], as),
  },
  suspend: {
    roles: 0,
    permit: 0,
    council: "only",
    call: async (_a, as) => async () => {
      await w.ledger.write.suspend([addr(w.distributor2)], as);
      await w.ledger.write.reinstate([addr(w.distributor2)], { account: councilWallet.account });
    },
  },
  reinstate: {
    roles: 0,
    permit: 0,
    council: "only",
    call: async (_a, as) => {
      await w.ledger.write.suspend([addr(w.distributor2)], { account: councilWallet.account });
      return async () => {
        try {
          await w.ledger.write.reinstate([addr(w.distributor2)], as);
        } finally {
          if ((await w.ledger.read.organisation([addr(w.distributor2)])).suspended) {
            await w.ledger.write.reinstate([addr(w.distributor2)], { account: councilWallet.account });
          }
        }
      };
    },
  },
  recoverOrganisation: {
    roles: 0,
    permit: 0,
    council: "only",
    call: async (_a, as) => () => w.ledger.write.recoverOrganisation([addr(w.distributor2), randomAccount()], as),
  },
  upgradeToAndCall: {
    roles: 0,
    permit: 0,
    council: "only",
    call: async (_a, as) => () => w.ledger.write.upgradeToAndCall([nextImplementation, "0x"], as),
  },
  setIntentQuota: {
    roles: 0,
    permit: 0,
    council: "only",
    call: async (_a, as) => () => w.ledger.write.setIntentQuota([1_000], as),
  },
  addMember: {
    roles: ALL_ROLES,
    permit: PERMIT.ADMIN,
    council: "no",
    call: async (_a, as) => () => w.ledger.write.addMember([randomAccount(), PERMIT.SHIP], as),
  },
  setMemberPermissions: {
    roles: ALL_ROLES,
    permit: PERMIT.ADMIN,
    council: "no",
    call: async (a, as) => {
      const account = await memberOfCallersOrganisation(a);
      return () => w.ledger.write.setMemberPermissions([account, PERMIT.SHIP | PERMIT.WRITE_OFF], as);
    },
  },
  removeMember: {
    roles: ALL_ROLES,
    permit: PERMIT.ADMIN,
    council: "no",
    call: async (a, as) => {
      const account = await memberOfCallersOrganisation(a);
      return () => w.ledger.write.removeMember([account], as);
    },
  },
  registerBatch: {
    roles: ROLE.MANUFACTURER,
    permit: PERMIT.REGISTER,
    council: "no",
    call: async (a, as) => {
      const later = Number((await w.networkHelpers.time.latest()) + 1000);
      const lot = `M${glnSeq++}`;
      const gtin = w.gtinOf(orgOf(a)); // a manufacturer registers under its own company prefix
      return () => w.ledger.write.registerBatch([gtin, lot, later, 10, `0x${"33".repeat(32)}`], as);
    },
  },
  recall: {
    roles: ROLE.MANUFACTURER,
    permit: PERMIT.REGISTER,
    council: "also",
    call: async (a, as) => {
      // Its own batch when the caller's organisation manufactures; else the maker's.
      const b = await registerBatch(w, rolesOf(a) & ROLE.MANUFACTURER ? orgOf(a) : w.maker, 4);
      return () => w.ledger.write.recall([b.batchId, "Out of specification"], as);
    },
  },
  quarantine: {
    roles: ROLE.REGULATOR,
    permit: PERMIT.REGULATE,
    council: "also",
    call: async (_a, as) => {
      const b = await registerBatch(w, w.maker, 4);
      return () => w.ledger.write.quarantine([b.batchId, "Under investigation"], as);
    },
  },
  release: {
    roles: ROLE.REGULATOR,
    permit: PERMIT.REGULATE,
    council: "also",
    call: async (_a, as) => {
      const b = await registerBatch(w, w.maker, 4);
      await w.ledger.write.quarantine([b.batchId, "Under investigation"], { account: w.regulator.account });
      return () => w.ledger.write.release([b.batchId], as);
    },
  },
  ship: {
    roles: CUSTODY,
    permit: PERMIT.SHIP,
    council: "no",
    call: async (a, as) => {
      const b = await batchHeldBy(a);
      const to = a === "distributor" ? w.pharmacy : w.distributor;
      return () => w.ledger.write.ship([b.batchId, addr(to), 1n, nextRef()], as);
    },
  },
  confirmReceipt: {
    roles: CUSTODY,
    permit: PERMIT.SHIP,
    council: "no",
    call: async (a, as) => {
      const { b, from, ref } = await incoming(a);
      return () => w.ledger.write.confirmReceipt([b.batchId, addr(from), 2n, ref, 2n], as);
    },
  },
  refuseShipment: {
    roles: CUSTODY,
    permit: PERMIT.SHIP,
    council: "no",
    call: async (a, as) => {
      const { b, from, ref } = await incoming(a);
      return () => w.ledger.write.refuseShipment([b.batchId, addr(from), 2n, ref], as);
    },
  },
  cancelShipment: {
    roles: CUSTODY,
    permit: PERMIT.SHIP,
    council: "no",
    call: async (a, as) => {
      const { b, to, ref } = await outgoing(a);
      return () => w.ledger.write.cancelShipment([b.batchId, addr(to), 1n, ref], as);
    },
  },
  completeCancellation: {
    roles: CUSTODY,
    permit: PERMIT.SHIP,
    council: "no",
    call: async (a, as) => {
      const { b, to, ref } = await outgoing(a);
      if (holdsStock(a)) {
        await w.ledger.write.cancelShipment([b.batchId, addr(to), 1n, ref], { account: orgOf(a).account });
        await w.networkHelpers.time.increase(48 * 3600);
      }
      return () => w.ledger.write.completeCancellation([b.batchId, addr(to), 1n, ref], as);
    },
  },
  writeOff: {
    roles: CUSTODY,
    permit: PERMIT.WRITE_OFF,
    council: "no",
    call: async (a, as) => {
      const b = await batchHeldBy(a);
      return () => w.ledger.write.writeOff([b.batchId, 1n, "Damaged in transit"], as);
    },
  },
  dispense: {
    roles: ROLE.PHARMACY,
    permit: PERMIT.DISPENSE,
    council: "no",
    call: async (a, as) => {
      const b = await batchHeldBy(a);
      return () => w.ledger.write.dispense([b.batchId, ...b.packs.single(0)], as);
    },
  },
  dispenseMany: {
    roles: ROLE.PHARMACY,
    permit: PERMIT.DISPENSE,
    council: "no",
    call: async (a, as) => {
      const b = await batchHeldBy(a);
      return () => w.ledger.write.dispenseMany([b.batchId, ...b.packs.many([0, 1, 2])], as);
    },
  },
  undoDispense: {
    roles: ROLE.PHARMACY,
    permit: PERMIT.DISPENSE,
    council: "no",
    call: async (a, as) => {
      const b = await batchHeldBy(a);
      if (rolesOf(a) & ROLE.PHARMACY) {
        await w.ledger.write.dispense([b.batchId, ...b.packs.single(0)], { account: orgOf(a).account });
      }
      const hour = Math.floor((await w.networkHelpers.time.latest()) / 3600);
      return () => w.ledger.write.undoDispense([b.batchId, hour, [0n]], as);
    },
  },
  claim: {
    roles: ROLE.VERIFIER,
    permit: PERMIT.CLAIM,
    council: "no",
    call: async (_a, as) => {
      const b = await registerBatch(w, w.maker, 8);
      return () => w.ledger.write.claim([b.batchId, ...b.packs.single(0)], as);
    },
  },
  claimMany: {
    roles: ROLE.VERIFIER,
    permit: PERMIT.CLAIM,
    council: "no",
    call: async (_a, as) => {
      const b = await registerBatch(w, w.maker, 8);
      return () => w.ledger.write.claimMany([b.batchId, ...b.packs.many([0, 3])], as);
    },
  },
};

/** What the ledger answers `actor` calling `fn` (prepared to succeed if allowed). */
function expected(fn: string, spec: Spec, actor: Actor): { ok: true } | { error: string; args: unknown[] } {
  const signer = addr(walletOf(actor));
  const org = addr(orgOf(actor));
  if (actor === "council") return spec.council === "no" ? { error: "OrgNotMember", args: [signer] } : { ok: true };
  if (spec.council === "only") return { error: "LedgerNotCouncil", args: [signer] };
  // onboard and recall answer a non-member as a would-be council.
  if (actor === "stranger") {
    if (fn === "onboard" || fn === "recall") return { error: "LedgerNotCouncil", args: [signer] };
    return { error: "OrgNotMember", args: [signer] };
  }
  if (fn === "recall" && (rolesOf(actor) & ROLE.MANUFACTURER) === 0) {
    return { error: "BatchNotManufacturer", args: [undefined, org] }; // the batch id is checked below
  }
  if (actor === "suspended") return { error: "OrgIsSuspended", args: [org] };
  if ((rolesOf(actor) & spec.roles) === 0) return { error: "OrgMissingRole", args: [org, rolesOf(actor), spec.roles] };
  if (actor === "lacksPermit") {
    return { error: "OrgMissingPermission", args: [signer, ALL_PERMITS & ~spec.permit, spec.permit] };
  }
  return { ok: true };
}

before(async () => {
  w = await deployWorld();
  councilWallet = w.councilWallet;
  lacksPermit = w.spare[0]!;
  await w.ledger.write.addMember([addr(lacksPermit), PERMIT.SHIP], { account: w.allRoles.account });
  nextImplementation = (await w.viem.deployContract("CustodyLedger")).address;
});

describe("role matrix: organisation role x member permission x action", () => {
  it("coversEveryStateChangingFunctionOfTheAbi", () => {
    const writes = w.ledger.abi
      .filter((x) => x.type === "function" && x.stateMutability !== "view" && x.stateMutability !== "pure")
      .map((x) => (x as { name: string }).name)
      // multicall delegates to the functions below with the same msg.sender, executeIntent as its passkey
      // member (the passkey column); initialize is tested below.
      .filter((name) => !["multicall", "executeIntent", "initialize"].includes(name));
    assert.deepEqual(writes.sort(), Object.keys(FUNCTIONS).sort());
  });

  it("initialize_refusesEveryoneOnceTheProxyIsInitialised", async () => {
    // Hardhat's node returns this OpenZeppelin error without decoding it: read the selector from the revert.
    const selector = toFunctionSelector("InvalidInitialization()");
    for (const wallet of [w.regulator, w.stranger, councilWallet]) {
      const call = w.ledger.write.initialize([addr(wallet), addr(wallet), gln(99), CN, "Takeover"], {
        account: wallet.account,
      });
      await assert.rejects(call, (e: Error) => e.message.includes(`return data: ${selector}`));
    }
    assert.equal(await w.ledger.read.council(), getAddress(w.deployment.council));
  });

  for (const [fn, spec] of Object.entries(FUNCTIONS)) {
    for (const actor of ACTORS) {
      const allowed =
        actor === "council"
          ? spec.council !== "no"
          : spec.council !== "only" &&
            actor !== "stranger" &&
            actor !== "suspended" &&
            actor !== "lacksPermit" &&
            (rolesOf(actor) & spec.roles) !== 0;
      it(`${fn}_${allowed ? "allowsThe" : "refusesThe"}${actor}`, async () => {
        const wallet = walletOf(actor);
        if (actor === "lacksPermit") {
          const permissions = ALL_PERMITS & ~spec.permit;
          await w.ledger.write.setMemberPermissions([addr(lacksPermit), permissions], { account: w.allRoles.account });
        }
        const run = await spec.call(actor, { account: wallet.account });
        const council = { account: councilWallet.account };
        if (actor === "suspended") await w.ledger.write.suspend([addr(w.allRoles)], council);
        try {
          const want = expected(fn, spec, actor);
          assert.equal("ok" in want, allowed);
          if ("ok" in want) await run();
          else if (want.error === "BatchNotManufacturer") await expectRevert(run(), want.error);
          else await expectRevert(run(), want.error, want.args);
        } finally {
          if (actor === "suspended") await w.ledger.write.reinstate([addr(w.allRoles)], council);
        }
      });
    }
  }
});
