/**
 * System clients: a system member (a secp256k1 key the server keeps, sealed) with OAuth2 client credentials (RFC
 * 6749 4.4). The client secret and every access token are kept only as their SHA-256: they are shown once and a
 * database reader cannot use them. Framework-free apart from the sealer (tests call it).
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "@tracemed/db";
import type { Sealer } from "@tracemed/config/seal";
import type { Address } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

export const SCOPES = ["capture", "query", "subscribe"] as const;
export type Scope = (typeof SCOPES)[number];

/** An access token's life: 15 minutes (a client asks again; a revocation needs no token list to expire). */
export const TOKEN_SECONDS = 900;

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const token = (prefix: string, bytes: number) => `${prefix}_${randomBytes(bytes).toString("base64url")}`;

export interface NewSystemClient {
  organisation: Address;
  label: string;
  permissions: number;
  createdBy: Address;
}

/** Creates a client (key, secret) for an organisation; returns the secret once. The member must still be added. */
export async function createSealedClient(
  db: Db,
  input: NewSystemClient,
  seal: Sealer,
): Promise<{ clientId: string; clientSecret: string; account: Address }> {
  const key = generatePrivateKey();
  const account = privateKeyToAccount(key).address;
  const clientId = `tmc_${randomBytes(12).toString("hex")}`;
  const clientSecret = token("tms", 32);
  await db.systemClient.create({
    data: {
      id: clientId,
      organisation: input.organisation.toLowerCase(),
      label: input.label,
      permissions: input.permissions,
      member: account.toLowerCase(),
      sealedKey: seal.seal(key),
      secretHash: sha256(clientSecret),
      createdBy: input.createdBy.toLowerCase(),
    },
  });
  return { clientId, clientSecret, account };
}

/** The client whose id and secret these are, unless revoked; null otherwise (no hint of which was wrong). */
export async function authenticateClient(db: Db, clientId: string, clientSecret: string) {
  const client = await db.systemClient.findUnique({ where: { id: clientId } });
  const given = Buffer.from(sha256(clientSecret), "hex");
  const kept = Buffer.from(client?.secretHash ?? "00".repeat(32), "hex");
  const same = timingSafeEqual(given, kept);
  return client && same && !client.revokedAt ? client : null;
}

/** A new opaque access token for `clientId` with `scopes`, kept as its hash. */
export async function issueToken(db: Db, clientId: string, scopes: readonly Scope[], now = new Date()) {
  const accessToken = token("tmat", 32);
  // The client's expired tokens go as it asks for a new one: the table holds what can still be used.
  await db.machineToken.deleteMany({ where: { clientId, expiresAt: { lte: now } } });
  await db.machineToken.create({
    data: {
      tokenHash: sha256(accessToken),
      clientId,
      scope: scopes.join(" "),
      issuedAt: now,
      expiresAt: new Date(now.getTime() + TOKEN_SECONDS * 1000),
    },
  });
  return {
    access_token: accessToken,
    token_type: "Bearer" as const,
    expires_in: TOKEN_SECONDS,
    scope: scopes.join(" "),
  };
}

/** The client and scopes of a bearer token that is known, unexpired and of an unrevoked client; else null. */
export async function tokenClient(db: Db, accessToken: string, now = new Date()) {
  const row = await db.machineToken.findUnique({
    where: { tokenHash: sha256(accessToken) },
    include: { client: true },
  });
  if (!row || row.expiresAt <= now || row.client.revokedAt) return null;
  return { client: row.client, scopes: row.scope.split(" ") as Scope[] };
}

/** Revokes a client of `organisation`: its tokens are deleted and it gets no new one. false: no such client. */
export async function revokeSystemClient(db: Db, organisation: string, clientId: string): Promise<boolean> {
  const { count } = await db.systemClient.updateMany({
    where: { id: clientId, organisation: organisation.toLowerCase(), revokedAt: null },
    data: { revokedAt: new Date() },
  });
  await db.machineToken.deleteMany({ where: { clientId, client: { organisation: organisation.toLowerCase() } } });
  return count === 1;
}
