import assert from "node:assert/strict";
import { test } from "node:test";
import { ROLE } from "@tracemed/chain";
import { checkOrganisation, organisationArgs, type OrganisationDraft } from "./organisationInput";

const valid: OrganisationDraft = {
  account: "0x1111111111111111111111111111111111111111",
  name: "Harbour Pharmacy",
  roles: ["PHARMACY"],
  gln: "6901234000108",
  country: "cn",
};

test("aValidOnboarding_hasNoProblems_andBecomesTheLedgersArguments", () => {
  assert.deepEqual(checkOrganisation(valid), {});
  const [account, roles, gln, country, name] = organisationArgs({ ...valid, roles: ["PHARMACY", "DISTRIBUTOR"] });
  assert.equal(account, valid.account);
  assert.equal(roles, ROLE.PHARMACY | ROLE.DISTRIBUTOR);
  assert.equal(gln, 6901234000108n);
  assert.equal(country, "0x434e", "country upper-cased to the contract's bytes2");
  assert.equal(name, "Harbour Pharmacy");
});

test("aGlnWithAWrongCheckDigit_saysWhichDigitItMustEndIn", () => {
  // GS1 check digits: 690123400010 -> 8; 690123400001 -> 6 (the demo regulator's GLN).
  assert.deepEqual(checkOrganisation({ ...valid, gln: "6901234000105" }).gln, { key: "glnCheck", vars: { digit: 8 } });
  assert.deepEqual(checkOrganisation({ ...valid, gln: "6901234000011" }).gln, { key: "glnCheck", vars: { digit: 6 } });
  assert.equal(checkOrganisation({ ...valid, gln: "6901234000016" }).gln, undefined);
  assert.deepEqual(checkOrganisation({ ...valid, gln: "69012340001" }).gln, { key: "gln" });
});

test("everyBadField_isNamed_beforeAnythingIsSigned", () => {
  const problems = checkOrganisation({ account: "0x123", name: " ", roles: [], gln: "x", country: "CHN" });
  assert.deepEqual(Object.keys(problems).sort(), ["account", "country", "gln", "name", "roles"]);
  assert.ok(checkOrganisation({ ...valid, name: "名".repeat(43) }).name, "129 bytes of Chinese is too long");
  assert.equal(checkOrganisation({ ...valid, name: "名".repeat(42) }).name, undefined, "126 bytes fit");
  assert.ok(checkOrganisation({ ...valid, account: "0x" + "0".repeat(40) }).account, "the zero address");
});
