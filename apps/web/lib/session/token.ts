import { createHmac, timingSafeEqual } from "node:crypto";

/** What a staff session cookie says: which account signed in, on which chain, until when. */
export interface SessionClaims {
  account: `0x${string}`; /// lower-case
  chainId: number;
  issuedAt: number; /// unix seconds
  expiresAt: number; /// unix seconds
  /** "passkey": signed in with a passkey (its writes go through the relayer); absent: a wallet (EIP-4361) */
  method?: "passkey";
  /** the passkey's credential id (base64url), for a passkey session: the one its writes must be signed with */
  credentialId?: string;
}

export const SESSION_COOKIE = "tm_session";

const b64 = (buf: Buffer | string) => Buffer.from(buf).toString("base64url");
const mac = (secret: Buffer, body: string) =>
  createHmac("sha256", secret).update(`tracemed:session:v1:${body}`).digest();

/** `<claims>.<HMAC>`: tamper-evident, so the server needs no session table. */
export function signSession(claims: SessionClaims, secret: Buffer): string {
  const body = b64(JSON.stringify(claims));
  return `${body}.${b64(mac(secret, body))}`;
}

/** The claims of a valid, unexpired token; null for anything forged, edited, expired or malformed. */
export function readSession(token: string | undefined, secret: Buffer, now = Date.now()): SessionClaims | null {
  if (!token || token.length > 1024) return null;
  const [body, sig, extra] = token.split(".");
  if (!body || !sig || extra !== undefined) return null;
  const expected = mac(secret, body);
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as SessionClaims;
    if (!/^0x[0-9a-f]{40}$/.test(claims.account) || !Number.isInteger(claims.chainId)) return null;
    if (!(claims.expiresAt * 1000 > now)) return null;
    if (claims.method !== undefined && (claims.method !== "passkey" || typeof claims.credentialId !== "string"))
      return null;
    return claims;
  } catch {
    return null;
  }
}
