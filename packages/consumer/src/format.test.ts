import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatDate, formatDateTime, isTimeZone } from "./format";

const MOMENT = "2026-12-05T08:10:00Z";

describe("the one date formatter", () => {
  it("writes a moment with its time zone, in the reader's language", () => {
    assert.equal(formatDateTime("en-GB", MOMENT), "5 Dec 2026, 08:10 UTC");
    assert.equal(formatDateTime("en", MOMENT), "Dec 5, 2026, 08:10 UTC");
    assert.equal(formatDateTime("zh-CN", MOMENT), "2026年12月5日 UTC 08:10");
  });

  it("moves the moment into the reader's zone and names the zone", () => {
    assert.equal(formatDateTime("en-GB", MOMENT, "Asia/Shanghai"), "5 Dec 2026, 16:10 GMT+8");
    assert.equal(formatDateTime("zh-CN", MOMENT, "Asia/Shanghai"), "2026年12月5日 GMT+8 16:10");
    // past midnight in Berlin's winter: the date moves too
    assert.equal(formatDateTime("en-GB", "2026-12-05T23:30:00Z", "Europe/Berlin"), "6 Dec 2026, 00:30 CET");
  });

  it("falls back to UTC for a zone it does not know, and a dash for no date", () => {
    assert.equal(formatDateTime("en-GB", MOMENT, "Mars/Olympus"), "5 Dec 2026, 08:10 UTC");
    assert.equal(formatDateTime("en-GB", null), "—");
    assert.equal(formatDateTime("en-GB", "not a date"), "—");
  });

  it("tells a time zone from anything else a cookie may hold", () => {
    assert.ok(isTimeZone("Asia/Shanghai"));
    assert.ok(isTimeZone("UTC"));
    assert.ok(!isTimeZone("Asia/Nowhere"));
    assert.ok(!isTimeZone("<script>"));
    assert.ok(!isTimeZone(""));
    assert.ok(!isTimeZone(undefined));
  });

  it("keeps the day-only form for days (expiry), in the zone asked for", () => {
    assert.equal(formatDate("en-GB", "2027-03-31", "UTC"), "31 Mar 2027");
    assert.equal(formatDate("zh-CN", "2027-03-31", "UTC"), "2027年3月31日");
  });
});
