import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { ROLE } from "@tracemed/chain";
import { ApiError } from "@tracemed/errors";
import { useNetwork } from "./testing/fixture";
import { batchProvenance, packProvenance, type BatchProvenance, type PackProvenance } from "./provenance";
import { batchAudience, batchView, packView, requireBatchParty, type Viewer } from "./readPolicy";

const n = useNetwork();

/** The fixture's organisations as the session would present them. */
const viewer = (party: "maker" | "distributor" | "pharmacy" | "verifier" | "regulator", suspended = false): Viewer => ({
  account: n.w.orgs[party].address.toLowerCase(),
  roles: {
    maker: ROLE.MANUFACTURER,
    distributor: ROLE.DISTRIBUTOR,
    pharmacy: ROLE.PHARMACY,
    verifier: ROLE.VERIFIER,
    regulator: ROLE.REGULATOR,
  }[party],
  suspended,
});

/** Every string anywhere in `value` (keys excluded), to look for what must not leak. */
const strings = (value: unknown): string[] =>
  typeof value === "string"
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(strings)
      : value && typeof value === "object"
        ? Object.values(value).flatMap(strings)
        : [];

/** Every key anywhere in `value`. */
const keys = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(keys)
    : value && typeof value === "object"
      ? Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)])
      : [];

describe("read policy", () => {
  let batch: BatchProvenance;
  let pack: PackProvenance;
  before(async () => {
    batch = await batchProvenance(n.w.db, n.L1);
    pack = await packProvenance(n.w.db, n.L1, "L1-S0");
  });

  it("theBatchsPartiesAndTheRegulator_areItsParty_everyoneElseThePublic", async () => {
    const audience = (v: Viewer | null) => batchAudience(n.w.db, v, n.L1);
    assert.equal(await audience(null), "public", "signed out");
    assert.equal(await audience(viewer("verifier")), "public", "an organisation that never held the batch");
    assert.equal(await audience(viewer("maker")), "party", "its manufacturer");
    assert.equal(await audience(viewer("distributor")), "party", "an organisation that held and shipped it");
    assert.equal(await audience(viewer("pharmacy")), "party", "an organisation that received it");
    assert.equal(await audience(viewer("regulator")), "party", "the regulator");
    assert.equal(await audience(viewer("maker", true)), "public", "a suspended organisation reads no custody data");
  });

  it("thePublicViewOfABatch_isWhatTheConsumerPageShows_withoutCommercialData", () => {
    const view = batchView(batch, "public");
    assert.equal(view.view, "public");
    const { maker, distributor, pharmacy } = n.w.orgs;
    // Names, countries and days: the journey a consumer sees. The cancelled hop is not part of it.
    assert.deepEqual(
      view.journey.map((s) => [s.from.name, s.to.name, s.status]),
      [
        [maker.name, distributor.name, "received"],
        [distributor.name, pharmacy.name, "received"],
      ],
    );
    for (const s of view.journey) assert.match(s.shippedOn, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(view.batch.manufacturer.name, maker.name);
    assert.equal(view.batch.product?.name, "Amoxicillin");
    // No quantities, accounts, GLNs, references, transactions, holdings or totals.
    const forbidden = ["quantity", "received", "shortfall", "account", "gln", "ref", "txHash", "holdings", "totals"];
    assert.deepEqual(
      keys(view).filter((k) => forbidden.includes(k)),
      [],
    );
    const leaked = strings(view).filter((s) =>
      [maker, distributor, pharmacy].some(
        (o) => s.toLowerCase() === o.address.toLowerCase() || s === o.gln || /^0x[0-9a-f]{64}$/i.test(s),
      ),
    );
    assert.deepEqual(leaked, []);
  });

  it("thePublicViewOfAPack_isItsPathToThePharmacy_withoutItsFirstVerification", async () => {
    const view = packView(pack, "public");
    assert.equal(view.exact, true, "pack 0 was dispensed: its own path is shown");
    assert.equal(view.pack.dispensed?.by.name, n.w.orgs.pharmacy.name);
    assert.match(view.pack.dispensed!.on, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(view.journey.at(-1)?.to.name, n.w.orgs.pharmacy.name);
    const claimed = packView(await packProvenance(n.w.db, n.L1, "L1-S1"), "public");
    assert.equal(claimed.exact, false, "a pack still on the shelf shows its batch's routes");
    assert.ok(!JSON.stringify(claimed).includes("claimed"), "when a consumer first verified it is not public");
  });

  it("thePartyViewIsTheWholeRecord", () => {
    const full = batchView(batch, "party");
    assert.equal(full.view, "full");
    assert.deepEqual(full.hops, batch.hops);
    assert.deepEqual(full.totals, batch.totals);
    const fullPack = packView(pack, "party");
    assert.equal(fullPack.view, "full");
    assert.deepEqual(fullPack.events, pack.events);
  });

  it("theFullDataExports_refuseTheSignedOut401_andOtherOrganisations403", async () => {
    const refused = async (v: Viewer | null, status: number, code: string) =>
      assert.rejects(
        () => requireBatchParty(n.w.db, v, n.L1),
        (e: unknown) => e instanceof ApiError && e.status === status && e.code === code && e.message.endsWith("."),
      );
    await refused(null, 401, "SignInRequired");
    await refused(viewer("verifier"), 403, "NotAPartyOfBatch");
    await refused(viewer("distributor", true), 403, "NotAPartyOfBatch");
    for (const party of ["maker", "distributor", "pharmacy", "regulator"] as const)
      assert.equal((await requireBatchParty(n.w.db, viewer(party), n.L1)).account, viewer(party).account);
  });
});
