import "server-only";
/**
 * Who calls the machine APIs (EPCIS capture and query, subscriptions): a system client with a bearer token, or a
 * staff session (queries only). Judged on every call, never on what was true when the token was issued: a system
 * member an admin removed, or an organisation the council suspended, is refused on its next request. Every machine
 * request is rate-limited per client and leaves an audit row.
 */
import type { Db } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";
import type { Address, LocalAccount } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { db } from "@/lib/db";
import { ERRORS, errorSentence } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import type { Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import { memberOrganisation } from "@/lib/session/membership";
import { organisationRefusal } from "@/lib/session/organisationStatus";
import { requestLocale, requestSession } from "@/lib/session/server";
import { statusGuard } from "@/lib/verification";
import { auditRequest } from "./audit";
import { createSealedClient, tokenClient, type NewSystemClient, type Scope } from "./clients";
import { systemSealer } from "./keys";
import { MACHINE_LIMITS } from "./limits";

export interface EpcisCaller {
  kind: "machine" | "staff";
  organisation: Address;
  roles: number;
  member: Address;
  permissions: number;
  clientId: string | null;
  locale: Locale;
}

/** The audit row of each admitted machine request, so the route's final status can be written to it. */
const audited = new WeakMap<Request, string>();

const refusal = (code: keyof typeof ERRORS & DomainError["code"], locale: Locale, retryAfterSeconds?: number) =>
  new DomainError(
    code,
    errorSentence(messagesFor(locale), code),
    retryAfterSeconds === undefined ? {} : { retryAfterSeconds },
  );

/** The bearer token of a request, or null when it names none. */
function bearerToken(request: Request): string | null {
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,200})\s*$/i.exec(request.headers.get("authorization") ?? "");
  return m?.[1] ?? null;
}

/** The membership of a system member as the ledger (or its fresh projection) holds it now, and its organisation. */
export async function activeSystemMember(database: Db, client: { member: string; organisation: string }) {
  const guard = await statusGuard();
  const { membership, organisation } = await memberOrganisation(database, client.member, {
    member: guard?.confirmMember,
    organisation: guard?.confirmOrganisation,
  });
  const member = membership && membership.organisation === client.organisation ? membership : null;
  return { membership: member, organisation: member ? organisation : null };
}

async function machineCaller(
  request: Request,
  token: string,
  scope: Scope,
  locale: Locale,
  pace: Scope,
): Promise<EpcisCaller> {
  const database = db();
  const found = await tokenClient(database, token);
  const refuse = async (error: DomainError, client: { id: string; organisation: string } | null) => {
    await auditRequest(database, request, {
      clientId: client?.id ?? null,
      organisation: client?.organisation ?? null,
      status: ERRORS[error.code].status,
    });
    return error;
  };
  if (!found) throw await refuse(refusal("MachineTokenInvalid", locale), null);
  const { client, scopes } = found;
  const wait = MACHINE_LIMITS[pace].take(client.id);
  if (wait > 0) throw await refuse(refusal("MachineRateLimited", locale, wait), client);
  if (!scopes.includes(scope)) throw await refuse(refusal("MachineScopeRequired", locale), client);
  const { membership, organisation } = await activeSystemMember(database, client);
  if (!membership) throw await refuse(refusal("SystemMemberInactive", locale), client);
  const orgRefusal = organisationRefusal(organisation, locale);
  if (orgRefusal || !organisation) throw await refuse(orgRefusal!, client);
  audited.set(
    request,
    await auditRequest(database, request, { clientId: client.id, organisation: client.organisation, status: 200 }),
  );
  await database.systemClient
    .update({ where: { id: client.id }, data: { lastUsedAt: new Date() } })
    .catch(() => undefined);
  return {
    kind: "machine",
    organisation: organisation.account as Address,
    roles: organisation.roles,
    member: membership.account as Address,
    permissions: membership.permissions,
    clientId: client.id,
    locale,
  };
}

/**
 * Bearer token (machine) or staff session; checks the member and organisation on chain/DB every call (removed,
 * suspended: refused), applies the rate limit, writes the audit row. 401/403/429 as DomainErrors. Staff sessions
 * may query; capturing and subscribing need a system client. `pace`: the limit the call counts against (a capture
 * job's status is read at the query pace, so that polling it never uses up the client's captures).
 */
export async function requireEpcisCaller(request: Request, scope: Scope, pace: Scope = scope): Promise<EpcisCaller> {
  const locale = requestLocale(request);
  const token = bearerToken(request);
  if (token) return machineCaller(request, token, scope, locale, pace);
  if (request.headers.get("authorization")) throw refusal("MachineTokenInvalid", locale);
  const session = await requestSession(request);
  if (!session) throw refusal("MachineTokenInvalid", locale);
  if (scope !== "query") throw refusal("MachineClientRequired", locale);
  if (session.removed) throw new DomainError("MemberRemoved", messagesFor(locale).org.refused.MemberRemoved);
  const org = session.organisation;
  const orgRefusal = organisationRefusal(org, locale);
  if (orgRefusal || !org) throw orgRefusal;
  const wait = MACHINE_LIMITS.query.take(`staff:${org.member.account}`);
  if (wait > 0) throw refusal("MachineRateLimited", locale, wait);
  return {
    kind: "staff",
    organisation: org.account as Address,
    roles: org.roles,
    member: org.member.account as Address,
    permissions: org.member.permissions,
    clientId: null,
    locale,
  };
}

/** The system member's key (machine callers only). */
export async function systemAccountFor(caller: EpcisCaller): Promise<LocalAccount> {
  if (caller.kind !== "machine" || !caller.clientId) throw refusal("MachineClientRequired", caller.locale);
  const client = await db().systemClient.findUnique({ where: { id: caller.clientId } });
  if (!client || client.revokedAt) throw refusal("MachineTokenInvalid", caller.locale);
  return privateKeyToAccount(systemSealer().open(client.sealedKey) as `0x${string}`);
}

/** For tests and the demo seed: create a client (key, secret) for an organisation; returns the secret once. */
export async function createSystemClient(
  database: Db,
  input: NewSystemClient,
): Promise<{ clientId: string; clientSecret: string; account: Address }> {
  return createSealedClient(database, input, systemSealer());
}

/**
 * A machine API route: `handler`'s error contract (a 401 with `WWW-Authenticate: Bearer`), and the route's final
 * status written to the request's audit row (requireEpcisCaller wrote it as 200 when it admitted the caller).
 */
export function machineRoute<C>(fn: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    let response: Response;
    try {
      response = await fn(request, context);
    } catch (error) {
      response = errorResponse(error);
    }
    // RFC 6750 3: a refused or missing bearer token is answered with the scheme to use.
    if (response.status === 401 && !response.headers.has("www-authenticate"))
      response.headers.set("www-authenticate", 'Bearer realm="TraceMed"');
    const id = audited.get(request);
    if (id && response.status !== 200)
      await db()
        .machineAudit.update({ where: { id }, data: { status: response.status } })
        .catch(() => undefined);
    return response;
  };
}
