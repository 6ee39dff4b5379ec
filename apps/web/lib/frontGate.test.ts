import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { regionOf } from "@tracemed/verification/region";
import { frontClientAddress } from "@/lib/frontGate";

const request = (headers: Record<string, string>) => new Request("http://127.0.0.1:3100/api/verify", { headers });

describe("the client's address behind the front", () => {
  const saved = process.env.FRONT_SECRET;
  afterEach(() => {
    if (saved === undefined) delete process.env.FRONT_SECRET;
    else process.env.FRONT_SECRET = saved;
  });

  it("behindTheFront_isTheAddressItVouchedFor_soTheRegionIsTheClients", () => {
    process.env.FRONT_SECRET = "a-secret-of-sixteen-chars";
    const address = frontClientAddress(request({ "x-forwarded-for": "114.114.114.114", "accept-language": "en-US" }));
    assert.equal(address, "114.114.114.114");
    assert.equal(regionOf(address), "CN", "from the address, not from en-US");
  });

  it("withoutAFront_nothingVouchesForTheHeader_soThereIsNoRegion", () => {
    delete process.env.FRONT_SECRET;
    const address = frontClientAddress(request({ "x-forwarded-for": "114.114.114.114", "accept-language": "de-DE" }));
    assert.equal(address, null);
    assert.equal(regionOf(address), null);
  });
});
