import assert from "node:assert/strict";
import { test } from "node:test";
import { ROLE, custodyLedgerAbi } from "@tracemed/chain";
import { decodeFunctionData, type Hex } from "viem";
import {
  checkOrganisation,
  needsCouncil,
  organisationArgs,
  organisationWrite,
  parsePrefixes,
  type OrganisationDraft,
  type PrefixHolder,
} from "./organisationInput";

const valid: OrganisationDraft = {
  account: "0x1111111111111111111111111111111111111111",
  name: "Harbour Pharmacy",
  roles: ["PHARMACY"],
  gln: "6901234000108",
  country: "cn",
  prefixes: "",
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
  const problems = checkOrganisation({
    account: "0x123",
    name: " ",
    roles: [],
    gln: "x",
    country: "CHN",
    prefixes: "",
  });
  assert.deepEqual(Object.keys(problems).sort(), ["account", "country", "gln", "name", "roles"]);
  assert.ok(checkOrganisation({ ...valid, name: "名".repeat(43) }).name, "129 bytes of Chinese is too long");
  assert.equal(checkOrganisation({ ...valid, name: "名".repeat(42) }).name, undefined, "126 bytes fit");
  assert.ok(checkOrganisation({ ...valid, account: "0x" + "0".repeat(40) }).account, "the zero address");
});

test("aNameTheLedgerWouldRefuseForItsCharacters_isRefusedWithTheCharacterNamed", () => {
  assert.deepEqual(checkOrganisation({ ...valid, name: "Acme\u202eamrahP" }).name, {
    key: "nameCharacter",
    vars: { position: 5, char: "U+202E" },
  });
  assert.deepEqual(checkOrganisation({ ...valid, name: "药房\u0000" }).name?.vars, { position: 3, char: "U+0000" });
  for (const name of ["Hüttenwerk & Söhne GmbH", "国药控股股份有限公司", "Pharmacie de l'Hôtel-Dieu"])
    assert.equal(checkOrganisation({ ...valid, name }).name, undefined, name);
  // A tab pasted into the field is sent as a space, which the ledger accepts.
  assert.equal(checkOrganisation({ ...valid, name: "Harbour\tPharmacy" }).name, undefined);
  assert.equal(organisationArgs({ ...valid, name: "Harbour\tPharmacy " })[4], "Harbour Pharmacy");
});

const maker: OrganisationDraft = {
  account: "0x2222222222222222222222222222222222222222",
  name: "Lanting Biologics",
  roles: ["MANUFACTURER"],
  gln: "6901234000108",
  country: "CN",
  prefixes: "",
};
// The demo's manufacturers, as the database indexed them.
const holders: PrefixHolder[] = [
  { account: "0x3333333333333333333333333333333333333333", name: "Huaxin", companyPrefixes: ["6901234"] },
  { account: "0x4444444444444444444444444444444444444444", name: "Alpenwerk", companyPrefixes: ["4001234", "0401"] },
  { account: "0x5555555555555555555555555555555555555555", name: "Harbour Pharmacy", companyPrefixes: [] },
];
const prefixProblem = (prefixes: string, d: Partial<OrganisationDraft> = {}) =>
  checkOrganisation({ ...maker, ...d, prefixes }, holders).prefixes;

test("prefixes_areSeparatedByCommasOrSpaces_andKeepTheirLeadingZeros", () => {
  assert.deepEqual(parsePrefixes(" 0690123, 6901235  7001234 ,"), ["0690123", "6901235", "7001234"]);
  assert.deepEqual(parsePrefixes("6901235，7001234、8001234"), ["6901235", "7001234", "8001234"]);
  assert.deepEqual(parsePrefixes("  "), []);
  assert.equal(prefixProblem("0690123, 7001234 8001234"), undefined, "three free prefixes of 4 to 12 digits");
  assert.equal(prefixProblem("7001 800123456789"), undefined, "4 and 12 digits");
  assert.equal(prefixProblem(""), undefined, "a manufacturer without prefixes (it cannot register batches yet)");
});

test("aPrefixTheLedgerWouldRefuse_isASentenceBeforeSigning", () => {
  assert.deepEqual(prefixProblem("700"), { key: "prefix", vars: { prefix: "700" } }, "3 digits");
  assert.deepEqual(prefixProblem("7001234567890"), { key: "prefix", vars: { prefix: "7001234567890" } }, "13 digits");
  assert.deepEqual(prefixProblem("7001234, 70O1235"), { key: "prefix", vars: { prefix: "70O1235" } }, "a letter O");
  assert.deepEqual(
    prefixProblem("７００１２３４"),
    { key: "prefix", vars: { prefix: "７００１２３４" } },
    "full-width",
  );
  assert.deepEqual(prefixProblem("7001 7002 7003 7004"), { key: "prefixCount", vars: { max: 3 } });
  assert.deepEqual(prefixProblem("7001234 8001234 7001234"), { key: "prefixRepeated", vars: { prefix: "7001234" } });
  assert.deepEqual(prefixProblem("7001234", { roles: ["DISTRIBUTOR"] }), { key: "prefixRole" });
  assert.equal(prefixProblem("7001234", { roles: ["DISTRIBUTOR", "MANUFACTURER"] }), undefined);
  assert.deepEqual(Object.keys(checkOrganisation({ ...valid, prefixes: "7001234" })), ["prefixes"], "a pharmacy");
});

test("aPrefixEqualToUnderOrOverAnotherOrganisations_namesThatOrganisation", () => {
  const refused: [typed: string, key: string, prefix: string, other: string, name: string][] = [
    ["6901234", "prefixTaken", "6901234", "6901234", "Huaxin"],
    ["7001234 69012345", "prefixUnder", "69012345", "6901234", "Huaxin"],
    // Over another's: the ledger refuses it too (OrgPrefixCovers); the form names the organisation.
    ["400123", "prefixOver", "400123", "4001234", "Alpenwerk"],
    ["0401", "prefixTaken", "0401", "0401", "Alpenwerk"],
  ];
  for (const [typed, key, prefix, other, name] of refused)
    assert.deepEqual(prefixProblem(typed), { key, vars: { prefix, other, name } }, typed);
  assert.equal(prefixProblem("4011"), undefined, "0401 is not 401: leading zeros count");
  assert.equal(prefixProblem("6901235"), undefined, "a neighbour is free");
  const huaxin = holders[0]!.account;
  assert.equal(prefixProblem("6901234 7001234", { account: huaxin }), undefined, "its own prefixes do not count");
  // Nested within the list itself: the ledger would refuse the second (OrgPrefixHeld by the organisation).
  assert.deepEqual(prefixProblem("6901234 690123456", { account: huaxin }), {
    key: "prefixNested",
    vars: { prefix: "6901234", other: "690123456" },
  });
  assert.deepEqual(prefixProblem("690123456, 6901234", { account: huaxin }), {
    key: "prefixNested",
    vars: { prefix: "6901234", other: "690123456" },
  });
});

const decode = (data: Hex) => decodeFunctionData({ abi: custodyLedgerAbi, data });

test("onboardingAManufacturerWithPrefixes_isOneMulticall_onboardThenSetPrefixes", () => {
  assert.deepEqual(organisationWrite(maker), { functionName: "onboard", args: organisationArgs(maker) });
  const write = organisationWrite({ ...maker, prefixes: "0690123, 7001234" });
  assert.equal(write.functionName, "multicall");
  const [calls] = write.args as readonly [readonly Hex[]];
  assert.equal(calls.length, 2);
  const onboard = decode(calls[0]!);
  assert.equal(onboard.functionName, "onboard");
  assert.deepEqual(onboard.args, organisationArgs(maker));
  const set = decode(calls[1]!);
  assert.equal(set.functionName, "setCompanyPrefixes");
  assert.deepEqual(set.args, [maker.account, ["0690123", "7001234"]]);
});

test("editing_setsPrefixesOnlyWhenTheyChanged_inTheOrderTheLedgerAccepts", () => {
  const before = { companyPrefixes: ["6901234", "7001234"] };
  const same = { ...maker, prefixes: "7001234 6901234" };
  assert.deepEqual(organisationWrite(same, before), {
    functionName: "updateOrganisation",
    args: organisationArgs(same),
  });

  const added = organisationWrite({ ...maker, prefixes: "6901234 7001234 8001234" }, before);
  const [addCalls] = added.args as readonly [readonly Hex[]];
  assert.deepEqual(
    addCalls.map((c) => decode(c).functionName),
    ["updateOrganisation", "setCompanyPrefixes"],
  );
  assert.deepEqual(decode(addCalls[1]!).args, [maker.account, ["6901234", "7001234", "8001234"]]);

  // Taking the manufacturer role away: its prefixes are cleared first, while it still has the role.
  const demoted = { ...maker, roles: ["DISTRIBUTOR" as const], prefixes: "" };
  const [demoteCalls] = organisationWrite(demoted, before).args as readonly [readonly Hex[]];
  assert.deepEqual(
    demoteCalls.map((c) => decode(c).functionName),
    ["setCompanyPrefixes", "updateOrganisation"],
  );
  assert.deepEqual(decode(demoteCalls[0]!).args, [maker.account, []]);
  assert.deepEqual(decode(demoteCalls[1]!).args, organisationArgs(demoted));

  const cleared = organisationWrite({ ...maker, prefixes: " " }, before);
  assert.equal(cleared.functionName, "multicall");
  assert.deepEqual(decode((cleared.args as readonly [readonly Hex[]])[0][1]!).args, [maker.account, []]);
});

test("needsCouncil_onlyOnboardingWithoutPrefixesOfANonRegulator_isTheRegulatorsOwn", () => {
  // The ledger lets a regulator member onboard other organisations at once.
  assert.equal(needsCouncil(valid, false), false);
  assert.equal(needsCouncil(maker, false), false);
  // Everything else only the council may do: it is proposed there.
  assert.equal(needsCouncil({ ...maker, prefixes: "6901235" }, false), true, "assigning a company prefix");
  assert.equal(needsCouncil({ ...valid, roles: ["REGULATOR"] }, false), true, "onboarding a regulator");
  assert.equal(needsCouncil(valid, true), true, "any edit (updateOrganisation)");
});
