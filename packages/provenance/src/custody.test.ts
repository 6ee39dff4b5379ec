import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { UNDO_WINDOW_HOURS } from "@tracemed/chain";
import { openDatabase } from "@tracemed/indexer/testing";
import { recentDispenses } from "./custody";

const HOUR = 3_600_000;

describe("recentDispenses", () => {
  let database: Awaited<ReturnType<typeof openDatabase>>;
  before(async () => {
    database = await openDatabase("embedded PGlite", 2);
  });
  after(() => database.stop());

  it("listsADispenseWhileTheLedgerStillUndoesIt_240HoursAfterTheStartOfItsHour", async () => {
    const pharmacy = "0x00000000000000000000000000000000000000aa";
    // Half past an hour H: a dispense of hour h may be undone while now <= (h + 240) h, so h >= H - 239.
    const now = new Date(Date.UTC(2026, 11, 5, 10, 30));
    const H = Math.floor(now.getTime() / HOUR);
    const firstOpen = H - UNDO_WINDOW_HOURS + 1;
    const at = [firstOpen * HOUR, firstOpen * HOUR - 1, now.getTime() - 60_000];
    await database.db.pack.createMany({
      data: at.map((t, i) => ({
        batchId: "0xb1",
        leafIndex: i,
        serial: `S${i}`,
        commitment: "0xc",
        dispensedAt: new Date(t),
        dispensedBy: pharmacy,
        dispenseSignedBy: "0x00000000000000000000000000000000000000bb",
        dispenseTx: `0xt${i}`,
      })),
    });
    const rows = await recentDispenses(database.db, pharmacy, now);
    assert.deepEqual(
      rows.map((r) => [r.leafIndex, r.hour, r.signedBy]),
      [
        [2, H, "0x00000000000000000000000000000000000000bb"],
        [0, firstOpen, "0x00000000000000000000000000000000000000bb"],
      ],
      "the dispense one millisecond earlier fell in an hour whose window has closed",
    );
  });
});
