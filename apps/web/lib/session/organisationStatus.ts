/**
 * Whether an organisation may act now: the one rule behind sign-in and every staff route and page.
 * It is judged on the organisation's row as the indexer last projected it (OrganisationSuspended,
 * OrganisationReinstated, ...), read afresh for every request, never on what was true at sign-in:
 * a suspension reaches every session as soon as it is indexed; while the indexed data is behind the
 * chain, the ledger's own word is laid over that row (withStanding). Framework-free (tests call it).
 */
import { ApiError } from "@/lib/http";
import { fmt, type Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import type { OrganisationStanding } from "@tracemed/verification/chainStatus";

/**
 * The organisation's row with the ledger's word on its roles and suspension laid over it, when there is
 * one (verify/chainStatus.ts gives it while the indexed data is stale); an account the ledger gives no
 * role any more counts as suspended.
 */
export function withStanding<T extends { roles: number; suspended: boolean }>(
  row: T | null,
  onChain: OrganisationStanding | undefined,
): T | null {
  if (!row || !onChain) return row;
  return { ...row, roles: onChain.roles, suspended: onChain.suspended || onChain.roles === 0 };
}

export type OrganisationRefusalCode = "OrganisationSuspended" | "OrganisationUnknown";

/**
 * The refusal for an account whose organisation is unknown to the network (not onboarded, or not yet
 * indexed) or suspended; null when it may act. A 403 with the sentence in the reader's language.
 */
export function organisationRefusal(org: { name: string; suspended: boolean } | null, locale: Locale): ApiError | null {
  const code: OrganisationRefusalCode | null = !org
    ? "OrganisationUnknown"
    : org.suspended
      ? "OrganisationSuspended"
      : null;
  if (!code) return null;
  return new ApiError(403, code, organisationRefusalSentence(code, org?.name ?? "", locale));
}

export function organisationRefusalSentence(code: OrganisationRefusalCode, name: string, locale: Locale): string {
  return fmt(messagesFor(locale).common.staffRefused[code], { name });
}
