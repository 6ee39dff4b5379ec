/**
 * The onboarding / edit form's input, checked the way the ledger will check it (so a refusal is a
 * sentence before anything is signed) and turned into the contract's arguments. Browser-safe.
 */
import { ROLE, countryToBytes2, custodyLedgerAbi, type RoleName } from "@tracemed/chain";
import { checkLedgerText, isCompanyPrefix, MAX_NAME_BYTES, oneLine, readKeyInput } from "@tracemed/codes/browser";
import { readAddressInput } from "@/lib/inputs/address";
import { encodeFunctionData, type Hex } from "viem";

export interface OrganisationDraft {
  account: string;
  name: string;
  roles: RoleName[];
  gln: string;
  country: string;
  /** GS1 company prefixes as typed: separated by commas or spaces */
  prefixes: string;
}

export type OrganisationField = keyof OrganisationDraft;

/** A field's problem: a message key of `regulator.organisations.errors`, with its values. */
export interface FieldProblem {
  key:
    | "account"
    | "name"
    | "nameCharacter"
    | "roles"
    | "gln"
    | "glnCheck"
    | "country"
    | "prefix"
    | "prefixCount"
    | "prefixRepeated"
    | "prefixNested"
    | "prefixRole"
    | "prefixTaken"
    | "prefixUnder"
    | "prefixOver";
  vars?: Record<string, string | number>;
}

/** Another organisation's company prefixes, as the database indexed them. */
export interface PrefixHolder {
  account: string;
  name: string;
  companyPrefixes: readonly string[];
}

export type OrganisationArgs = readonly [`0x${string}`, number, bigint, `0x${string}`, string];

/** The ledger's limits (OrganisationRegistry.setCompanyPrefixes). */
export const MAX_PREFIXES = 3;

/** The prefixes typed in the form, in order: commas (also "，" and "、") or spaces separate them. */
export function parsePrefixes(text: string): string[] {
  return text.split(/[\s,，、]+/).filter(Boolean);
}

/**
 * Problems by field (empty when the draft is valid). `holders` are the network's organisations
 * with their indexed prefixes: a prefix equal to, under or over another organisation's is refused,
 * as the ledger refuses it (OrgPrefixHeld, OrgPrefixCovers), but here with that organisation's name;
 * so is one typed prefix nested in another of the same list.
 */
export function checkOrganisation(
  d: OrganisationDraft,
  holders: readonly PrefixHolder[] = [],
): Partial<Record<OrganisationField, FieldProblem>> {
  const problems: Partial<Record<OrganisationField, FieldProblem>> = {};
  if (readAddressInput(d.account).status !== "valid") problems.account = { key: "account" };
  const name = checkLedgerText(oneLine(d.name), MAX_NAME_BYTES);
  if (name?.problem === "character") {
    problems.name = { key: "nameCharacter", vars: { position: name.character.character, char: name.character.label } };
  } else if (name) problems.name = { key: "name" };
  if (d.roles.length === 0) problems.roles = { key: "roles" };
  const gln = readKeyInput(d.gln, [13]);
  if (gln.status === "wrong_check_digit") problems.gln = { key: "glnCheck", vars: { digit: Number(gln.expected) } };
  else if (gln.status !== "valid") problems.gln = { key: "gln" };
  else if (/^0+$/.test(gln.key)) problems.gln = { key: "glnCheck", vars: { digit: 0 } };
  if (!/^[A-Za-z]{2}$/.test(d.country.trim())) problems.country = { key: "country" };
  const prefixes = checkPrefixes(d, holders);
  if (prefixes) problems.prefixes = prefixes;
  return problems;
}

function checkPrefixes(d: OrganisationDraft, holders: readonly PrefixHolder[]): FieldProblem | undefined {
  const prefixes = parsePrefixes(d.prefixes);
  if (prefixes.length === 0) return undefined;
  if (!d.roles.includes("MANUFACTURER")) return { key: "prefixRole" };
  if (prefixes.length > MAX_PREFIXES) return { key: "prefixCount", vars: { max: MAX_PREFIXES } };
  const bad = prefixes.find((p) => !isCompanyPrefix(p));
  if (bad !== undefined) return { key: "prefix", vars: { prefix: bad } };
  const repeated = prefixes.find((p, i) => prefixes.indexOf(p) !== i);
  if (repeated !== undefined) return { key: "prefixRepeated", vars: { prefix: repeated } };
  for (const prefix of prefixes) {
    const over = prefixes.find((other) => other !== prefix && other.startsWith(prefix));
    if (over !== undefined) return { key: "prefixNested", vars: { prefix, other: over } };
  }
  const self = d.account.trim().toLowerCase();
  for (const prefix of prefixes)
    for (const h of holders) {
      if (h.account.toLowerCase() === self) continue;
      for (const other of h.companyPrefixes) {
        const vars = { prefix, other, name: h.name };
        if (prefix === other) return { key: "prefixTaken", vars };
        if (prefix.startsWith(other)) return { key: "prefixUnder", vars };
        if (other.startsWith(prefix)) return { key: "prefixOver", vars };
      }
    }
  return undefined;
}

/** The arguments of onboard / updateOrganisation: (account, roles, gln, country, name). */
export function organisationArgs(d: OrganisationDraft): OrganisationArgs {
  const roles = d.roles.reduce((bits, r) => bits | ROLE[r], 0);
  return [
    d.account.trim().toLowerCase() as `0x${string}`,
    roles,
    BigInt(d.gln.replace(/[\s-]/g, "")),
    countryToBytes2(d.country.trim().toUpperCase()),
    oneLine(d.name),
  ] as const;
}

/** The one transaction a valid draft becomes: the organisation alone, or with its prefixes. */
export type OrganisationWrite =
  | { functionName: "onboard" | "updateOrganisation"; args: OrganisationArgs }
  | { functionName: "multicall"; args: readonly [readonly Hex[]] };

/**
 * What the form signs for a valid draft. Onboarding: `onboard`, or `multicall([onboard,
 * setCompanyPrefixes])` when prefixes are given. Editing (`before`: the organisation's indexed
 * prefixes): `updateOrganisation`, with `setCompanyPrefixes` in the same multicall when the set of
 * prefixes changed. The prefixes are set after the update when the organisation is (now) a
 * manufacturer, since the ledger sets them only on a manufacturer; they are cleared before the
 * update that takes the role away, for the same reason.
 */
export function organisationWrite(
  d: OrganisationDraft,
  before?: { companyPrefixes: readonly string[] },
): OrganisationWrite {
  const args = organisationArgs(d);
  const functionName = before ? "updateOrganisation" : "onboard";
  const prefixes = parsePrefixes(d.prefixes);
  const previous = before?.companyPrefixes ?? [];
  const changed = [...new Set(prefixes)].sort().join() !== [...previous].sort().join();
  if (!changed) return { functionName, args };
  const organisation = encodeFunctionData({ abi: custodyLedgerAbi, functionName, args });
  const setPrefixes = encodeFunctionData({
    abi: custodyLedgerAbi,
    functionName: "setCompanyPrefixes",
    args: [args[0], prefixes],
  });
  const calls = d.roles.includes("MANUFACTURER") ? [organisation, setPrefixes] : [setPrefixes, organisation];
  return { functionName: "multicall", args: [calls] };
}

/**
 * Whether a draft needs the regulator council (CustodyLedger: council-only): any edit of an organisation,
 * company prefixes (assigned or moved), and onboarding a regulator. Onboarding any other organisation
 * without prefixes is a regulator's own immediate act.
 */
export function needsCouncil(d: OrganisationDraft, editing: boolean): boolean {
  return editing || d.roles.includes("REGULATOR") || parsePrefixes(d.prefixes).length > 0;
}
