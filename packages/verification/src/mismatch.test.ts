import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { expiryToUnixSeconds } from "@tracemed/codes";
import { expiryMismatch } from "./mismatch";

/** The ledger's expiresAt for an expiry, as registerBatch records it. */
const ledger = (yymmdd: string) => new Date(expiryToUnixSeconds(yymmdd, 2026) * 1000);
const now = new Date("2026-12-05T10:00:00Z");

describe("the scanned code's expiry against the ledger's", () => {
  it("theSameDate_agrees_andNothingPrinted_isNoMismatch", () => {
    assert.equal(expiryMismatch("281123", ledger("281123"), now), null);
    assert.equal(expiryMismatch(null, ledger("281123"), now), null);
    assert.equal(expiryMismatch(undefined, ledger("281123"), now), null);
    assert.equal(expiryMismatch("", ledger("281123"), now), null);
  });

  it("anotherDate_isAMismatch_sayingWhatTheCodeCarried", () => {
    // The case: a code carrying 301231 for a batch expiring 2028-11-23.
    assert.deepEqual(expiryMismatch("301231", ledger("281123"), now), { field: "expiry", printed: "301231" });
    assert.deepEqual(expiryMismatch("281124", ledger("281123"), now), { field: "expiry", printed: "281124" });
  });

  it("dayZero_meansTheMonthsEnd_soDatesAreComparedNotStrings", () => {
    assert.equal(expiryMismatch("281100", ledger("281130"), now), null, "281100 is 30 November 2028");
    assert.equal(expiryMismatch("281130", ledger("281100"), now), null);
    assert.equal(expiryMismatch("280200", ledger("280229"), now), null, "2028 is a leap year");
    assert.deepEqual(expiryMismatch("281100", ledger("281129"), now), { field: "expiry", printed: "281100" });
  });

  it("sixDigitsThatAreNoDate_disagree", () => {
    assert.deepEqual(expiryMismatch("281399", ledger("281123"), now), { field: "expiry", printed: "281399" });
  });
});
