import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { ROLE } from "@tracemed/chain";
import { stopSharedPostgres, useCodedWorld, type CodedWorld } from "@tracemed/indexer/testing";
import { canSeeBatch, listBatches } from "./batchList";

after(stopSharedPostgres);

describe("batches staff may see, on PostgreSQL 15", () => {
  const w = useCodedWorld("PostgreSQL 15");

  it("theRegulatorSeesEveryBatch_othersWhatTheyMadeHeldOrMoved_withWhereThePacksAre", async () => {
    const moved = await w.batch(6, { toPharmacy: 4n, dispensed: [0] });
    const home = await w.batch(3, { quarantined: "Audit" });
    await w.index();
    const as = (who: keyof CodedWorld["cast"], roles: number) => ({ account: w.cast[who].address, roles });
    const lots = async (viewer: { account: string; roles: number }, status?: "quarantined" | "expired") =>
      (await listBatches(w.db, { viewer, status })).map((b) => b.lot).filter((l) => [moved.lot, home.lot].includes(l));

    assert.deepEqual((await lots(as("regulator", ROLE.REGULATOR))).sort(), [moved.lot, home.lot].sort());
    assert.deepEqual((await lots(as("maker", ROLE.MANUFACTURER))).sort(), [moved.lot, home.lot].sort());
    assert.deepEqual(await lots(as("distributor", ROLE.DISTRIBUTOR)), [moved.lot], "held it once, holds nothing now");
    assert.deepEqual(await lots(as("pharmacy", ROLE.PHARMACY)), [moved.lot]);
    assert.deepEqual(await lots(as("regulator", ROLE.REGULATOR), "quarantined"), [home.lot]);
    assert.deepEqual(await lots(as("regulator", ROLE.REGULATOR), "expired"), []);

    const row = (await listBatches(w.db, { viewer: as("regulator", ROLE.REGULATOR) })).find(
      (b) => b.lot === moved.lot,
    )!;
    assert.equal(row.productName, "Amoxicillin 500 mg");
    assert.equal(row.manufacturer, "Huaxin Pharmaceutical");
    assert.deepEqual(
      row.holders.map((h) => [h.name, h.held]),
      [
        ["Renmin Road Pharmacy", 3],
        ["Huaxin Pharmaceutical", 2],
      ],
    );
    assert.equal(row.dispensed, 1);

    assert.equal(await canSeeBatch(w.db, as("pharmacy", ROLE.PHARMACY), moved.batchId), true);
    assert.equal(await canSeeBatch(w.db, as("pharmacy", ROLE.PHARMACY), home.batchId), false);
    assert.equal(await canSeeBatch(w.db, as("regulator", ROLE.REGULATOR), home.batchId), true);
  });
});
