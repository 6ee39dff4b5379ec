/**
 * Which organisation a signed-in account acts for, and with which permissions: the one rule behind
 * sign-in, every staff route and every staff page. An account is a member of at most one organisation
 * (the ledger's `member(account)`); the database's `Member` row is the indexer's projection of it, read
 * afresh for every request. While the indexed data is behind the chain, the ledger's own word wins
 * (as for a suspension): a removed key is refused on the very next request even when the indexer has
 * stopped. Framework-free (tests call it).
 */
import type { MemberStanding } from "@tracemed/chain";
import type { Db } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";
import { fmt, type Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import type { OrganisationStanding } from "@tracemed/verification/chainStatus";
import { holds, type PermitName } from "./permits";
import { withStanding } from "./organisationStatus";

/** A member as the session carries it: the account that signed in and its permission bits. */
export interface Membership {
  /** the organisation's id (lower-case), its founding admin's address */
  organisation: string;
  account: string;
  permissions: number;
}

const ZERO = /^0x0{40}$/i;

/**
 * The membership of `account`: the indexed `Member` row, with the ledger's word laid over it when
 * `onChain` gives one (undefined while the indexed data is fresh or the chain cannot be read). null: the
 * account is no member (never was, or was removed).
 */
export async function resolveMembership(
  db: Pick<Db, "member">,
  account: string,
  onChain?: (account: string) => Promise<MemberStanding | undefined>,
): Promise<Membership | null> {
  const key = account.toLowerCase();
  const [row, chain] = await Promise.all([
    db.member.findUnique({ where: { account: key }, select: { organisation: true, permissions: true } }),
    onChain?.(key) ?? Promise.resolve(undefined),
  ]);
  if (chain) {
    if (ZERO.test(chain.organisation) || chain.permissions === 0) return null;
    return { organisation: chain.organisation.toLowerCase(), account: key, permissions: chain.permissions };
  }
  return row ? { organisation: row.organisation.toLowerCase(), account: key, permissions: row.permissions } : null;
}

/** The refusal of a session whose account is no member any more (a removed key): a 403, at once. */
export function memberRemovedRefusal(locale: Locale): DomainError {
  return new DomainError("MemberRemoved", messagesFor(locale).org.refused.MemberRemoved);
}

/**
 * The refusal of a member who lacks `permit` (the organisation's role is there, the key's permission is
 * not); null when it holds it.
 */
export function permissionRefusal(
  member: { permissions: number },
  permit: PermitName,
  organisationName: string,
  locale: Locale,
): DomainError | null {
  if (holds(member.permissions, permit)) return null;
  const m = messagesFor(locale).org;
  return new DomainError(
    "PermissionRequired",
    fmt(m.refused.PermissionRequired, { name: organisationName, permit: m.permits[permit] }),
  );
}

/** The ledger's word while the indexed data may be behind it (verify/chainStatus.ts); undefined: the rows stand. */
export interface LedgerWord {
  member?: (account: string) => Promise<MemberStanding | undefined>;
  organisation?: (account: string) => Promise<OrganisationStanding | undefined>;
}

/**
 * The account's membership and its organisation's row (with the ledger's standing laid over it): what a
 * session acts as. `membership` null: no member (never was, or removed); `organisation` null besides: the
 * organisation is not indexed yet.
 */
export async function memberOrganisation(
  db: Pick<Db, "member" | "organisation">,
  account: string,
  ledger: LedgerWord = {},
) {
  const membership = await resolveMembership(db, account, ledger.member);
  if (!membership) return { membership, organisation: null };
  const row = await db.organisation.findUnique({ where: { account: membership.organisation } });
  const onChain = row ? await ledger.organisation?.(row.account) : undefined;
  return { membership, organisation: withStanding(row, onChain) };
}
