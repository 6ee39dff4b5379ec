import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clientKey, RateLimiter } from "./rateLimit";

/** Spends `limiter`'s whole burst for `address` at time 0; returns the wait its next request gets. */
function drain(limiter: RateLimiter, address: string, burst: number): number {
  for (let i = 0; i < burst; i++) assert.equal(limiter.take(address, 0), 0, `request ${i + 1} of the burst`);
  return limiter.take(address, 0);
}

describe("RateLimiter", () => {
  it("twoAddressesInOneIpv6Slash64_shareOneBucket", () => {
    const limiter = new RateLimiter(3, 1 / 3);
    assert.ok(drain(limiter, "2001:db8:1:2::1", 3) > 0);
    // Another interface id in the same /64, written differently: still refused.
    assert.ok(limiter.take("2001:0db8:0001:0002:ffff:1234:abcd:9", 0) > 0);
    assert.ok(limiter.take("[2001:db8:1:2:0:0:0:42]", 0) > 0);
  });

  it("addressesInDifferentSlash64s_haveTheirOwnBuckets", () => {
    const limiter = new RateLimiter(3, 1 / 3);
    assert.ok(drain(limiter, "2001:db8:1:2::1", 3) > 0);
    assert.equal(limiter.take("2001:db8:1:3::1", 0), 0);
    assert.equal(limiter.take("2001:db8:2:2::1", 0), 0);
  });

  it("countsAnIpv4MappedAddressAsItsIpv4Address", () => {
    const limiter = new RateLimiter(2, 1 / 3);
    assert.equal(limiter.take("192.0.2.7", 0), 0);
    assert.equal(limiter.take("::ffff:192.0.2.7", 0), 0);
    assert.ok(limiter.take("::ffff:c000:207", 0) > 0, "the same client in hex form is out of tokens");
    assert.equal(limiter.take("192.0.2.8", 0), 0, "the next IPv4 address is another client");
  });

  it("refillsAtItsRate", () => {
    const limiter = new RateLimiter(1, 1 / 3);
    assert.equal(limiter.take("198.51.100.1", 0), 0);
    assert.equal(limiter.take("198.51.100.1", 0), 3);
    assert.equal(limiter.take("198.51.100.1", 3_000), 0);
  });
});

describe("clientKey", () => {
  it("keysIpv6ByItsSlash64_andIpv4AsIs", () => {
    const keys: Array<[address: string, key: string]> = [
      ["2001:db8::1", "2001:db8:0:0::/64"],
      ["fe80::1%eth0", "fe80:0:0:0::/64"],
      ["::1", "0:0:0:0::/64"],
      ["::ffff:10.0.0.1", "10.0.0.1"],
      ["0:0:0:0:0:ffff:10.0.0.1", "10.0.0.1"],
      ["10.0.0.1", "10.0.0.1"],
      ["unknown", "unknown"],
    ];
    for (const [address, key] of keys) assert.equal(clientKey(address), key, address);
  });
});
