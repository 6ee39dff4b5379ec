import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { getAddress, parseEventLogs, zeroAddress, type Hex } from "viem";
import { isGtinUnderPrefix } from "@tracemed/codes";
import {
  addr,
  CN,
  CUSTODY,
  DAY,
  deployWorld,
  expectRevert,
  give,
  gln,
  GTIN,
  gtinUnder,
  nextRef,
  PREFIX,
  registerBatch,
  revertsSeen,
  withCheckDigit,
  ROLE,
  type World,
} from "./helpers/ledger.js";

const InTransit = 1;
const Received = 2;
const Voided = 3;
const Active = 1;
const Quarantined = 2;
const Recalled = 3;

let w: World;
before(async () => {
  w = await deployWorld();
});

describe("organisations", () => {
  it("onboard_recordsRolesGlnCountryAndName", async () => {
    const org = await w.ledger.read.organisation([addr(w.pharmacy)]);
    assert.equal(org.roles, ROLE.PHARMACY);
    assert.equal(org.suspended, false);
    assert.equal(org.country, CN);
    assert.equal(await w.ledger.read.organisationName([addr(w.pharmacy)]), "Eastside Pharmacy");
  });

  it("onboard_refusesBadMasterDataWithTheOffendingValue", async () => {
    const as = { account: w.regulator.account };
    const fresh = getAddress("0x00000000000000000000000000000000000a11ce");
    await expectRevert(w.ledger.write.onboard([zeroAddress, 8, gln(50), CN, "X"], as), "OrgZeroAccount", []);
    await expectRevert(w.ledger.write.onboard([fresh, 0, gln(50), CN, "X"], as), "OrgInvalidRoles", [0]);
    await expectRevert(w.ledger.write.onboard([fresh, 32, gln(50), CN, "X"], as), "OrgInvalidRoles", [32]);
    await expectRevert(w.ledger.write.onboard([fresh, 8, gln(50) + 1n, CN, "X"], as), "OrgInvalidGln", [gln(50) + 1n]);
    await expectRevert(w.ledger.write.onboard([fresh, 8, gln(50), "0x636e", "X"], as), "OrgInvalidCountry", ["0x636e"]);
    await expectRevert(w.ledger.write.onboard([fresh, 8, gln(50), CN, ""], as), "OrgInvalidName", [0n]);
    await expectRevert(w.ledger.write.onboard([fresh, 8, gln(50), CN, "x".repeat(129)], as), "OrgInvalidName", [129n]);
    // Every text rule case, for every entry point, is in Text.test.ts.
    await expectRevert(w.ledger.write.onboard([fresh, 8, gln(50), CN, "X\u0000"], as), "OrgInvalidNameCharacter", [
      1n,
      0,
    ]);
    await expectRevert(w.ledger.write.onboard([addr(w.pharmacy), 8, gln(50), CN, "Again"], as), "OrgAlreadyOnboarded", [
      addr(w.pharmacy),
    ]);
  });

  it("updateOrganisation_changesRolesAndRefusesUnknownAccountsAndSelfLockout", async () => {
    const as = { account: w.regulator.account };
    await w.ledger.write.updateOrganisation(
      [addr(w.pharmacy2), ROLE.PHARMACY | ROLE.DISTRIBUTOR, gln(7), CN, "Fairview"],
      as,
    );
    assert.equal((await w.ledger.read.organisation([addr(w.pharmacy2)])).roles, ROLE.PHARMACY | ROLE.DISTRIBUTOR);
    await w.ledger.write.updateOrganisation([addr(w.pharmacy2), ROLE.PHARMACY, gln(7), CN, "Fairview Pharmacy"], as);
    await expectRevert(
      w.ledger.write.updateOrganisation([addr(w.stranger), 8, gln(60), CN, "Nobody"], as),
      "OrgUnknown",
      [addr(w.stranger)],
    );
    await expectRevert(
      w.ledger.write.updateOrganisation([addr(w.regulator), ROLE.MANUFACTURER, gln(1), CN, "NMPA"], as),
      "OrgSelfLockout",
      [addr(w.regulator)],
    );
  });

  it("suspend_blocksEveryWriteUntilReinstated", async () => {
    const as = { account: w.regulator.account };
    const b = await registerBatch(w, w.maker, 4);
    await give(w, b.batchId, w.maker, w.distributor2, 2n);
    await w.ledger.write.suspend([addr(w.distributor2)], as);
    await expectRevert(
      w.ledger.write.ship([b.batchId, addr(w.pharmacy), 1n, nextRef()], { account: w.distributor2.account }),
      "OrgIsSuspended",
      [addr(w.distributor2)],
    );
    // Nobody may ship to a suspended organisation either.
    await expectRevert(
      w.ledger.write.ship([b.batchId, addr(w.distributor2), 1n, nextRef()], { account: w.maker.account }),
      "OrgIsSuspended",
      [addr(w.distributor2)],
    );
    await expectRevert(w.ledger.write.suspend([addr(w.distributor2)], as), "OrgSuspensionUnchanged", [
      addr(w.distributor2),
      true,
    ]);
    await w.ledger.write.reinstate([addr(w.distributor2)], as);
    await expectRevert(w.ledger.write.reinstate([addr(w.distributor2)], as), "OrgSuspensionUnchanged", [
      addr(w.distributor2),
      false,
    ]);
    await w.ledger.write.ship([b.batchId, addr(w.pharmacy), 1n, nextRef()], { account: w.distributor2.account });
    await expectRevert(w.ledger.write.suspend([addr(w.regulator)], as), "OrgSelfLockout", [addr(w.regulator)]);
  });

  it("writes_byUnknownAccountsAndWrongRolesNameTheRoleThatWasNeeded", async () => {
    await expectRevert(
      w.ledger.write.registerBatch([GTIN, "X1", 4_000_000_000, 1, `0x${"11".repeat(32)}`], {
        account: w.stranger.account,
      }),
      "OrgUnknown",
      [addr(w.stranger)],
    );
    await expectRevert(
      w.ledger.write.registerBatch([GTIN, "X1", 4_000_000_000, 1, `0x${"11".repeat(32)}`], {
        account: w.pharmacy.account,
      }),
      "OrgMissingRole",
      [addr(w.pharmacy), ROLE.PHARMACY, ROLE.MANUFACTURER],
    );
  });
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
    assert.equal(stored.status, Active);
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
    assert.equal((await w.ledger.read.batch([await w.ledger.read.batchIdOf([GTIN, "SQUAT1"])])).status, 0);
    // A GTIN-14 of a higher packaging level (indicator digit 1 to 8) is under the same prefix.
    const caseGtin = withCheckDigit(BigInt(`1${PREFIX.maker}54321`));
    await w.ledger.write.registerBatch([caseGtin, "CASE1", later, 1, root], { account: w.maker.account });
    // A manufacturer with no prefix registers nothing; the prefix also sets who may recall the batch.
    const all = { account: w.allRoles.account };
    await w.ledger.write.setCompanyPrefixes([addr(w.allRoles), []], { account: w.regulator.account });
    const omni = gtinUnder(PREFIX.allRoles);
    await expectRevert(w.ledger.write.registerBatch([omni, "O1", later, 1, root], all), "OrgGtinNotAssigned", [
      omni,
      addr(w.allRoles),
    ]);
    await w.ledger.write.setCompanyPrefixes([addr(w.allRoles), [PREFIX.allRoles]], { account: w.regulator.account });
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
    const as = { account: w.regulator.account };
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

  it("setCompanyPrefixes_keepsLeadingZerosAndRefusesBadOrTakenPrefixes", async () => {
    const as = { account: w.regulator.account };
    const maker2 = addr(w.maker2);
    // Leading zeros are part of a prefix: a U.P.C. company's GTIN-12 0 12345 67890 5 is under "0012345".
    await w.ledger.write.setCompanyPrefixes([maker2, ["0012345", PREFIX.maker2]], as);
    assert.deepEqual(await w.ledger.read.companyPrefixes([maker2]), ["0012345", PREFIX.maker2]);
    assert.equal(await w.ledger.read.companyPrefixHolder(["0012345"]), maker2);
    assert.equal(await w.ledger.read.companyPrefixHolder(["012345"]), zeroAddress);
    const later = Number((await w.networkHelpers.time.latest()) + 1000);
    const upc = withCheckDigit(1234567890n); // GTIN-14 00012345678905
    await w.ledger.write.registerBatch([upc, "UPC1", later, 1, `0x${"55".repeat(32)}`], { account: w.maker2.account });

    await expectRevert(w.ledger.write.setCompanyPrefixes([maker2, ["123"]], as), "OrgInvalidPrefix", ["123"]);
    await expectRevert(w.ledger.write.setCompanyPrefixes([maker2, ["1234567890123"]], as), "OrgInvalidPrefix", [
      "1234567890123",
    ]);
    await expectRevert(w.ledger.write.setCompanyPrefixes([maker2, ["95212x5"]], as), "OrgInvalidPrefix", ["95212x5"]);
    await expectRevert(
      w.ledger.write.setCompanyPrefixes([maker2, ["1111", "2222", "3333", "4444"]], as),
      "OrgTooManyPrefixes",
      [4n],
    );
    // Acme's prefix, or a longer one under it, cannot be given to another organisation.
    await expectRevert(w.ledger.write.setCompanyPrefixes([maker2, [PREFIX.maker]], as), "OrgPrefixHeld", [
      PREFIX.maker,
      addr(w.maker),
    ]);
    await expectRevert(w.ledger.write.setCompanyPrefixes([maker2, [`${PREFIX.maker}9`]], as), "OrgPrefixHeld", [
      `${PREFIX.maker}9`,
      addr(w.maker),
    ]);
    // Nor one over Acme's (which would let its holder register Acme's GTINs), nor the same one twice.
    await expectRevert(w.ledger.write.setCompanyPrefixes([maker2, ["952123"]], as), "OrgPrefixCovers", ["952123"]);
    await expectRevert(
      w.ledger.write.setCompanyPrefixes([maker2, [PREFIX.maker2, PREFIX.maker2]], as),
      "OrgPrefixHeld",
      [PREFIX.maker2, maker2],
    );
    // Prefixes are for manufacturers, and only a regulator sets them.
    await expectRevert(w.ledger.write.setCompanyPrefixes([addr(w.pharmacy), ["7777"]], as), "OrgMissingRole", [
      addr(w.pharmacy),
      ROLE.PHARMACY,
      ROLE.MANUFACTURER,
    ]);
    await expectRevert(
      w.ledger.write.setCompanyPrefixes([maker2, ["7777"]], { account: w.maker2.account }),
      "OrgMissingRole",
      [maker2, ROLE.MANUFACTURER, ROLE.REGULATOR],
    );
    // Replacing the list frees the old prefixes: the UPC prefix can go to someone else, and maker2
    // can no longer register under it.
    await w.ledger.write.setCompanyPrefixes([maker2, [PREFIX.maker2]], as);
    assert.equal(await w.ledger.read.companyPrefixHolder(["0012345"]), zeroAddress);
    await expectRevert(
      w.ledger.write.registerBatch([upc, "UPC2", later, 1, `0x${"55".repeat(32)}`], { account: w.maker2.account }),
      "OrgGtinNotAssigned",
      [upc, maker2],
    );
    // A released prefix no longer counts under its shorter prefixes: one over it can now be assigned.
    await w.ledger.write.setCompanyPrefixes([addr(w.allRoles), [PREFIX.allRoles, "00123"]], as);
    await w.ledger.write.setCompanyPrefixes([addr(w.allRoles), [PREFIX.allRoles]], as);
    // An organisation that stops manufacturing gives its prefixes back, for their next holder.
    const update = await w.ledger.write.updateOrganisation(
      [maker2, ROLE.DISTRIBUTOR, gln(3), CN, "Borealis Biologics"],
      as,
    );
    const [released] = parseEventLogs({
      abi: w.ledger.abi,
      eventName: "OrganisationPrefixesSet",
      logs: (await w.client.waitForTransactionReceipt({ hash: update })).logs,
    });
    assert.deepEqual(released!.args.prefixes, []);
    assert.deepEqual(await w.ledger.read.companyPrefixes([maker2]), []);
    assert.equal(await w.ledger.read.companyPrefixHolder([PREFIX.maker2]), zeroAddress);
    await w.ledger.write.setCompanyPrefixes([maker2, []], as); // clearing is allowed whatever the roles
    await w.ledger.write.updateOrganisation([maker2, ROLE.MANUFACTURER, gln(3), CN, "Borealis Biologics"], as);
    await w.ledger.write.setCompanyPrefixes([maker2, [PREFIX.maker2]], as);
    const hash = await w.ledger.write.setCompanyPrefixes([addr(w.allRoles), [PREFIX.allRoles, "0012345"]], as);
    const [log] = parseEventLogs({
      abi: w.ledger.abi,
      eventName: "OrganisationPrefixesSet",
      logs: (await w.client.waitForTransactionReceipt({ hash })).logs,
    });
    assert.deepEqual(log!.args, {
      account: addr(w.allRoles),
      prefixes: [PREFIX.allRoles, "0012345"],
      by: addr(w.regulator),
    });
    await w.ledger.write.setCompanyPrefixes([addr(w.allRoles), [PREFIX.allRoles]], as);
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

  it("recall_byManufacturerOrRegulatorIsFinalAndStopsMovement", async () => {
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
    assert.equal(logs[0]?.args.reason, "Sterility failure in lot testing");
    assert.equal((await w.ledger.read.batch([b.batchId])).status, Recalled);
    await expectRevert(
      w.ledger.write.recall([b.batchId, "again"], { account: w.regulator.account }),
      "BatchIsRecalled",
      [b.batchId],
    );
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
    const other = await registerBatch(w, w.maker2, 2);
    await w.ledger.write.recall([other.batchId, "Regulator order"], { account: w.regulator.account });
    assert.equal((await w.ledger.read.batch([other.batchId])).status, Recalled);
  });

  it("quarantine_holdsTheBatchUntilReleased", async () => {
    const b = await registerBatch(w, w.maker, 8);
    const as = { account: w.regulator.account };
    const ref = nextRef();
    await w.ledger.write.ship([b.batchId, addr(w.distributor), 3n, ref], { account: w.maker.account });
    await expectRevert(w.ledger.write.release([b.batchId], as), "BatchNotQuarantined", [b.batchId]);
    await w.ledger.write.quarantine([b.batchId, "Suspect tampering reported"], as);
    assert.equal((await w.ledger.read.batch([b.batchId])).status, Quarantined);
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

describe("custody hops", () => {
  it("shipAndReceive_recordAShortfallAsWrittenOffAtTheRecipient", async () => {
    const b = await registerBatch(w, w.maker, 100);
    const ref = nextRef();
    await w.ledger.write.ship([b.batchId, addr(w.distributor), 60n, ref], { account: w.maker.account });
    const id = await w.ledger.read.shipmentIdOf([b.batchId, addr(w.maker), addr(w.distributor), 60n, ref]);
    assert.equal(await w.ledger.read.shipmentStatus([id]), InTransit);
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.maker)])).held, 40n);
    const hash = await w.ledger.write.confirmReceipt([b.batchId, addr(w.maker), 60n, ref, 57n], {
      account: w.distributor.account,
    });
    const [event] = parseEventLogs({
      abi: w.ledger.abi,
      logs: (await w.client.waitForTransactionReceipt({ hash })).logs,
      eventName: "ShipmentReceived",
    });
    assert.equal(event?.args.received, 57n);
    assert.equal(event?.args.shortfall, 3n);
    assert.equal(await w.ledger.read.shipmentStatus([id]), Received);
    const h = await w.ledger.read.holding([b.batchId, addr(w.distributor)]);
    assert.deepEqual({ held: h.held, writtenOff: h.writtenOff }, { held: 57n, writtenOff: 3n });
    await expectRevert(
      w.ledger.write.confirmReceipt([b.batchId, addr(w.maker), 60n, ref, 57n], { account: w.distributor.account }),
      "CustodyShipmentNotInTransit",
      [id, Received],
    );
  });

  it("ship_splitsABatchAcrossManyRecipients", async () => {
    const b = await registerBatch(w, w.maker, 50);
    await give(w, b.batchId, w.maker, w.distributor, 30n);
    await give(w, b.batchId, w.distributor, w.pharmacy, 10n);
    await give(w, b.batchId, w.distributor, w.pharmacy2, 15n);
    const held = async (x: typeof w.maker) => (await w.ledger.read.holding([b.batchId, addr(x)])).held;
    assert.deepEqual(
      [await held(w.maker), await held(w.distributor), await held(w.pharmacy), await held(w.pharmacy2)],
      [20n, 5n, 10n, 15n],
    );
  });

  it("cancelShipment_returnsStockAndClosesTheShipment", async () => {
    const b = await registerBatch(w, w.maker, 10);
    const ref = nextRef();
    await w.ledger.write.ship([b.batchId, addr(w.distributor), 4n, ref], { account: w.maker.account });
    await w.ledger.write.cancelShipment([b.batchId, addr(w.distributor), 4n, ref], { account: w.maker.account });
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.maker)])).held, 10n);
    const id = await w.ledger.read.shipmentIdOf([b.batchId, addr(w.maker), addr(w.distributor), 4n, ref]);
    assert.equal(await w.ledger.read.shipmentStatus([id]), Voided);
    await expectRevert(
      w.ledger.write.confirmReceipt([b.batchId, addr(w.maker), 4n, ref, 4n], { account: w.distributor.account }),
      "CustodyShipmentNotInTransit",
      [id, Voided],
    );
    // Only the sender can cancel: the same parameters from anyone else name no shipment.
    const ref2 = nextRef();
    await w.ledger.write.ship([b.batchId, addr(w.distributor), 1n, ref2], { account: w.maker.account });
    const wrongId = await w.ledger.read.shipmentIdOf([b.batchId, addr(w.distributor2), addr(w.distributor), 1n, ref2]);
    await expectRevert(
      w.ledger.write.cancelShipment([b.batchId, addr(w.distributor), 1n, ref2], { account: w.distributor2.account }),
      "CustodyShipmentNotInTransit",
      [wrongId, 0],
    );
  });

  it("ship_refusesBadHopsWithTheirReason", async () => {
    const b = await registerBatch(w, w.maker, 10);
    const as = { account: w.maker.account };
    await expectRevert(
      w.ledger.write.ship([b.batchId, addr(w.distributor), 0n, nextRef()], as),
      "CustodyZeroQuantity",
      [],
    );
    await expectRevert(w.ledger.write.ship([b.batchId, addr(w.maker), 1n, nextRef()], as), "CustodySelfShipment", [
      addr(w.maker),
    ]);
    await expectRevert(w.ledger.write.ship([b.batchId, addr(w.stranger), 1n, nextRef()], as), "OrgUnknown", [
      addr(w.stranger),
    ]);
    await expectRevert(w.ledger.write.ship([b.batchId, addr(w.verifier), 1n, nextRef()], as), "OrgMissingRole", [
      addr(w.verifier),
      ROLE.VERIFIER,
      CUSTODY,
    ]);
    await expectRevert(
      w.ledger.write.ship([b.batchId, addr(w.distributor), 11n, nextRef()], as),
      "CustodyInsufficientStock",
      [b.batchId, addr(w.maker), 10n, 11n],
    );
    const ref = nextRef();
    await w.ledger.write.ship([b.batchId, addr(w.distributor), 2n, ref], as);
    const id = await w.ledger.read.shipmentIdOf([b.batchId, addr(w.maker), addr(w.distributor), 2n, ref]);
    await expectRevert(w.ledger.write.ship([b.batchId, addr(w.distributor), 2n, ref], as), "CustodyShipmentExists", [
      id,
    ]);
    await expectRevert(
      w.ledger.write.confirmReceipt([b.batchId, addr(w.maker), 2n, ref, 3n], { account: w.distributor.account }),
      "CustodyReceivedExceedsShipped",
      [id, 2n, 3n],
    );
  });

  it("writeOff_movesStockToWrittenOffAndNeedsAReason", async () => {
    const b = await registerBatch(w, w.maker, 10);
    const as = { account: w.maker.account };
    await expectRevert(w.ledger.write.writeOff([b.batchId, 1n, ""], as), "CustodyInvalidReason", [0n]);
    await expectRevert(w.ledger.write.writeOff([b.batchId, 1n, "damaged\u0000"], as), "CustodyInvalidReasonCharacter", [
      7n,
      0,
    ]);
    await expectRevert(w.ledger.write.writeOff([b.batchId, 0n, "x"], as), "CustodyZeroQuantity", []);
    await expectRevert(w.ledger.write.writeOff([b.batchId, 11n, "x"], as), "CustodyInsufficientStock", [
      b.batchId,
      addr(w.maker),
      10n,
      11n,
    ]);
    await w.ledger.write.writeOff([b.batchId, 2n, "Crushed in warehouse"], as);
    const h = await w.ledger.read.holding([b.batchId, addr(w.maker)]);
    assert.deepEqual([h.held, h.writtenOff], [8n, 2n]);
  });
});

describe("dispensing", () => {
  it("dispense_decommissionsThePackOnceOnly", async () => {
    const b = await registerBatch(w, w.maker, 16);
    await give(w, b.batchId, w.maker, w.pharmacy, 5n);
    await give(w, b.batchId, w.maker, w.pharmacy2, 5n);
    const hash = await w.ledger.write.dispense([b.batchId, ...b.packs.single(3)], { account: w.pharmacy.account });
    const [event] = parseEventLogs({
      abi: w.ledger.abi,
      logs: (await w.client.waitForTransactionReceipt({ hash })).logs,
      eventName: "PacksDispensed",
    });
    assert.deepEqual(event?.args.indices, [3n]);
    assert.equal(await w.ledger.read.isDispensed([b.batchId, 3n]), true);
    assert.equal(await w.ledger.read.isDispensed([b.batchId, 4n]), false);
    const h = await w.ledger.read.holding([b.batchId, addr(w.pharmacy)]);
    assert.deepEqual([h.held, h.dispensed], [4n, 1n]);
    // EU FMD A7: already decommissioned, wherever the second scan happens.
    await expectRevert(
      w.ledger.write.dispense([b.batchId, ...b.packs.single(3)], { account: w.pharmacy2.account }),
      "PackAlreadyDispensed",
      [b.batchId, 3n],
    );
  });

  it("dispense_refusesPacksThatAreNotInTheBatch", async () => {
    const b = await registerBatch(w, w.maker, 16);
    await give(w, b.batchId, w.maker, w.pharmacy, 5n);
    const as = { account: w.pharmacy.account };
    const [index, , proof] = b.packs.single(2);
    await expectRevert(
      w.ledger.write.dispense([b.batchId, index, b.packs.commitments[5]!, proof], as),
      "PackInvalidProof",
      [b.batchId, 2n],
    );
    // A proof for pack 2 does not prove pack 7 (the index is inside the leaf).
    await expectRevert(
      w.ledger.write.dispense([b.batchId, 7n, b.packs.commitments[2]!, proof], as),
      "PackInvalidProof",
      [b.batchId, 7n],
    );
    await expectRevert(
      w.ledger.write.dispense([b.batchId, 16n, b.packs.commitments[2]!, proof], as),
      "PackIndexOutOfRange",
      [b.batchId, 16n, 16],
    );
  });

  it("dispense_needsStockAtThePharmacyAndAnUnexpiredBatch", async () => {
    const b = await registerBatch(w, w.maker, 8, 2n * DAY);
    await expectRevert(
      w.ledger.write.dispense([b.batchId, ...b.packs.single(0)], { account: w.pharmacy2.account }),
      "CustodyInsufficientStock",
      [b.batchId, addr(w.pharmacy2), 0n, 1n],
    );
    await give(w, b.batchId, w.maker, w.pharmacy2, 2n);
    await w.networkHelpers.time.increase(3n * DAY);
    await expectRevert(
      w.ledger.write.dispense([b.batchId, ...b.packs.single(0)], { account: w.pharmacy2.account }),
      "BatchExpired",
      [b.batchId, b.expiresAt],
    );
  });

  it("dispenseMany_settlesAQueueInOneCallWithAMultiproof", async () => {
    const b = await registerBatch(w, w.maker, 300);
    await give(w, b.batchId, w.maker, w.pharmacy, 300n);
    const as = { account: w.pharmacy.account };
    const queue = [5, 17, 18, 250, 299];
    const [indices, commitments, proof, flags] = b.packs.many(queue);
    await w.ledger.write.dispenseMany([b.batchId, indices, commitments, proof, flags], as);
    for (const i of queue) assert.equal(await w.ledger.read.isDispensed([b.batchId, BigInt(i)]), true);
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.pharmacy)])).dispensed, 5n);
    // One pack of the next queue was dispensed before: the whole call is refused and names it.
    const again = b.packs.many([1, 17]);
    await expectRevert(w.ledger.write.dispenseMany([b.batchId, ...again], as), "PackAlreadyDispensed", [
      b.batchId,
      17n,
    ]);
    assert.equal(await w.ledger.read.isDispensed([b.batchId, 1n]), false);
    const [i2, c2, p2, f2] = b.packs.many([1, 2]);
    await expectRevert(
      w.ledger.write.dispenseMany([b.batchId, i2, [c2[1]!, c2[0]!], p2, f2], as),
      "PackInvalidMultiProof",
      [b.batchId],
    );
    await expectRevert(w.ledger.write.dispenseMany([b.batchId, [], [], [], []], as), "PackListMismatch", [0n, 0n]);
    await expectRevert(w.ledger.write.dispenseMany([b.batchId, i2, [c2[0]!], p2, f2], as), "PackListMismatch", [
      2n,
      1n,
    ]);
  });

  it("undoDispense_onlyBySamePharmacyWithinTheWindow", async () => {
    const b = await registerBatch(w, w.maker, 16);
    await give(w, b.batchId, w.maker, w.pharmacy, 5n);
    await give(w, b.batchId, w.maker, w.pharmacy2, 5n);
    await w.ledger.write.dispense([b.batchId, ...b.packs.single(1)], { account: w.pharmacy.account });
    await w.ledger.write.dispense([b.batchId, ...b.packs.single(2)], { account: w.pharmacy.account });
    const day = Number(BigInt(await w.networkHelpers.time.latest()) / DAY);
    await expectRevert(
      w.ledger.write.undoDispense([b.batchId, day, [1n]], { account: w.pharmacy2.account }),
      "PackNotDispensedByCaller",
      [b.batchId, 1n, addr(w.pharmacy2), day],
    );
    await w.ledger.write.undoDispense([b.batchId, day, [1n]], { account: w.pharmacy.account });
    assert.equal(await w.ledger.read.isDispensed([b.batchId, 1n]), false);
    const h = await w.ledger.read.holding([b.batchId, addr(w.pharmacy)]);
    assert.deepEqual([h.held, h.dispensed], [4n, 1n]);
    await expectRevert(
      w.ledger.write.undoDispense([b.batchId, day, [1n]], { account: w.pharmacy.account }),
      "PackNotDispensedByCaller",
      [b.batchId, 1n, addr(w.pharmacy), day],
    );
    // The undone pack can be dispensed again, by anyone holding stock.
    await w.ledger.write.dispense([b.batchId, ...b.packs.single(1)], { account: w.pharmacy2.account });
    await w.networkHelpers.time.increase(11n * DAY);
    const today = Number(BigInt(await w.networkHelpers.time.latest()) / DAY);
    await expectRevert(
      w.ledger.write.undoDispense([b.batchId, day, [2n]], { account: w.pharmacy.account }),
      "PackUndoWindowClosed",
      [b.batchId, day, today],
    );
  });
});

describe("consumer claims", () => {
  it("claim_recordsTheFirstVerificationAndRejectsTheSecondWithoutLosingIt", async () => {
    const b = await registerBatch(w, w.maker, 16);
    const as = { account: w.verifier.account };
    await w.ledger.write.claim([b.batchId, ...b.packs.single(9)], as);
    assert.equal(await w.ledger.read.isClaimed([b.batchId, 9n]), true);
    await expectRevert(w.ledger.write.claim([b.batchId, ...b.packs.single(9)], as), "PackAlreadyClaimed", [
      b.batchId,
      9n,
    ]);
    assert.equal(await w.ledger.read.isClaimed([b.batchId, 9n]), true);
    const [indices, commitments, proof, flags] = b.packs.many([3, 9]);
    await expectRevert(
      w.ledger.write.claimMany([b.batchId, indices, commitments, proof, flags], as),
      "PackAlreadyClaimed",
      [b.batchId, 9n],
    );
    assert.equal(await w.ledger.read.isClaimed([b.batchId, 3n]), false);
    assert.equal(await w.ledger.read.isClaimed([b.batchId, 9n]), true);
  });

  it("claimMany_acrossBatchesInOneTransactionThroughMulticall", async () => {
    const a = await registerBatch(w, w.maker, 8);
    const c = await registerBatch(w, w.maker2, 8);
    await w.ledger.write.recall([c.batchId, "Claims still count on recalled batches"], { account: w.maker2.account });
    const { encodeFunctionData } = await import("viem");
    const calls = [
      encodeFunctionData({
        abi: w.ledger.abi,
        functionName: "claimMany",
        args: [a.batchId, ...a.packs.many([0, 1, 2])],
      }),
      encodeFunctionData({ abi: w.ledger.abi, functionName: "claim", args: [c.batchId, ...c.packs.single(7)] }),
    ];
    await w.ledger.write.multicall([calls], { account: w.verifier.account });
    for (const i of [0n, 1n, 2n]) assert.equal(await w.ledger.read.isClaimed([a.batchId, i]), true);
    assert.equal(await w.ledger.read.isClaimed([c.batchId, 7n]), true);
    const unknown: Hex = `0x${"cd".repeat(32)}`;
    await expectRevert(
      w.ledger.write.claim([unknown, ...a.packs.single(0)], { account: w.verifier.account }),
      "BatchUnknown",
      [unknown],
    );
  });
});

describe("error coverage", () => {
  // Declared last, so it runs after every test above in this file.
  it("everyCustomErrorIsReachedWithItsArgumentsChecked", async () => {
    // Our own errors (the domain prefixes); OpenZeppelin's library errors are theirs to test.
    const errors = w.ledger.abi
      .filter((x) => x.type === "error")
      .map((x) => (x as { name: string }).name)
      .filter((name) => /^(Org|Batch|Custody|Pack)/.test(name));
    const missing = errors.filter((e) => !revertsSeen.has(e));
    assert.deepEqual(missing, [], `custom errors never reached with arguments checked: ${missing.join(", ")}`);
  });
});
