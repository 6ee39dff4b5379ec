import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { regionOf } from "./region";

describe("the region of a check, from the client's address", () => {
  it("aPublicAddress_mapsToItsCountry_asTheShippedDatabaseSays", () => {
    // Public resolvers whose operators and networks have long been in one country.
    assert.equal(regionOf("114.114.114.114"), "CN", "114DNS, Nanjing");
    assert.equal(regionOf("223.5.5.5"), "CN", "AliDNS");
    assert.equal(regionOf("194.150.168.168"), "DE", "dns.as250.net, Berlin");
    assert.equal(regionOf("5.9.164.112"), "DE", "digitalcourage, at Hetzner");
    assert.equal(regionOf("2400:3200::1"), "CN", "AliDNS over IPv6");
  });

  it("anIpv4MappedIpv6Address_countsAsItsIpv4Address (how a dual-stack server reports IPv4 clients)", () => {
    assert.equal(regionOf("::ffff:114.114.114.114"), "CN");
    assert.equal(regionOf("::FFFF:194.150.168.168"), "DE");
    assert.equal(regionOf("::ffff:127.0.0.1"), null);
    assert.equal(regionOf("::ffff:192.168.1.10"), null);
    assert.equal(regionOf("::ffff:7272:7272"), null, "the hex spelling is not what a server reports: unknown");
  });

  it("loopbackPrivateAndLinkLocal_areUnknown_whateverTheDataSays", () => {
    // The shipped data puts 192.168.1.1 in AU: the special ranges are refused before it is asked.
    for (const ip of [
      "127.0.0.1",
      "127.8.9.10",
      "10.1.2.3",
      "172.16.5.4",
      "192.168.1.1",
      "169.254.10.20",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "::",
      "fe80::1",
      "fe80::1%eth0",
      "fd12:3456::1",
      "2001:db8::1",
      "203.0.113.9",
      "224.0.0.251",
    ])
      assert.equal(regionOf(ip), null, ip);
  });

  it("garbage_isUnknown", () => {
    for (const junk of [undefined, null, "", "unknown", "1.2.3", "999.1.1.1", "::ffff:999.1.1.1", "de", "CN", "a b"])
      assert.equal(regionOf(junk), null, String(junk));
  });

  it("aLookupIsCheapEnoughForEveryCheck", () => {
    regionOf("8.8.8.8"); // opens the database
    const ips = Array.from(
      { length: 4096 },
      (_, i) => `${1 + (i % 223)}.${(i * 7) % 256}.${(i * 13) % 256}.${i % 256}`,
    );
    const n = 100_000;
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) regionOf(ips[i & 4095]);
    const ns = Number(process.hrtime.bigint() - t) / n;
    console.log(`# regionOf: ${ns.toFixed(0)} ns per lookup`);
    assert.ok(ns < 50_000, `a lookup takes ${ns.toFixed(0)} ns`);
  });
});
