import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { ROLE, roleNames, type RoleName } from "@tracemed/chain";
import { cookies } from "next/headers";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { DomainError } from "@tracemed/errors";
import { LOCALE_COOKIE, negotiateLocale, type Locale } from "@/lib/i18n/locales";
import { statusGuard } from "@/lib/verification";
import { memberOrganisation, memberRemovedRefusal, permissionRefusal } from "./membership";
import { organisationRefusal } from "./organisationStatus";
import type { PermitName } from "./permits";
import { SESSION_SECONDS } from "./signInMessage";
import { readSession, SESSION_COOKIE, signSession, type SessionClaims } from "./token";

let secret: Promise<Buffer> | undefined;

/**
 * The key that signs session cookies: SESSION_SECRET, else `session.key` next to the PIN keys
 * (created once, so every web process on this host and every restart agree).
 */
export function sessionSecret(): Promise<Buffer> {
  secret ??= (async () => {
    if (env.SESSION_SECRET) return Buffer.from(env.SESSION_SECRET, "utf8");
    const file = path.resolve(env.PIN_KEYS_DIR, "session.key");
    const existing = await readFile(file, "utf8").catch(() => "");
    if (/^[0-9a-f]{64}$/.test(existing.trim())) return Buffer.from(existing.trim(), "hex");
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    const fresh = randomBytes(32).toString("hex");
    await writeFile(file, fresh, { mode: 0o600, flag: "wx" }).catch(() => undefined);
    return Buffer.from((await readFile(file, "utf8")).trim(), "hex");
  })();
  return secret;
}

export interface StaffOrganisation {
  account: string;
  name: string;
  roles: number;
  roleNames: RoleName[];
  gln: string;
  country: string;
  suspended: boolean;
  /** GS1 company prefixes the regulator assigned (a manufacturer registers GTINs under them) */
  companyPrefixes: string[];
  /** the member who signed in (claims.account) and its permission bits in this organisation */
  member: { account: string; permissions: number };
}

export interface StaffSession {
  /** `account`: the member who signed in (not the organisation's id) */
  claims: SessionClaims;
  /** null when the account is no member, or its organisation is not (or not yet) indexed. */
  organisation: StaffOrganisation | null;
  /** true when the account is no member of any organisation any more (an administrator removed its key) */
  removed: boolean;
}

/**
 * The session a cookie value stands for, with its organisation as the database holds it now (read
 * for every request, no cache: a suspension the indexer projected is enforced on the next request).
 * null when nobody signed in (or the cookie is not ours, or for another chain).
 */
async function sessionOfToken(token: string | undefined): Promise<StaffSession | null> {
  const claims = readSession(token, await sessionSecret());
  if (!claims || claims.chainId !== env.CHAIN_ID) return null;
  // While the indexed data is behind the chain (or an organisation event is quarantined), the ledger's word on
  // the membership and the organisation's suspension and roles: a removed key or a suspension reaches every
  // staff route even when the indexer stops.
  const guard = await statusGuard();
  const { membership, organisation: org } = await memberOrganisation(db(), claims.account, {
    member: guard?.confirmMember,
    organisation: guard?.confirmOrganisation,
  });
  return {
    claims,
    removed: membership === null,
    organisation:
      org && membership
        ? {
            account: org.account,
            name: org.name,
            roles: org.roles,
            roleNames: roleNames(org.roles),
            gln: org.gln,
            country: org.country,
            suspended: org.suspended,
            companyPrefixes: org.companyPrefixes,
            member: { account: membership.account, permissions: membership.permissions },
          }
        : null,
  };
}

/** Who is asking, from the session cookie (pages and layouts); null when nobody signed in. */
export async function getSession(): Promise<StaffSession | null> {
  return sessionOfToken((await cookies()).get(SESSION_COOKIE)?.value);
}

/** One cookie of a request's Cookie header (route handlers read the request they are given). */
function requestCookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The session of a route handler's request. */
export function requestSession(request: Request): Promise<StaffSession | null> {
  return sessionOfToken(requestCookie(request, SESSION_COOKIE));
}

/** The reader's language for a route handler's refusals (language cookie, then Accept-Language). */
export function requestLocale(request: Request): Locale {
  return negotiateLocale(requestCookie(request, LOCALE_COOKIE), request.headers.get("accept-language"));
}

/** Every organisation role: for what any active organisation of the network may use. */
export const ANY_ORGANISATION: RoleName[] = ["REGULATOR", "MANUFACTURER", "DISTRIBUTOR", "PHARMACY", "VERIFIER"];

const maskOf = (roles: RoleName | RoleName[]) =>
  (Array.isArray(roles) ? roles : [roles]).reduce((mask, r) => mask | ROLE[r], 0);

/**
 * The one guard of every staff route: the signed-in member's organisation, active now and holding one of
 * `roles` (and the member holding `permit`, when given), else a 401 (nobody signed in), or a 403 in the API
 * error contract: MemberRemoved (the key was removed, judged now, not at sign-in), OrganisationUnknown,
 * OrganisationSuspended (judged on the organisation's current row), RoleRequired, PermissionRequired.
 */
export async function requireOrganisation(
  request: Request,
  roles: RoleName | RoleName[],
  permit?: PermitName,
): Promise<StaffOrganisation> {
  const session = await requestSession(request);
  if (!session) throw new DomainError("SignInRequired", "Sign in with your organisation's wallet first.");
  const locale = requestLocale(request);
  if (session.removed) throw memberRemovedRefusal(locale);
  const org = session.organisation;
  const refusal = organisationRefusal(org, locale);
  if (refusal || !org) throw refusal;
  if ((org.roles & maskOf(roles)) === 0) {
    const names = (Array.isArray(roles) ? roles : [roles]).map((r) => r.toLowerCase()).join(" or ");
    throw new DomainError(
      "RoleRequired",
      `Only an organisation with the ${names} role may do this; ${org.name} does not have it.`,
    );
  }
  const missing = permit ? permissionRefusal(org.member, permit, org.name, locale) : null;
  if (missing) throw missing;
  return org;
}

export async function setSessionCookie(claims: SessionClaims): Promise<void> {
  const jar = await cookies();
  jar.set(SESSION_COOKIE, signSession(claims, await sessionSecret()), {
    httpOnly: true,
    sameSite: "lax",
    // Follows the configured public origin, not a header a client or proxy may set.
    secure: env.PUBLIC_ORIGIN.secure,
    path: "/",
    maxAge: Math.max(0, Math.min(SESSION_SECONDS, claims.expiresAt - Math.floor(Date.now() / 1000))),
  });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

/**
 * For staff pages (the same rule as requireOrganisation): the session and, when its organisation is
 * active now and holds one of `roles`, the organisation. Render <SignInNotice role session /> when
 * `organisation` is null: it says why (signed out, unknown, suspended, or another role).
 */
export async function pageStaff(
  roles: RoleName | RoleName[],
): Promise<{ session: StaffSession | null; organisation: StaffOrganisation | null }> {
  const session = await getSession();
  const org = session?.organisation ?? null;
  const allowed = org !== null && !session?.removed && !org.suspended && (org.roles & maskOf(roles)) !== 0;
  return { session, organisation: allowed ? org : null };
}
