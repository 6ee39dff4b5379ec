/**
 * OrganisationRegistry: onboarding, master data, suspension, roles and GS1 company prefixes.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { getAddress, parseEventLogs, zeroAddress } from "viem";
import { withCheckDigit } from "../scripts/lib/gs1.js";
import { CN, gln, GTIN, ROLE } from "../scripts/lib/hardhatLedger.js";
import { addr, deployWorld, expectRevert, give, nextRef, PREFIX, registerBatch, type World } from "./helpers/ledger.js";

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

describe("company prefixes", () => {
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
});

describe("error coverage", () => {
  it("everyCustomErrorIsReachedWithItsArgumentsChecked", async () => {
    w.expectEveryErrorReached(/^Org/);
  });
});
