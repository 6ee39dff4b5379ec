/**
 * The onboarding / edit form's input, checked the way the ledger will check it (so a refusal is a
 * sentence before anything is signed) and turned into the contract's arguments. Browser-safe.
 */
import { ROLE, countryToBytes2, type RoleName } from "@tracemed/chain";
import { gs1CheckDigit } from "@tracemed/codes/browser";

export interface OrganisationDraft {
  account: string;
  name: string;
  roles: RoleName[];
  gln: string;
  country: string;
}

export type OrganisationField = keyof OrganisationDraft;

/** A field's problem: a message key of `regulator.organisations.errors`, with its values. */
export interface FieldProblem {
  key: "account" | "name" | "roles" | "gln" | "glnCheck" | "country";
  vars?: Record<string, string | number>;
}

export type OrganisationArgs = readonly [`0x${string}`, number, bigint, `0x${string}`, string];

/** Problems by field (empty when the draft is valid). */
export function checkOrganisation(d: OrganisationDraft): Partial<Record<OrganisationField, FieldProblem>> {
  const problems: Partial<Record<OrganisationField, FieldProblem>> = {};
  if (!/^0x[0-9a-fA-F]{40}$/.test(d.account.trim()) || /^0x0{40}$/.test(d.account.trim()))
    problems.account = { key: "account" };
  const nameBytes = new TextEncoder().encode(d.name.trim()).length;
  if (nameBytes < 1 || nameBytes > 128) problems.name = { key: "name" };
  if (d.roles.length === 0) problems.roles = { key: "roles" };
  const gln = d.gln.replace(/\s/g, "");
  if (!/^[0-9]{13}$/.test(gln)) problems.gln = { key: "gln" };
  else {
    const expected = gs1CheckDigit(gln.slice(0, 12));
    if (Number(gln[12]) !== expected || /^0+$/.test(gln)) problems.gln = { key: "glnCheck", vars: { digit: expected } };
  }
  if (!/^[A-Za-z]{2}$/.test(d.country.trim())) problems.country = { key: "country" };
  return problems;
}

/** The arguments of onboard / updateOrganisation: (account, roles, gln, country, name). */
export function organisationArgs(d: OrganisationDraft): OrganisationArgs {
  const roles = d.roles.reduce((bits, r) => bits | ROLE[r], 0);
  return [
    d.account.trim().toLowerCase() as `0x${string}`,
    roles,
    BigInt(d.gln.replace(/\s/g, "")),
    countryToBytes2(d.country.trim().toUpperCase()),
    d.name.trim(),
  ] as const;
}
