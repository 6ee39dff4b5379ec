/**
 * BatchRegistry: registration under the manufacturer's company prefixes, recall and quarantine.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { parseEventLogs, type Hex } from "viem";
import { isGtinUnderPrefix } from "@tracemed/codes";
import { withCheckDigit } from "../scripts/lib/gs1.js";
import { CN, GTIN, ROLE } from "../scripts/lib/hardhatLedger.js";
import { addr, deployWorld, expectRevert, give, nextRef, PREFIX, registerBatch, type World } from "./helpers/ledger.js";

/** IBatchRegistry.BatchStatus. */
const BatchStatus = { None: 0, Active: 1, Quarantined: 2, Recalled: 3 } as const;

let w: World;
before(async () => {
  w = await deployWorld();
});

describe("batches", () => {
  it("registerBatch_refusesInvalidInputWithTheOffendingValue", async () => {
    const as = { account: w.maker.account };
    const root: Hex = `0x${"11".repeat(32)}`;
    const later = Number((await w.networkHelpers.time.latest()) + 1000);
    await expectRevert(w.ledger.write.registerBatch([GTIN + 1n, "L", later, 1, root], as), "BatchInvalidGtin", [
      GTIN + 1n,
    ]);
    await expectRevert(w.ledger.write.registerBatch([GTIN, "", later, 1, root], as), "BatchInvalidLot", [0n]);
    await expectRevert(w.ledger.write.registerBatch([GTIN, "L".repeat(21), later, 1, root], as), "BatchInvalidLot", [
      21n,
    ]);
    await expectRevert(w.ledger.write.registerBatch([GTIN, "L 1", later, 1, root], as), "BatchInvalidLotCharacter", [
      1n,
      "0x20",
    ]);
    await expectRevert(w.ledger.write.registerBatch([GTIN, "L", later, 0, root], as), "BatchInvalidPackCount", [0]);
    // A bound on what one registration can put into circulation: 10,000,000 packs, not 2^32 - 1.
    await expectRevert(
      w.ledger.write.registerBatch([GTIN, "L", later, 10_000_001, root], as),
      "BatchInvalidPackCount",
      [10_000_001],
    );
    await expectRevert(
      w.ledger.write.registerBatch([GTIN, "L", later, 2 ** 32 - 1, root], as),
      "BatchInvalidPackCount",
      [2 ** 32 - 1],
    );
    await w.ledger.write.registerBatch([GTIN, "MAXPACKS", later, 10_000_000, root], as);
    assert.equal(await w.ledger.read.MAX_PACK_COUNT(), 10_000_000);
    await expectRevert(w.ledger.write.registerBatch([GTIN, "L", 1000, 1, root], as), "BatchInvalidExpiry", [
      1000,
      BigInt(await w.networkHelpers.time.latest()) + 1n,
    ]);
    await expectRevert(
      w.ledger.write.registerBatch([GTIN, "L", later, 1, `0x${"00".repeat(32)}`], as),
      "BatchInvalidRoot",
      [],
    );
  });

  it("registerBatch_isOncePerGtinAndLot", async () => {
    const b = await registerBatch(w, w.maker, 3);
    await expectRevert(
      w.ledger.write.registerBatch([GTIN, b.lot, b.expiresAt, 3, b.packs.root], { account: w.maker.account }),
      "BatchAlreadyRegistered",
      [b.batchId],
    );
    const stored = await w.ledger.read.batch([b.batchId]);
    assert.equal(stored.manufacturer, addr(w.maker));
    assert.equal(stored.packCount, 3);
    assert.equal(stored.status, BatchStatus.Active);
    assert.equal(await w.ledger.read.packsRoot([b.batchId]), b.packs.root);
  });

  it("registerBatch_onlyUnderTheCallersCompanyPrefixes_soNoMemberSquatsAnothersProduct", async () => {
    const later = Number((await w.networkHelpers.time.latest()) + 1000);
    const root: Hex = `0x${"44".repeat(32)}`;
    // Another manufacturer cannot take Acme's GTIN, not even a lot Acme has not registered yet.
    await expectRevert(
      w.ledger.write.registerBatch([GTIN, "SQUAT1", later, 1, root], { account: w.maker2.account }),
      "OrgGtinNotAssigned",
      [GTIN, addr(w.maker2)],
    );
    assert.equal(
      (await w.ledger.read.batch([await w.ledger.read.batchIdOf([GTIN, "SQUAT1"])])).status,
      BatchStatus.None,
    );
    // A GTIN-14 of a higher packaging level (indicator digit 1 to 8) is under the same prefix.
    const caseGtin = withCheckDigit(BigInt(`1${PREFIX.maker}54321`));
    await w.ledger.write.registerBatch([caseGtin, "CASE1", later, 1, root], { account: w.maker.account });
    // A manufacturer with no prefix registers nothing; the prefix also sets who may recall the batch.
    const all = { account: w.allRoles.account };
    await w.ledger.write.setCompanyPrefixes([addr(w.allRoles), []], w.asCouncil);
    const omni = w.gtinOf(w.allRoles);
    await expectRevert(w.ledger.write.registerBatch([omni, "O1", later, 1, root], all), "OrgGtinNotAssigned", [
      omni,
      addr(w.allRoles),
    ]);
    await w.ledger.write.setCompanyPrefixes([addr(w.allRoles), [PREFIX.allRoles]], w.asCouncil);
    await w.ledger.write.registerBatch([omni, "O1", later, 1, root], all);
  });

  it("registerBatch_andOnboard_acceptExactlyTheGs1CheckDigit", async () => {
    const later = Number((await w.networkHelpers.time.latest()) + 1000);
    const accepted = (call: Promise<unknown>, refusal: string) =>
      call.then(
        () => true,
        (e: Error) => (e.message.includes(refusal) ? false : Promise.reject(e)),
      );
    for (let k = 0; k < 20; k++) {
      // GTIN-14s under Acme's prefix (indicator digits 0 to 8, spread item references), each with all
      // ten last digits: exactly the GS1 check digit is accepted.
      const data = BigInt(`${k % 9}${PREFIX.maker}${String((k * 7919 + 12_345) % 100_000).padStart(5, "0")}`);
      for (let d = 0n; d < 10n; d++) {
        const gtin = data * 10n + d;
        const ok = await accepted(
          w.ledger.simulate.registerBatch([gtin, "CD", later, 1, `0x${"66".repeat(32)}`], { account: addr(w.maker) }),
          "BatchInvalidGtin",
        );
        assert.equal(ok, gtin === withCheckDigit(data), `GTIN ${gtin}`);
      }
    }
    for (const body of [952123400099n, 690123400001n, 1n, 999999999999n]) {
      // GLNs (13 digits, the same check digit computed over 12) when onboarding.
      for (let d = 0n; d < 10n; d++) {
        const glnValue = body * 10n + d;
        const ok = await accepted(
          w.ledger.simulate.onboard([addr(w.stranger), ROLE.PHARMACY, glnValue, CN, "Checked"], {
            account: addr(w.regulator),
          }),
          "OrgInvalidGln",
        );
        assert.equal(ok, glnValue === withCheckDigit(body), `GLN ${glnValue}`);
      }
    }
  });

  it("registerBatch_agreesWithTheCodesPackageOnWhichGtinsAPrefixCovers", async () => {
    const as = w.asCouncil;
    const later = Number((await w.networkHelpers.time.latest()) + 1000);
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % n;
    for (let k = 0; k < 24; k++) {
      // A prefix of 4 to 12 digits starting with 8 (no one else holds one), and GTINs under it, next to it
      // or elsewhere, with every indicator digit.
      const length = 4 + (k % 9);
      const prefix = `8${String(next(10 ** 8)).padStart(8, "0")}${String(next(1000)).padStart(3, "0")}`.slice(
        0,
        length,
      );
      await w.ledger.write.setCompanyPrefixes([addr(w.maker2), [prefix]], as);
      const near = (BigInt(prefix) + BigInt(next(3)) - 1n).toString().padStart(length, "0").slice(-length);
      const body = `${next(9)}${near}${String(next(10 ** 12)).padStart(12, "0")}`.slice(0, 13);
      const gtin = withCheckDigit(BigInt(body));
      const ok = await w.ledger.simulate
        .registerBatch([gtin, `P${k}`, later, 1, `0x${"77".repeat(32)}`], { account: addr(w.maker2) })
        .then(
          () => true,
          (e: Error) => (e.message.includes("OrgGtinNotAssigned") ? false : Promise.reject(e)),
        );
      assert.equal(ok, isGtinUnderPrefix(gtin.toString(), prefix), `GTIN ${gtin} under ${prefix}`);
    }
    await w.ledger.write.setCompanyPrefixes([addr(w.maker2), [PREFIX.maker2]], as);
  });

  it("registerBatch_costsTheSameGasForOnePackAndAMillion", async () => {
    const later = Number((await w.networkHelpers.time.latest()) + 100_000);
    const gasFor = async (lot: string, packs: number) => {
      const hash = await w.ledger.write.registerBatch([GTIN, lot, later, packs, `0x${"22".repeat(32)}`], {
        account: w.maker.account,
      });
      return (await w.client.waitForTransactionReceipt({ hash })).gasUsed;
    };
    const one = await gasFor("GAS-A", 1);
    const million = await gasFor("GAS-B", 1_000_000);
    // Only the calldata bytes of the number differ (a few gas).
    assert.ok(million - one < 100n, `1 pack: ${one} gas, 1,000,000 packs: ${million} gas`);
  });
});

describe("batch status", () => {
  it("recall_byManufacturerOrCouncilIsFinalAndStopsMovement", async () => {
    const b = await registerBatch(w, w.maker, 8);
    await give(w, b.batchId, w.maker, w.pharmacy, 4n);
    await expectRevert(
      w.ledger.write.recall([b.batchId, "Not mine"], { account: w.maker2.account }),
      "BatchNotManufacturer",
      [b.batchId, addr(w.maker2)],
    );
    await expectRevert(w.ledger.write.recall([b.batchId, ""], { account: w.maker.account }), "BatchInvalidReason", [
      0n,
    ]);
    await expectRevert(
      w.ledger.write.recall([b.batchId, "bad\u202e"], { account: w.maker.account }),
      "BatchInvalidReasonCharacter",
      [3n, 0x202e],
    );
    const hash = await w.ledger.write.recall([b.batchId, "Sterility failure in lot testing"], {
      account: w.maker.account,
    });
    const logs = parseEventLogs({
      abi: w.ledger.abi,
      logs: (await w.client.waitForTransactionReceipt({ hash })).logs,
      eventName: "BatchRecalled",
    });
    assert.deepEqual(logs[0]?.args, {
      batchId: b.batchId,
      organisation: addr(w.maker),
      by: addr(w.maker),
      reason: "Sterility failure in lot testing",
    });
    assert.equal((await w.ledger.read.batch([b.batchId])).status, BatchStatus.Recalled);
    await expectRevert(w.ledger.write.recall([b.batchId, "again"], w.asCouncil), "BatchIsRecalled", [b.batchId]);
    await expectRevert(
      w.ledger.write.ship([b.batchId, addr(w.distributor), 1n, nextRef()], { account: w.maker.account }),
      "BatchIsRecalled",
      [b.batchId],
    );
    await expectRevert(
      w.ledger.write.dispense([b.batchId, ...b.packs.single(0)], { account: w.pharmacy.account }),
      "BatchIsRecalled",
      [b.batchId],
    );
    await expectRevert(
      w.ledger.write.quarantine([b.batchId, "x"], { account: w.regulator.account }),
      "BatchIsRecalled",
      [b.batchId],
    );
    await expectRevert(w.ledger.write.release([b.batchId], { account: w.regulator.account }), "BatchIsRecalled", [
      b.batchId,
    ]);
    // Destroying recalled stock is still possible, and accounted for.
    await w.ledger.write.writeOff([b.batchId, 4n, "Destroyed after recall"], { account: w.pharmacy.account });
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.pharmacy)])).writtenOff, 4n);
    // Another organisation's batch: a regulator's key alone cannot recall it; the council can.
    const other = await registerBatch(w, w.maker2, 2);
    await expectRevert(
      w.ledger.write.recall([other.batchId, "Regulator order"], { account: w.regulator.account }),
      "BatchNotManufacturer",
      [other.batchId, addr(w.regulator)],
    );
    await w.ledger.write.recall([other.batchId, "Regulator order"], w.asCouncil);
    assert.equal((await w.ledger.read.batch([other.batchId])).status, BatchStatus.Recalled);
  });

  it("quarantine_holdsTheBatchUntilReleased", async () => {
    const b = await registerBatch(w, w.maker, 8);
    const as = { account: w.regulator.account };
    const ref = nextRef();
    await w.ledger.write.ship([b.batchId, addr(w.distributor), 3n, ref], { account: w.maker.account });
    await expectRevert(w.ledger.write.release([b.batchId], as), "BatchNotQuarantined", [b.batchId]);
    await w.ledger.write.quarantine([b.batchId, "Suspect tampering reported"], as);
    assert.equal((await w.ledger.read.batch([b.batchId])).status, BatchStatus.Quarantined);
    await expectRevert(w.ledger.write.quarantine([b.batchId, "again"], as), "BatchIsQuarantined", [b.batchId]);
    await expectRevert(
      w.ledger.write.ship([b.batchId, addr(w.distributor), 1n, nextRef()], { account: w.maker.account }),
      "BatchIsQuarantined",
      [b.batchId],
    );
    // Goods already on the road still arrive and are accounted for.
    await w.ledger.write.confirmReceipt([b.batchId, addr(w.maker), 3n, ref, 3n], { account: w.distributor.account });
    await w.ledger.write.release([b.batchId], as);
    await w.ledger.write.ship([b.batchId, addr(w.pharmacy), 1n, nextRef()], { account: w.distributor.account });
  });

  it("unknownBatch_isNamedInTheError", async () => {
    const unknown: Hex = `0x${"ab".repeat(32)}`;
    await expectRevert(
      w.ledger.write.ship([unknown, addr(w.distributor), 1n, nextRef()], { account: w.maker.account }),
      "BatchUnknown",
      [unknown],
    );
    await expectRevert(w.ledger.write.quarantine([unknown, "x"], { account: w.regulator.account }), "BatchUnknown", [
      unknown,
    ]);
  });
});

describe("error coverage", () => {
  it("everyCustomErrorIsReachedWithItsArgumentsChecked", async () => {
    // BatchExpired is raised by dispensing: CustodyLedger.test.ts reaches it.
    w.expectEveryErrorReached(/^Batch(?!Expired$)/);
  });
});
