/**
 * OrganisationRegistry: onboarding, master data, suspension, roles, GS1 company prefixes and members.
 * The council's functions are called from the council's address here; the AccessManager path with its
 * delay is in Council.test.ts.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { getAddress, parseEventLogs, zeroAddress } from "viem";
import { withCheckDigit } from "../scripts/lib/gs1.js";
import { CN, gln, GTIN, ROLE } from "../scripts/lib/hardhatLedger.js";
import {
  addr,
  deployWorld,
  expectRevert,
  give,
  nextRef,
  PERMIT,
  PREFIX,
  registerBatch,
  type World,
} from "./helpers/ledger.js";

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
    // A member's account cannot found a second organisation.
    const operator = w.spare[1]!;
    await w.ledger.write.addMember([addr(operator), PERMIT.SHIP], { account: w.pharmacy.account });
    await expectRevert(w.ledger.write.onboard([addr(operator), 8, gln(50), CN, "Again"], as), "OrgAlreadyOnboarded", [
      addr(operator),
    ]);
  });

  it("onboard_refusesAGlnAnotherOrganisationHas_soNoImpostorTakesAPharmacysGln", async () => {
    const as = { account: w.regulator.account };
    const impostor = getAddress("0x00000000000000000000000000000000000b0b00");
    const pharmacyGln = (await w.ledger.read.organisation([addr(w.pharmacy)])).gln;
    await expectRevert(
      w.ledger.write.onboard([impostor, ROLE.PHARMACY, pharmacyGln, CN, "Eastside Pharmacy"], as),
      "OrgGlnTaken",
      [pharmacyGln, addr(w.pharmacy)],
    );
    assert.equal((await w.ledger.read.organisation([impostor])).roles, 0);
  });

  it("onboard_ofARegulatorNeedsTheCouncil", async () => {
    const fresh = getAddress("0x00000000000000000000000000000000000c0c00");
    await expectRevert(
      w.ledger.write.onboard([fresh, ROLE.REGULATOR, gln(51), CN, "Puppet Regulator"], {
        account: w.regulator.account,
      }),
      "LedgerNotCouncil",
      [addr(w.regulator)],
    );
    await w.ledger.write.onboard([fresh, ROLE.REGULATOR, gln(51), CN, "Provincial Regulator"], w.asCouncil);
    assert.equal((await w.ledger.read.member([fresh])).permissions, PERMIT.ADMIN | PERMIT.REGULATE);
  });

  it("updateOrganisation_changesRolesAndGlnButRefusesUnknownAccountsTakenGlnsAndRegulatorKeys", async () => {
    const as = w.asCouncil;
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
    // GLNs stay unique on update: the pharmacy's cannot be taken; a GLN given up is free again.
    const pharmacyGln = (await w.ledger.read.organisation([addr(w.pharmacy)])).gln;
    await expectRevert(
      w.ledger.write.updateOrganisation([addr(w.pharmacy2), ROLE.PHARMACY, pharmacyGln, CN, "Fairview"], as),
      "OrgGlnTaken",
      [pharmacyGln, addr(w.pharmacy)],
    );
    await w.ledger.write.updateOrganisation([addr(w.pharmacy2), ROLE.PHARMACY, gln(70), CN, "Fairview Pharmacy"], as);
    await w.ledger.write.onboard([addr(w.spare[2]!), ROLE.PHARMACY, gln(7), CN, "Newcomer Pharmacy"], {
      account: w.regulator.account,
    });
    await expectRevert(
      w.ledger.write.updateOrganisation([addr(w.pharmacy2), ROLE.PHARMACY, gln(7), CN, "Fairview Pharmacy"], as),
      "OrgGlnTaken",
      [gln(7), addr(w.spare[2]!)],
    );
    // A regulator's own key no longer edits organisations: only the council does.
    await expectRevert(
      w.ledger.write.updateOrganisation([addr(w.maker), ROLE.DISTRIBUTOR, gln(2), CN, "Acme Pharma"], {
        account: w.regulator.account,
      }),
      "LedgerNotCouncil",
      [addr(w.regulator)],
    );
  });

  it("suspend_blocksEveryWriteUntilReinstated", async () => {
    const as = w.asCouncil;
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
    await expectRevert(
      w.ledger.write.suspend([addr(w.regulator2)], { account: w.regulator.account }),
      "LedgerNotCouncil",
      [addr(w.regulator)],
    );
  });

  it("writes_byUnknownAccountsAndWrongRolesNameTheRoleThatWasNeeded", async () => {
    await expectRevert(
      w.ledger.write.registerBatch([GTIN, "X1", 4_000_000_000, 1, `0x${"11".repeat(32)}`], {
        account: w.stranger.account,
      }),
      "OrgNotMember",
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
    const as = w.asCouncil;
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
    // Prefixes are for manufacturers, and only the council sets them.
    await expectRevert(w.ledger.write.setCompanyPrefixes([addr(w.pharmacy), ["7777"]], as), "OrgMissingRole", [
      addr(w.pharmacy),
      ROLE.PHARMACY,
      ROLE.MANUFACTURER,
    ]);
    await expectRevert(
      w.ledger.write.setCompanyPrefixes([maker2, ["7777"]], { account: w.regulator.account }),
      "LedgerNotCouncil",
      [addr(w.regulator)],
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
      by: getAddress(w.deployment.council),
    });
    await w.ledger.write.setCompanyPrefixes([addr(w.allRoles), [PREFIX.allRoles]], as);
  });
});

describe("members", () => {
  it("onboard_makesTheFoundingAccountAnAdminWithEveryPermitItsRolesUse", async () => {
    const expected = {
      regulator: PERMIT.ADMIN | PERMIT.REGULATE,
      maker: PERMIT.ADMIN | PERMIT.REGISTER | PERMIT.SHIP | PERMIT.WRITE_OFF,
      distributor: PERMIT.ADMIN | PERMIT.SHIP | PERMIT.WRITE_OFF,
      pharmacy: PERMIT.ADMIN | PERMIT.SHIP | PERMIT.DISPENSE | PERMIT.WRITE_OFF,
      verifier: PERMIT.ADMIN | PERMIT.CLAIM,
      allRoles: 127,
    } as const;
    for (const [part, permissions] of Object.entries(expected)) {
      const wallet = w[part as keyof typeof expected];
      assert.deepEqual(await w.ledger.read.member([addr(wallet)]), {
        organisation: addr(wallet),
        permissions,
        intentNonce: 0n,
      });
      assert.equal((await w.ledger.read.organisation([addr(wallet)])).admins, 1);
    }
  });

  it("addMember_setMemberPermissions_removeMember_byAnAdminOfTheSameOrganisation", async () => {
    const admin = { account: w.distributor2.account };
    const [clerk, other] = [w.spare[3]!, w.spare[4]!];
    const added = await w.ledger.write.addMember([addr(clerk), PERMIT.SHIP], admin);
    const [log] = parseEventLogs({
      abi: w.ledger.abi,
      eventName: "MemberAdded",
      logs: (await w.client.waitForTransactionReceipt({ hash: added })).logs,
    });
    assert.deepEqual(log!.args, {
      organisation: addr(w.distributor2),
      account: addr(clerk),
      permissions: PERMIT.SHIP,
      by: addr(w.distributor2),
    });
    // The clerk ships for the organisation: the stock and the shipment are the organisation's.
    const b = await registerBatch(w, w.maker, 4);
    await give(w, b.batchId, w.maker, w.distributor2, 2n);
    await w.ledger.write.ship([b.batchId, addr(w.pharmacy), 1n, nextRef()], { account: clerk.account });
    assert.equal((await w.ledger.read.holding([b.batchId, addr(w.distributor2)])).held, 1n);
    assert.equal((await w.ledger.read.holding([b.batchId, addr(clerk)])).held, 0n);
    // Refusals name the account and what it lacks.
    await expectRevert(
      w.ledger.write.writeOff([b.batchId, 1n, "Damaged"], { account: clerk.account }),
      "OrgMissingPermission",
      [addr(clerk), PERMIT.SHIP, PERMIT.WRITE_OFF],
    );
    await expectRevert(
      w.ledger.write.addMember([addr(other), PERMIT.SHIP], { account: clerk.account }),
      "OrgMissingPermission",
      [addr(clerk), PERMIT.SHIP, PERMIT.ADMIN],
    );
    await expectRevert(w.ledger.write.addMember([addr(clerk), PERMIT.SHIP], admin), "OrgAlreadyMember", [
      addr(clerk),
      addr(w.distributor2),
    ]);
    await expectRevert(w.ledger.write.addMember([addr(w.pharmacy), PERMIT.SHIP], admin), "OrgAlreadyMember", [
      addr(w.pharmacy),
      addr(w.pharmacy),
    ]);
    await expectRevert(w.ledger.write.addMember([zeroAddress, PERMIT.SHIP], admin), "OrgZeroAccount", []);
    await expectRevert(w.ledger.write.addMember([addr(other), 0], admin), "OrgInvalidPermissions", [0]);
    await expectRevert(w.ledger.write.addMember([addr(other), 128], admin), "OrgInvalidPermissions", [128]);
    // An admin changes only its own organisation's members.
    await expectRevert(w.ledger.write.setMemberPermissions([addr(w.pharmacy), PERMIT.SHIP], admin), "OrgNotMemberOf", [
      addr(w.pharmacy),
      addr(w.distributor2),
    ]);
    await expectRevert(w.ledger.write.removeMember([addr(other)], admin), "OrgNotMemberOf", [
      addr(other),
      addr(w.distributor2),
    ]);
    await w.ledger.write.setMemberPermissions([addr(clerk), PERMIT.SHIP | PERMIT.WRITE_OFF], admin);
    await w.ledger.write.writeOff([b.batchId, 1n, "Damaged"], { account: clerk.account });
    await w.ledger.write.removeMember([addr(clerk)], admin);
    assert.deepEqual(await w.ledger.read.member([addr(clerk)]), {
      organisation: zeroAddress,
      permissions: 0,
      intentNonce: 0n,
    });
  });

  it("removeMember_theLastAdminCannotBeRemovedOrDemoted", async () => {
    const admin = { account: w.pharmacy2.account };
    const second = w.spare[5]!;
    await expectRevert(w.ledger.write.removeMember([addr(w.pharmacy2)], admin), "OrgLastAdmin", [addr(w.pharmacy2)]);
    await expectRevert(
      w.ledger.write.setMemberPermissions([addr(w.pharmacy2), PERMIT.DISPENSE], admin),
      "OrgLastAdmin",
      [addr(w.pharmacy2)],
    );
    // With a second admin, the founding key can go: the organisation keeps its id and what it holds.
    await w.ledger.write.addMember([addr(second), PERMIT.ADMIN | PERMIT.SHIP], admin);
    assert.equal((await w.ledger.read.organisation([addr(w.pharmacy2)])).admins, 2);
    await w.ledger.write.removeMember([addr(w.pharmacy2)], { account: second.account });
    assert.equal((await w.ledger.read.organisation([addr(w.pharmacy2)])).admins, 1);
    assert.equal((await w.ledger.read.member([addr(second)])).organisation, addr(w.pharmacy2));
    await expectRevert(w.ledger.write.removeMember([addr(second)], { account: second.account }), "OrgLastAdmin", [
      addr(w.pharmacy2),
    ]);
  });
});

describe("error coverage", () => {
  it("everyCustomErrorIsReachedWithItsArgumentsChecked", async () => {
    w.expectEveryErrorReached(/^(Org|LedgerNotCouncil)/);
  });
});
