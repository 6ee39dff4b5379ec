import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { pinFromDataDigits } from "@tracemed/codes";
import {
  accountOf,
  emitAsOldLedger,
  ledgerLog,
  stopSharedPostgres,
  useCodedWorld,
  type BackendName,
} from "@tracemed/indexer/testing";
import { pinKeysFromDirectory } from "./keyStore";
import { verifyPack, type VerifyDeps } from "./verifyPack";
import { toHex } from "viem";
import * as signals from "@tracemed/provenance/regulator/dashboard";
import { manufacturerFlags } from "@tracemed/provenance/manufacturer/overview";
import { manufacturerChecks, repeatVerifications } from "./checks";

after(stopSharedPostgres);

function wrongPin(pin: string): string {
  const data = pin.slice(0, 19);
  return pinFromDataDigits(`${data.slice(0, 5)}${(Number(data[5]) + 1) % 10}${data.slice(6)}`);
}

for (const backend of ["PostgreSQL 15", "embedded PGlite"] as BackendName[]) {
  describe(`regulator dashboard signals on ${backend}`, () => {
    const w = useCodedWorld(backend);
    let deps: VerifyDeps;
    before(() => {
      deps = { db: w.db, pinKeys: pinKeysFromDirectory(w.keysDir), wrongPinDelayMs: 0 };
    });

    type G = { gtin: string; lot: string; serial: (i: number) => string; pin: (i: number) => string };
    const ask = (g: G, i: number, pin: string, region: string | null, client = "c1") =>
      verifyPack(deps, { gtin: g.gtin, lot: g.lot, serial: g.serial(i), pin, region, clientHash: client });

    it("verificationFarFromThePharmacyThatReceivedThePack_isListed_withWhereItWasDelivered", async () => {
      const g = await w.batch(4);
      await w.toPharmacy(g, 2n); // the pharmacy of the test world is in CN
      const notDelivered = await w.batch(2); // still at the manufacturer: nothing to compare with
      await w.index();
      assert.equal((await ask(g, 0, g.pin(0), "CN")).verdict, "genuine");
      assert.equal((await ask(g, 1, g.pin(1), "DE")).verdict, "genuine");
      assert.equal((await ask(notDelivered, 0, notDelivered.pin(0), "DE")).verdict, "genuine");
      const far = await signals.farVerifications(w.db);
      const mine = far.filter((f) => f.lot === g.lot || f.lot === notDelivered.lot);
      assert.equal(mine.length, 1, "only the German check of a pack delivered to a Chinese pharmacy");
      assert.equal(mine[0]!.serial, g.serial(1));
      assert.equal(mine[0]!.region, "DE");
      assert.deepEqual(mine[0]!.deliveredCountries, ["CN"]);
      assert.deepEqual(mine[0]!.deliveredTo, ["Renmin Road Pharmacy"]);
      assert.equal(mine[0]!.productName, "Amoxicillin");
    });

    it("aWrongPinFromFarAway_isNotAFarVerification (the PIN did not match: no genuine pack was there)", async () => {
      const g = await w.batch(2);
      await w.toPharmacy(g, 2n);
      await w.index();
      await ask(g, 0, wrongPin(g.pin(0)), "US");
      assert.equal((await signals.farVerifications(w.db)).filter((f) => f.lot === g.lot).length, 0);
    });

    it("aPackVerifiedAgain_isListed_withItsFirstCheckAndTheRegionsOfLaterOnes", async () => {
      const g = await w.batch(2);
      await w.index();
      await ask(g, 0, g.pin(0), "CN");
      await ask(g, 0, g.pin(0), "VN", "c2");
      await ask(g, 0, g.pin(0), "TH", "c3");
      await ask(g, 1, g.pin(1), "CN");
      const repeats = (await repeatVerifications(w.db)).filter((r) => r.lot === g.lot);
      assert.equal(repeats.length, 1, "the pack checked once is not a signal");
      assert.equal(repeats[0]!.serial, g.serial(0));
      assert.equal(repeats[0]!.repeats, 2);
      assert.equal(repeats[0]!.firstRegion, "CN");
      assert.deepEqual([...repeats[0]!.regions].sort(), ["TH", "VN"]);
      assert.ok(repeats[0]!.firstAt && repeats[0]!.firstAt <= repeats[0]!.lastAt);
    });

    it("exactlyTwoChecks_readOneCheckSinceTheFirst_forTheConsumerTheRegulatorAndTheManufacturer", async () => {
      const g = await w.batch(2);
      await w.index();
      assert.equal((await ask(g, 0, g.pin(0), "CN")).verdict, "genuine");
      const second = await ask(g, 0, g.pin(0), "CN", "c2");
      assert.equal(second.checksSince, 1, "the consumer");
      const listed = (await repeatVerifications(w.db)).filter((r) => r.lot === g.lot);
      assert.deepEqual(
        listed.map((r) => r.repeats),
        [1],
        "the regulator's Later checks",
      );
      const mine = (await manufacturerChecks(w.db, accountOf("maker"))).find((b) => b.batchId === g.batchId);
      assert.deepEqual(mine, { batchId: g.batchId, verified: 1, laterChecks: 1 }, "the manufacturer's figures");
      // Wrong PINs and a code with another expiry are not checks.
      await ask(g, 0, wrongPin(g.pin(0)), "CN");
      const { expiry } = await w.db.packSet.findUniqueOrThrow({ where: { batchId: g.batchId } });
      await verifyPack(deps, {
        gtin: g.gtin,
        lot: g.lot,
        serial: g.serial(0),
        pin: g.pin(0),
        expiry: `${Number(expiry.slice(0, 2)) + 1}${expiry.slice(2)}`,
        region: "CN",
        clientHash: "c3",
      });
      assert.equal((await repeatVerifications(w.db)).find((r) => r.lot === g.lot)?.repeats, 1);
      assert.equal((await ask(g, 0, g.pin(0), "CN")).checksSince, 2, "the third check reads 2");
    });

    it("aPackLockedByWrongPins_andACodeMismatch_showOnItsManufacturersFlags_withTheWrongPins", async () => {
      const g = await w.batch(2);
      await w.index();
      for (let i = 0; i < 5; i++) await ask(g, 0, wrongPin(g.pin(0)), null, `c${i}`);
      await verifyPack(deps, {
        gtin: g.gtin,
        lot: "NOTTHELOT",
        serial: g.serial(1),
        pin: g.pin(1),
        region: null,
        clientHash: null,
      });
      const flags = (await manufacturerFlags(w.db, accountOf("maker"))).filter((f) => f.batchId === g.batchId);
      const locked = flags.find((f) => f.reason === "locked");
      assert.ok(locked, "the locked pack is listed");
      assert.equal(locked.serial, g.serial(0));
      assert.equal(locked.lot, g.lot);
      assert.equal(locked.productName, "Amoxicillin");
      assert.equal(locked.count, 1, "locked once");
      assert.equal(locked.wrongPins, 5);
      assert.ok(Date.now() - locked.lastAt.getTime() < 60_000, "when it locked");
      const mismatch = flags.find((f) => f.reason === "code_mismatch");
      assert.equal(mismatch?.serial, g.serial(1), "the code carrying another lot is flagged at the real pack");
      assert.equal(mismatch?.wrongPins, 0);
      assert.deepEqual(
        await manufacturerFlags(w.db, accountOf("pharmacy")),
        [],
        "another organisation sees none of them",
      );
    });

    it("aBurstOfWrongPins_isListed_withHowManyClientsAndTheManufacturersFlag", async () => {
      const g = await w.batch(2);
      await w.index();
      for (const c of ["a", "b", "a", "c"]) await ask(g, 0, wrongPin(g.pin(0)), null, c);
      await ask(g, 1, wrongPin(g.pin(1)), null); // one typo is not a burst
      const bursts = (await signals.wrongPinBursts(w.db)).filter((b) => b.lot === g.lot);
      assert.equal(bursts.length, 1);
      assert.equal(bursts[0]!.serial, g.serial(0));
      assert.equal(bursts[0]!.wrongPins, 4);
      assert.equal(bursts[0]!.clients, 3);
      assert.equal(bursts[0]!.flagged, 2, "flagged from the third wrong PIN on");
    });

    it("networkAtAGlance_countsBatchesByStatus_listsShipmentsInTransit_andRecentEvents", async () => {
      const before = new Map((await signals.batchesByStatus(w.db)).map((s) => [s.status, s]));
      await w.batch(3, { quarantined: "Diversion inquiry" });
      const t = await w.batch(5);
      const ref = toHex(987654, { size: 32 });
      await w.wait(w.contract(w.cast.maker).write.ship([t.batchId, w.cast.distributor.address, 4n, ref]));
      await w.index();
      const after = new Map((await signals.batchesByStatus(w.db)).map((s) => [s.status, s]));
      assert.equal(after.get("quarantined")!.batches - (before.get("quarantined")?.batches ?? 0), 1);
      assert.equal(after.get("quarantined")!.packs - (before.get("quarantined")?.packs ?? 0), 3);
      const transit = (await signals.shipmentsInTransit(w.db)).filter((s) => s.lot === t.lot);
      assert.equal(transit.length, 1);
      assert.equal(transit[0]!.from, "Huaxin Pharmaceutical");
      assert.equal(transit[0]!.to, "Eastern Distribution");
      assert.equal(transit[0]!.quantity, 4);
      const events = await signals.recentEvents(w.db, 5);
      assert.equal(events[0]!.eventName, "BatchShipped", "newest first");
      assert.equal(events[0]!.lot, t.lot);
      assert.equal(events[0]!.actorName, "Huaxin Pharmaceutical");
    });

    it("ledgerEventsTheIndexerCouldNotRecord_areCountedAndListed_withTheirBatch", async () => {
      const g = await w.batch(2);
      await w.index();
      const before = await signals.quarantinedEvents(w.db);
      // An older ledger's write-off too large for any holding: the database refuses it, the indexer goes on.
      const [r] = await emitAsOldLedger(w, [
        ledgerLog("StockDestroyed", {
          batchId: g.batchId,
          holder: accountOf("maker"),
          quantity: 2n ** 40n,
          reason: "flood",
          by: accountOf("maker"),
        }),
      ]);
      await w.recall(g, "Contaminated");
      await w.index();
      const after = await signals.quarantinedEvents(w.db);
      assert.equal(after.count, before.count + 1);
      const listed = after.events.find((e) => e.txHash === r!.transactionHash);
      assert.ok(listed, "the quarantined event is listed");
      assert.deepEqual(
        { name: listed.eventName, batch: listed.batchId, lot: listed.lot, block: listed.blockNumber },
        { name: "StockDestroyed", batch: g.batchId, lot: g.lot, block: Number(r!.blockNumber) },
      );
      assert.match(listed.error, /out of range/);
      const batch = await w.db.batch.findUniqueOrThrow({ where: { id: g.batchId } });
      assert.equal(batch.status, "recalled", "the recall after it was indexed");
    });
  });
}
