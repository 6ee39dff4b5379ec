import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { verdictOf, type VerdictFacts } from "./verdict";

const expiresAt = new Date("2027-03-31T23:59:59Z"); // expiry 270331: the ledger moves packs until this second
const before = new Date("2026-12-04T10:00:00Z");
const fresh: VerdictFacts = { status: "active", expiresAt, claimedNow: true, dispensedAt: null };
const at = (over: Partial<VerdictFacts>, now = before) => verdictOf({ ...fresh, ...over }, now);

describe("the verdict for a pack whose PIN matched", () => {
  it("firstCheckOfAnActivePack_isGenuine_andEveryLaterOne_alreadyVerified", () => {
    assert.equal(at({}), "genuine");
    assert.equal(at({ claimedNow: false }), "already_verified");
  });

  it("aPackDispensedByAPharmacy_saysSoOnItsFirstCheck", () => {
    assert.equal(at({ dispensedAt: new Date("2026-12-01T09:00:00Z") }), "dispensed");
    assert.equal(at({ dispensedAt: new Date("2026-12-01T09:00:00Z"), claimedNow: false }), "already_verified");
  });

  it("aRecallOrQuarantine_isSaidWhateverElseIsTrue_recallFirst", () => {
    for (const over of [{}, { claimedNow: false }, { dispensedAt: before }] as Partial<VerdictFacts>[]) {
      assert.equal(at({ ...over, status: "recalled" }), "recalled");
      assert.equal(at({ ...over, status: "quarantined" }), "quarantined");
      assert.equal(at({ ...over, status: "recalled" }, new Date("2030-01-01Z")), "recalled", "even when expired");
    }
  });

  it("expiry_startsTheSecondAfterTheExpiryDayEnds_asOnTheLedger", () => {
    assert.equal(at({}, expiresAt), "genuine", "its last second is still within date");
    assert.equal(at({}, new Date(expiresAt.getTime() + 1_000)), "expired");
    assert.equal(at({ claimedNow: false }, new Date("2028-01-01Z")), "expired");
  });

  it("aStatusTheChainCouldNotConfirm_isNeverGenuine_butExpiryStillShows", () => {
    assert.equal(at({ status: "unconfirmed" }), "unconfirmed");
    assert.equal(at({ status: "unconfirmed", claimedNow: false }), "unconfirmed");
    assert.equal(at({ status: "unconfirmed" }, new Date("2028-01-01Z")), "expired");
  });

  it("aCodeWhoseExpiryIsNotTheLedgers_isItsOwnVerdict_afterARecallOrQuarantine_beforeEverythingElse", () => {
    for (const over of [
      {},
      { claimedNow: false },
      { dispensedAt: before },
      { status: "unconfirmed" },
    ] as Partial<VerdictFacts>[])
      assert.equal(at({ ...over, codeMismatch: true }), "code_mismatch");
    assert.equal(at({ codeMismatch: true }, new Date("2030-01-01Z")), "code_mismatch", "even when expired");
    assert.equal(at({ status: "recalled", codeMismatch: true }), "recalled");
    assert.equal(at({ status: "quarantined", codeMismatch: true }), "quarantined");
  });
});
