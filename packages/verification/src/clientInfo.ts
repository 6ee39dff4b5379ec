import { hash } from "node:crypto";

/** Request headers by lower-case name: a fetch `Headers`, or a node:http request's through `nodeHeaders`. */
export interface HeaderSource {
  get(name: string): string | null | undefined;
}

/** node:http's header object as a HeaderSource, without copying it into a `Headers` (costly per request). */
export const nodeHeaders = (headers: Record<string, string | string[] | undefined>): HeaderSource => ({
  get: (name) => {
    const v = headers[name];
    return typeof v === "string" ? v : undefined;
  },
});

/** The client's address as the nearest proxy reports it (first x-forwarded-for hop), else "unknown". */
export function clientAddress(headers: HeaderSource): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}

/**
 * The client's address as the proxy in front (TRUST_PROXY=1) reports it in `header`, the one header
 * configured (TRUST_PROXY_HEADER), and in no other. In X-Forwarded-For that is the last hop, the one
 * the proxy appended: the hops before it are whatever the client sent.
 */
export function proxiedClientAddress(headers: HeaderSource, header: string): string | undefined {
  const hops = (headers.get(header) ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  return header === "x-forwarded-for" ? hops.at(-1) : hops[0];
}

/** A salted hash of the client address: enough to see bursts from one client, not enough to identify it. */
export function clientHash(address: string, salt: string): string {
  return hash("sha256", salt + address, "hex").slice(0, 16);
}
