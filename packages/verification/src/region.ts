/**
 * The coarse region (ISO 3166-1 country) of a check, from the client's IP address: the address the
 * service trusts (the connection's, or the one header a configured proxy sets), never the browser's
 * language, never a CDN header nobody configured.
 *
 * The data: @ip-location-db/geo-whois-asn-country-mmdb (the five regional internet registries' WHOIS and
 * ASN data merged with published geofeeds; CC BY 4.0 by the NRO, the package itself CC0), read with
 * `maxmind` (MIT). Chosen over GeoLite2 (geoip-lite, @ip-location-db/geolite2-*), whose licence is
 * MaxMind's end-user agreement rather than an open one. It ships inside the npm package: nothing is
 * downloaded at run time. The database is opened once, on first use (about 8 MB read into memory), and
 * looked up synchronously.
 *
 * Addresses that name no place (loopback, private, link-local, shared, documentation, multicast) are
 * null, whatever the data says (its registry ranges cover some of them).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { BlockList, isIPv4, isIPv6 } from "node:net";
import { Reader, type Response } from "maxmind";

const DATABASE = "@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb";

/** IPv4 special-purpose ranges (RFC 6890 and its successors), as [network, prefix length]: no country. */
const NOWHERE_V4 = (
  [
    ["0.0.0.0", 8],
    ["10.0.0.0", 8],
    ["100.64.0.0", 10],
    ["127.0.0.0", 8],
    ["169.254.0.0", 16],
    ["172.16.0.0", 12],
    ["192.0.0.0", 24],
    ["192.0.2.0", 24],
    ["192.168.0.0", 16],
    ["198.18.0.0", 15],
    ["198.51.100.0", 24],
    ["203.0.113.0", 24],
    ["224.0.0.0", 3], // multicast and reserved
  ] as const
).map(([net, prefix]) => {
  const mask = (~0 << (32 - prefix)) >>> 0; // every prefix here is 3 to 24 bits
  return { net: (v4(net) & mask) >>> 0, mask };
});

/** The same for IPv6. (A BlockList also matches IPv4 addresses against ::ffff:0:0/96: not listed here.) */
const NOWHERE_V6 = new BlockList();
for (const [net, prefix] of [
  ["::", 127], // unspecified and loopback
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  NOWHERE_V6.addSubnet(net, prefix, "ipv6");

/** A dotted IPv4 address (already validated) as an unsigned 32-bit number. */
function v4(ip: string): number {
  let n = 0;
  for (const part of ip.split(".")) n = n * 256 + Number(part);
  return n;
}

/**
 * Whether an address is special-purpose (private, loopback, link-local, shared, documentation, multicast, reserved):
 * it names no place, and no webhook may reach it (packages/webhooks). IPv4 by arithmetic: BlockList.check costs about 1.6 us a call here
 * (more than the database lookup), and most clients are IPv4.
 */
export function isSpecialPurpose(ip: string, family: "ipv4" | "ipv6"): boolean {
  if (family === "ipv6") return NOWHERE_V6.check(ip, "ipv6");
  const n = v4(ip);
  return NOWHERE_V4.some((r) => (n & r.mask) >>> 0 === r.net);
}

/** What this database holds per network (not one of the MaxMind response shapes the reader is typed for). */
interface Entry {
  country_code?: string;
}

let reader: Reader<Response> | undefined;

function database(): Reader<Response> {
  // turbopackIgnore: the web app's bundler must leave the file where the package put it.
  reader ??= new Reader(readFileSync(createRequire(import.meta.url).resolve(/*turbopackIgnore: true*/ DATABASE)));
  return reader;
}

/**
 * The country (upper-case ISO 3166-1 alpha-2) of a client address, or null when it is unknown: no
 * address, not an IP address, a special-purpose one, or not in the data. An IPv4-mapped IPv6 address
 * (as a dual-stack server reports IPv4 clients) counts as its IPv4 address.
 */
export function regionOf(address: string | null | undefined): string | null {
  if (!address) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  const ip = mapped ? mapped[1]! : address;
  const family = isIPv4(ip) ? "ipv4" : isIPv6(ip) ? "ipv6" : null;
  // A zone (fe80::1%eth0) is link-local; a mapped address in hex is not how a server reports a client.
  if (!family || ip.includes("%") || (family === "ipv6" && /^::ffff:/i.test(ip))) return null;
  if (isSpecialPurpose(ip, family)) return null;
  const code = (database().get(ip) as Entry | null)?.country_code;
  return code && /^[A-Z]{2}$/.test(code) ? code : null;
}
