import { isIPv4, isIPv6 } from "node:net";

/**
 * The key a client's requests are counted under: an IPv4 address as is (also when it arrives
 * IPv4-mapped, `::ffff:192.0.2.1`), an IPv6 address by its /64. One subscriber line or host gets a
 * whole /64 (RFC 6177), so keying by the full address would let a client rotate through 2^64
 * addresses and never run out of tokens. Anything else (a proxy's word that is not an address,
 * "unknown") counts as itself.
 */
export function clientKey(address: string): string {
  const a = address.trim();
  const mapped = /^(?:::ffff:|0{1,4}:0{1,4}:0{1,4}:0{1,4}:0{1,4}:ffff:)(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(a);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (isIPv4(a)) return a;
  const bare = a.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (!isIPv6(bare)) return a.slice(0, 100);
  const groups = expandIPv6(bare);
  // IPv4-mapped written in hex (::ffff:c000:201)
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff)
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join(".");
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` expanded, a trailing dotted IPv4 part folded in). */
function expandIPv6(address: string): number[] {
  let text = address;
  const v4 = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split(".").map(Number) as [number, number, number, number];
    text = text.slice(0, v4.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const part = (s: string | undefined) => (s ? s.split(":").map((g) => parseInt(g, 16)) : []);
  const left = part(head);
  const right = part(tail);
  return tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
}

/**
 * A consumer's pace of checks and pack lookups, the same on both services that answer them (the web
 * app's routes and apps/verify): 20 at once, then one every 3 seconds.
 */
export const CONSUMER_CHECKS = { capacity: 20, perSecond: 1 / 3 } as const;

/**
 * A token bucket per client, in memory, bounded in size: `capacity` requests at once, refilled at
 * `perSecond`. Clients are counted by `clientKey` (IPv6 by /64).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes one token for the client at `address`; returns 0 when allowed, else the seconds to wait. */
  take(address: string, now = Date.now()): number {
    const key = clientKey(address);
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) {
        // Forget the oldest half rather than grow without bound.
        let drop = this.buckets.size / 2;
        for (const k of this.buckets.keys()) {
          this.buckets.delete(k);
          if (--drop <= 0) break;
        }
      }
      b = { tokens: this.capacity, at: now };
    }
    b.tokens = Math.min(this.capacity, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    this.buckets.delete(key);
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / this.perSecond);
  }
}
