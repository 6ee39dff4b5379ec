import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { datesFor } from "./dates";

describe("dates for one reader", () => {
  it("a moment in the reader's zone, with the zone said, in their language", () => {
    const shanghai = datesFor({ locale: "en", timeZone: "Asia/Shanghai" });
    assert.match(shanghai.at("2026-12-05T08:10:00Z"), /16:10.*GMT\+8/);
    assert.match(datesFor({ locale: "zh-CN", timeZone: "UTC" }).at("2026-12-05T08:10:00Z"), /2026年12月5日.*08:10/);
    assert.equal(shanghai.at(null), "—");
  });

  it("an expiry is the same calendar day wherever it is read", () => {
    const expiry = "2028-12-04T00:00:00.000Z";
    assert.match(datesFor({ locale: "en", timeZone: "America/New_York" }).day(expiry), /Dec 4, 2028/);
    assert.match(datesFor({ locale: "en", timeZone: "Asia/Tokyo" }).day(expiry), /Dec 4, 2028/);
  });
});
