/**
 * Where a webhook may point (SSRF): https to a public address, or http to this machine's loopback only when
 * WEBHOOK_ALLOW_LOOPBACK is on (the embedded start and the tests). Private, link-local, shared, multicast and
 * reserved addresses are refused, when written in the URL and when a name resolves to them; the delivery connects
 * to the very address it checked (no second DNS answer in between).
 */
import { lookup as dnsLookup } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { isSpecialPurpose } from "@tracemed/verification/region";

export type UrlRefusal = "malformed" | "scheme" | "credentials" | "address" | "loopback";

export interface AddressPolicy {
  /** http://127.0.0.1:port/... and http://localhost/... allowed (never in production) */
  allowLoopback: boolean;
}

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** An IPv4 address written as IPv6 (::ffff:10.0.0.1, ::ffff:a00:1) as IPv4; anything else as it is. */
function unmapped(address: string): string {
  const m = /^::ffff:(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return address;
  if (m[1]) return m[1];
  const hi = parseInt(m[2]!, 16);
  const lo = parseInt(m[3]!, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join(".");
}

/** Why an IP address may not receive deliveries, or null when it may. */
export function addressRefusal(address: string, policy: AddressPolicy): UrlRefusal | null {
  const ip = unmapped(address.replace(/^\[|\]$/g, ""));
  const family = isIP(ip) === 6 ? "ipv6" : "ipv4";
  if (isIP(ip) === 0) return "address";
  if (loopback.check(ip, family)) return policy.allowLoopback ? null : "loopback";
  // NAT64 (64:ff9b::/96) carries an IPv4 address in its last 32 bits: judged as that address.
  if (family === "ipv6" && /^64:ff9b::/i.test(ip)) return "address";
  return isSpecialPurpose(ip, family) ? "address" : null;
}

/** Why `url` may not be a webhook's address, or null when it may (its name, if any, is checked at delivery). */
export function urlRefusal(url: string, policy: AddressPolicy): UrlRefusal | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return "malformed";
  }
  if (url.length > 2_000) return "malformed";
  if (u.username || u.password) return "credentials";
  const host = u.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const isLoopbackName = host === "localhost" || host.endsWith(".localhost");
  if (u.protocol === "http:") {
    if (!policy.allowLoopback) return "scheme";
    if (
      !isLoopbackName &&
      !(isIP(host) && loopback.check(unmapped(host), isIP(unmapped(host)) === 6 ? "ipv6" : "ipv4"))
    )
      return "scheme";
    return null;
  }
  if (u.protocol !== "https:") return "scheme";
  if (isLoopbackName) return policy.allowLoopback ? null : "loopback";
  return isIP(host) ? addressRefusal(host, policy) : null;
}

/** Thrown (by the connection's lookup) when a name resolves to an address deliveries may not reach. */
export class AddressRefused extends Error {
  constructor(readonly address: string) {
    super(`the receiver's address ${address} is not a public one`);
    this.name = "AddressRefused";
  }
}

/**
 * A DNS lookup for node:http(s) that answers only an address `addressRefusal` allows, so that the connection goes
 * to the address that was checked (a name re-pointed at an internal address between check and connect fails).
 */
export function checkedLookup(
  policy: AddressPolicy,
  resolve: LookupFunction = dnsLookup as LookupFunction,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const list = (Array.isArray(addresses) ? addresses : [{ address: addresses, family: 4 }]) as {
        address: string;
        family: number;
      }[];
      const refused = list.find((a) => addressRefusal(a.address, policy) !== null);
      if (refused || list.length === 0) return callback(new AddressRefused(refused?.address ?? hostname), "", 4);
      if (options.all) return callback(null, list as never);
      return callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
