/**
 * The cases-and-pallets routes as Next.js calls them, through the real guard, database and chain: who sees a unit
 * (its packer, the parties of its shipments, the regulator; others the 404 of an unknown SSCC), the receipt proof
 * (409 before anything arrived, then the proof the contract takes), a pack's facts for packing, and the logistic
 * label PDF.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { ORGS, stopSharedPostgres, useCodedWorld } from "@tracemed/indexer/testing";
import { newSscc, ssccToRef } from "@tracemed/codes/browser";
import type { Hex } from "viem";
import { callRoute, staffCookie, useLedgerAppEnvironment } from "@/lib/testing/appRoutes";

after(stopSharedPostgres);

describe("the units routes, on a real ledger, units contract and database", () => {
  const w = useCodedWorld("embedded PGlite");
  const secret = randomBytes(32).toString("hex");
  before(() => useLedgerAppEnvironment(w, w.databaseUrl, w.keysDir, secret));
  after(async () => {
    const { db } = await import("@/lib/db");
    await db().$disconnect();
  });
  const as = (party: "maker" | "distributor" | "pharmacy" | "regulator") => ({
    cookie: staffCookie(w, party, secret),
  });
  const unit = (party: Parameters<typeof as>[0], sscc: string) =>
    callRoute("api/custody/units/[sscc]", "GET", { params: { sscc }, headers: as(party) });
  const proof = (party: Parameters<typeof as>[0], sscc: string) =>
    callRoute("api/custody/units/proofs", "POST", { body: { sscc }, headers: as(party) });
  const error = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

  it("aUnitIsShownToItsPartiesOnly_itsReceiptOnceReceived_andItsLabelIsAPdf", async () => {
    const g = await w.batch(10);
    await w.index();
    const packed = await callRoute("api/custody/units/packs", "POST", {
      body: { gtin: g.gtin, lot: g.lot, serial: g.serial(3) },
      headers: as("maker"),
    });
    assert.equal(packed.status, 200);
    const facts = (await packed.json()) as { index: number; loose: number; inUnit: string | null };
    assert.deepEqual(facts, { ...facts, index: 3, loose: 10, inUnit: null });

    const sscc = newSscc(ORGS.maker.gln);
    await w.wait(w.units(w.cast.maker).write.pack([BigInt(sscc), [{ batchId: g.batchId, indices: [3, 4] }], []]));
    await w.index();

    const mine = await unit("maker", sscc);
    assert.equal(mine.status, 200);
    const body = (await mine.json()) as { unit: { packs: number; status: string }; here: boolean; heldByYou: boolean };
    assert.deepEqual(
      { packs: body.unit.packs, status: body.unit.status, here: body.here, held: body.heldByYou },
      { packs: 2, status: "packed", here: true, held: true },
    );
    const stranger = await unit("distributor", sscc);
    assert.equal(stranger.status, 404, "another organisation learns nothing, as for an unknown SSCC");
    assert.equal((await error(stranger)).code, "UnitNotFound");
    assert.equal((await unit("regulator", sscc)).status, 200);
    assert.equal((await unit("maker", newSscc(ORGS.maker.gln))).status, 404);
    assert.equal((await error(await unit("maker", "123"))).code, "InvalidSscc");

    // The holder's proof is the zero receipt; the recipient has none until it receives.
    const zero = (await (await proof("maker", sscc)).json()) as { receipt: { quantity: number } };
    assert.equal(zero.receipt.quantity, 0);
    await w.wait(w.contract(w.cast.maker).write.ship([g.batchId, w.cast.distributor.address, 2n, ssccToRef(sscc)]));
    await w.index();
    const early = await proof("distributor", sscc);
    assert.equal(early.status, 409);
    assert.equal((await error(early)).code, "UnitNotReceived");
    await w.wait(
      w.contract(w.cast.distributor).write.confirmReceipt([g.batchId, w.cast.maker.address, 2n, ssccToRef(sscc), 2n]),
    );
    await w.index();
    const received = await proof("distributor", sscc);
    assert.equal(received.status, 200);
    const { receipt } = (await received.json()) as { receipt: { batchId: Hex; from: Hex; quantity: number } };
    // The contract takes it: the distributor opens the case it received.
    await w.wait(w.units(w.cast.distributor).write.unpack([BigInt(sscc), { ...receipt, quantity: 2n }]));
    await w.index();
    const opened = (await (await unit("distributor", sscc)).json()) as { unit: { status: string } };
    assert.equal(opened.unit.status, "opened");

    const label = await callRoute("api/custody/units/[sscc]/label", "GET", {
      params: { sscc },
      headers: as("distributor"),
    });
    assert.equal(label.status, 200);
    assert.equal(label.headers.get("content-type"), "application/pdf");
    const pdf = Buffer.from(await label.arrayBuffer());
    assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
    assert.equal(
      (await callRoute("api/custody/units/[sscc]/label", "GET", { params: { sscc }, headers: as("pharmacy") })).status,
      404,
    );
  });
});
