/**
 * The label routes as Next.js calls them: a manufacturer registers a batch with its own serial numbers
 * (refused line by line when the list is wrong) and downloads the serialisation CSV; the parties of a shipment
 * download its GS1 logistic label as a PDF, everyone else gets a 404.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { buildSscc, ssccToRef, withCheckDigit } from "@tracemed/codes";
import { pdfText } from "@tracemed/codes/testing";
import { createProduct } from "@tracemed/registration/products";
import { callRoute, startAppWorld } from "@/lib/testing/appRoutes";

const GTIN = withCheckDigit("0690123456091"); // under the test maker's prefix 6901234
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);

describe("label routes: serial import and the logistic label PDF", () => {
  let world: Awaited<ReturnType<typeof startAppWorld>>;
  before(async () => {
    world = await startAppWorld("labels");
    await createProduct(world.database.db, world.ledger.cast.maker.address, {
      gtin: GTIN,
      name: "Cefuroxime",
      strength: "250 mg",
      dosageForm: "tablet",
      packSize: "12 tablets",
    });
  });
  after(async () => world?.stop());

  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;
  const register = (body: Record<string, unknown>) =>
    callRoute("api/manufacturer/registrations", "POST", {
      body: { gtin: GTIN, expiryDate: inDays(500), ...body },
      headers: { cookie: world.cookie("maker") },
    });

  it("registersWithTheManufacturersOwnSerials_andRefusesABadListNamingTheLine", async () => {
    const dup = await register({ lot: "OWN-1", packCount: 3, serials: ["SN-1", "SN-2", "SN-1"] });
    assert.equal(dup.status, 400);
    const e = await errorOf(dup);
    assert.equal(e.code, "SerialDuplicate");
    assert.match(e.message, /^Line 3 repeats the serial number SN-1 of line 1/);
    const count = await errorOf(await register({ lot: "OWN-1", packCount: 4, serials: ["SN-1", "SN-2"] }));
    assert.equal(count.code, "SerialCount");

    const own = ["SN-1", "SN-2", "SN-3"];
    const res = await register({ lot: "OWN-1", packCount: 3, serials: own });
    assert.equal(res.status, 202, JSON.stringify(await res.clone().json()));
    const { registration } = (await res.json()) as { registration: { id: string; batchId: string } };
    let status = "generating";
    for (let i = 0; i < 300 && status === "generating"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const view = await callRoute("api/manufacturer/registrations/[id]", "GET", {
        params: { id: registration.id },
        headers: { cookie: world.cookie("maker") },
      });
      status = ((await view.json()) as { registration: { status: string } }).registration.status;
    }
    assert.equal(status, "ready_to_sign");
    const csv = await callRoute("api/manufacturer/batches/[batchId]/labels/[kind]", "GET", {
      params: { batchId: registration.batchId, kind: "csv" },
      headers: { cookie: world.cookie("maker") },
    });
    assert.equal(csv.status, 200);
    const lines = Buffer.from(await csv.arrayBuffer())
      .toString("latin1")
      .split("\r\n");
    assert.match(lines[0]!, /^# GS = ASCII 29/);
    const expiry = inDays(500).slice(2).replaceAll("-", "");
    assert.deepEqual(
      lines.slice(2, 5).map((l) => l.split(",")[7]),
      own.map((sn) => `01${GTIN}17${expiry}10OWN-1\x1d21${sn}`),
    );
  });

  it("givesTheShipmentsPartiesItsLogisticLabelPdf_andEveryoneElseA404", async () => {
    const { ledger } = world;
    const maker = ledger.contract(ledger.cast.maker);
    const expiresAt = Math.floor(Date.now() / 1000) + 400 * 86_400;
    await ledger.wait(maker.write.registerBatch([BigInt(GTIN), "SHIP-1", expiresAt, 50, `0x${"11".repeat(32)}`]));
    await world.index();
    const batch = await world.database.db.batch.findFirstOrThrow({ where: { lot: "SHIP-1" } });
    const sscc = buildSscc(ledger.orgs.maker.gln, 42, 1);
    await ledger.wait(
      maker.write.ship([batch.id as `0x${string}`, ledger.cast.distributor.address, 20n, ssccToRef(sscc)]),
    );
    await world.index();

    const get = (who: "maker" | "distributor" | "pharmacy" | null, code = sscc) =>
      callRoute("ship/label/[sscc]/pdf", "GET", {
        params: { sscc: code },
        headers: who ? { cookie: world.cookie(who) } : {},
      });
    for (const who of ["maker", "distributor"] as const) {
      const res = await get(who);
      assert.equal(res.status, 200, who);
      assert.equal(res.headers.get("content-type"), "application/pdf");
      const text = await pdfText(Buffer.from(await res.arrayBuffer()));
      assert.ok(text.includes(`(00) 1 6901234 ${sscc.slice(8, 17)} ${sscc[17]}`), text);
      assert.match(text, /Huaxin Pharmaceutical[\s\S]*Eastern Distribution/);
      assert.match(text, /BATCH\/LOT\s+SHIP-1/);
      assert.match(text, /COUNT\s+20/);
    }
    const stranger = await get("pharmacy");
    assert.equal(stranger.status, 404);
    assert.equal((await errorOf(stranger)).code, "NotFound");
    const bad = await get("maker", "123");
    assert.equal(bad.status, 400);
    assert.equal((await errorOf(bad)).code, "InvalidSscc");
    assert.equal((await get(null)).status, 401);
  });
});
