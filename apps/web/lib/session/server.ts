import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { ROLE, roleNames, type RoleName } from "@tracemed/chain";
import { cookies } from "next/headers";
import { db } from "../db";
import { env } from "../env";
import { ApiError } from "../http";
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
}

export interface StaffSession {
  claims: SessionClaims;
  /** null when the account is not (or not yet indexed as) an organisation of the network. */
  organisation: StaffOrganisation | null;
}

/** Who is asking, from the session cookie; null when nobody signed in (or the cookie is not ours). */
export async function getSession(): Promise<StaffSession | null> {
  const jar = await cookies();
  const claims = readSession(jar.get(SESSION_COOKIE)?.value, await sessionSecret());
  if (!claims || claims.chainId !== env.CHAIN_ID) return null;
  const org = await db().organisation.findUnique({ where: { account: claims.account } });
  return {
    claims,
    organisation: org
      ? {
          account: org.account,
          name: org.name,
          roles: org.roles,
          roleNames: roleNames(org.roles),
          gln: org.gln,
          country: org.country,
          suspended: org.suspended,
          companyPrefixes: org.companyPrefixes,
        }
      : null,
  };
}

/**
 * For routes that act for an organisation: the signed-in organisation holding `role`, else a 401
 * (nobody signed in) or 403 (signed in without that role) in the API error contract.
 */
export async function requireOrganisation(role: RoleName): Promise<StaffOrganisation> {
  const session = await getSession();
  if (!session) throw new ApiError(401, "SignInRequired", "Sign in with your organisation's wallet first.");
  const org = session.organisation;
  if (!org || (org.roles & ROLE[role]) === 0)
    throw new ApiError(
      403,
      "RoleRequired",
      `Only an organisation with the ${role.toLowerCase()} role may do this${org ? `; ${org.name} does not have it` : ""}.`,
    );
  return org;
}

export async function setSessionCookie(claims: SessionClaims, secure: boolean): Promise<void> {
  const jar = await cookies();
  jar.set(SESSION_COOKIE, signSession(claims, await sessionSecret()), {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: Math.max(0, Math.min(SESSION_SECONDS, claims.expiresAt - Math.floor(Date.now() / 1000))),
  });
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

/**
 * For staff pages: the session and, when it holds `role`, the organisation. Render
 * <SignInNotice role session /> when `organisation` is null.
 */
export async function pageStaff(
  role: RoleName,
): Promise<{ session: StaffSession | null; organisation: StaffOrganisation | null }> {
  const session = await getSession();
  const org = session?.organisation ?? null;
  return { session, organisation: org && (org.roles & ROLE[role]) !== 0 ? org : null };
}
