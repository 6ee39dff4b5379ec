/**
 * The one public origin of this deployment (`PUBLIC_ORIGIN`, e.g. `https://trace.example.org`): what a
 * sign-in message must name, and the base of every absolute link the app writes (Digital Link
 * redirects and linksets, SSCC labels, pack labels, EPCIS identifiers). It is configured, never taken
 * from a request: Host and X-Forwarded-Host are whatever the client (or a phishing page replaying a
 * signature) chose to send. Framework-free, so the front (apps/verify), the scripts and the tests
 * read it the same way.
 */

/**
 * What `npm start` serves on when WEB_PORT is not set (and so the default public origin). A name, not
 * 127.0.0.1: a passkey's relying party must be a domain name (browsers refuse an IP address).
 */
export const DEFAULT_PUBLIC_ORIGIN = "http://localhost:3000";

/** Whether passkeys can work on `origin`: its host is a name (browsers refuse an IP address as the RP ID). */
export function passkeysPossible(origin: string): boolean {
  const host = new URL(origin).hostname;
  return !/^\d+\.\d+\.\d+\.\d+$/.test(host) && !host.startsWith("[");
}

export interface PublicOrigin {
  /** `scheme://host[:port]`, without a trailing slash */
  origin: string;
  /** `host[:port]` as a sign-in message's domain names it */
  host: string;
  /** whether cookies must be Secure (the origin is https) */
  secure: boolean;
}

/**
 * Validates PUBLIC_ORIGIN: an http(s) origin only (no user, path, query or fragment), so that links
 * built on it are exactly `origin + path`. Throws a sentence naming what is wrong.
 */
export function parsePublicOrigin(value: string): PublicOrigin {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_ORIGIN must be a URL such as https://trace.example.org, not "${value}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new Error(`PUBLIC_ORIGIN must use https (or http for a local start), not ${url.protocol}`);
  if (url.username || url.password) throw new Error("PUBLIC_ORIGIN must not carry a user name or password");
  // `new URL` turns "https://a.org" into "https://a.org/": a bare "/" is no path, anything else is.
  if (url.pathname !== "/" || url.search || url.hash || /[?#]/.test(value))
    throw new Error(`PUBLIC_ORIGIN must be an origin only (scheme, host, port): "${value}" has a path or query`);
  return { origin: url.origin, host: url.host, secure: url.protocol === "https:" };
}
