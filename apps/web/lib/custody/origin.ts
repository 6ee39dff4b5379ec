/** The origin people reach this app at, from the request's Host header (as the Digital Link resolver does). */
export function requestOrigin(headers: Headers, url?: string): string {
  const host = headers.get("host");
  const proto = url
    ? new URL(url).protocol.replace(":", "")
    : headers.get("x-forwarded-proto") === "https"
      ? "https"
      : "http";
  if (host && /^[A-Za-z0-9.\-:[\]]+$/.test(host)) return `${proto}://${host}`;
  return url ? new URL(url).origin : "http://localhost";
}
