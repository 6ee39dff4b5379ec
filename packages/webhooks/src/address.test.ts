import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { LookupFunction } from "node:net";
import { AddressRefused, checkedLookup, urlRefusal } from "./address";

const production = { allowLoopback: false };
const embedded = { allowLoopback: true };

describe("where a webhook may point (SSRF)", () => {
  it("acceptsHttpsToAPublicAddressOrName", () => {
    for (const url of [
      "https://erp.example.com/hooks/tracemed",
      "https://93.184.216.34/h",
      "https://[2606:4700::1111]/h",
    ])
      assert.equal(urlRefusal(url, production), null, url);
  });

  it("refusesPrivateLinkLocalReservedAndLoopbackAddresses", () => {
    const cases: [string, string][] = [
      ["https://10.0.0.1/h", "address"],
      ["https://172.16.5.4/h", "address"],
      ["https://192.168.1.10/h", "address"],
      ["https://169.254.169.254/latest/meta-data", "address"],
      ["https://100.64.0.1/h", "address"],
      ["https://0.0.0.0/h", "address"],
      ["https://[fd00::1]/h", "address"],
      ["https://[fe80::1]/h", "address"],
      ["https://[::ffff:10.0.0.1]/h", "address"],
      ["https://[64:ff9b::a00:1]/h", "address"],
      ["https://127.0.0.1/h", "loopback"],
      ["https://[::1]/h", "loopback"],
      ["https://localhost/h", "loopback"],
    ];
    for (const [url, why] of cases) assert.equal(urlRefusal(url, production), why, url);
  });

  it("refusesOtherSchemes_credentials_andPlainHttpOffLoopback", () => {
    assert.equal(urlRefusal("http://erp.example.com/h", production), "scheme");
    assert.equal(urlRefusal("http://erp.example.com/h", embedded), "scheme");
    assert.equal(urlRefusal("ftp://erp.example.com/h", production), "scheme");
    assert.equal(urlRefusal("https://user:pw@erp.example.com/h", production), "credentials");
    assert.equal(urlRefusal("not a url", production), "malformed");
  });

  it("allowsHttpToLoopbackOnlyWhenTheEmbeddedStartSaysSo", () => {
    assert.equal(urlRefusal("http://127.0.0.1:4567/hook", embedded), null);
    assert.equal(urlRefusal("http://localhost:4567/hook", embedded), null);
    assert.equal(urlRefusal("http://127.0.0.1:4567/hook", production), "scheme");
  });

  it("checksTheDnsAnswerAtConnectionTime_andConnectsToTheCheckedAddress", async () => {
    const answering =
      (...addresses: string[]): LookupFunction =>
      (_host, _options, callback) =>
        (callback as (e: null, a: { address: string; family: number }[]) => void)(
          null,
          addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
        );
    const resolve = (lookup: LookupFunction) =>
      new Promise<string>((ok, fail) =>
        lookup("erp.example.com", {}, (error, address) => (error ? fail(error) : ok(address as string))),
      );
    assert.equal(await resolve(checkedLookup(production, answering("93.184.216.34"))), "93.184.216.34");
    // A name that resolves to an internal address (DNS rebinding), even among public ones, is refused.
    await assert.rejects(resolve(checkedLookup(production, answering("93.184.216.34", "10.1.2.3"))), AddressRefused);
    await assert.rejects(resolve(checkedLookup(production, answering("127.0.0.1"))), AddressRefused);
    assert.equal(await resolve(checkedLookup(embedded, answering("127.0.0.1"))), "127.0.0.1");
  });
});
