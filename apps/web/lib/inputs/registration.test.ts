import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { MAX_PACKS, registrationRequest, submittedRequest } from "./registration";
import { accepted, assertRefusals } from "./testing";

/** YYYY-MM-DD `days` from today. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const good = { gtin: "9521234543213", lot: " CFX-001 ", expiryDate: "2030-11-22", packCount: 120 };

describe("batch registration (POST /api/manufacturer/registrations)", () => {
  it("reads the GTIN, trims the lot, and gives the expiry as printed", () => {
    assert.deepEqual(accepted(registrationRequest, { ...good, expiryDate: inDays(400) }), {
      gtin: "09521234543213",
      lot: "CFX-001",
      expiryDate: inDays(400),
      expiry: inDays(400).slice(2).replaceAll("-", ""),
      packCount: 120,
    });
    assert.equal(accepted(registrationRequest, { ...good, expiryDate: inDays(400), packCount: "12" }).packCount, 12);
    // The manufacturer's own serials pass as given: the registration checks them against the pack count.
    assert.deepEqual(
      accepted(registrationRequest, { ...good, expiryDate: inDays(400), packCount: 2, serials: ["A1", "B2"] }).serials,
      ["A1", "B2"],
    );
  });

  it("names the field that is wrong", () => {
    const at = (change: Record<string, unknown>) => ({ ...good, expiryDate: inDays(400), ...change });
    assertRefusals(registrationRequest, [
      [null, "GtinMissing"],
      [at({ gtin: "09521234543214" }), "GtinCheckDigit"],
      [at({ lot: " " }), "LotMissing"],
      [at({ lot: undefined }), "LotMissing"],
      [at({ lot: "L".repeat(21) }), "LotTooLong"],
      [at({ lot: "L 1" }), "LotCharacter", 400, /character 2/],
      [at({ expiryDate: "2030-02-30" }), "ExpiryInvalid"],
      [at({ expiryDate: "22/11/2030" }), "ExpiryInvalid"],
      [at({ expiryDate: inDays(0) }), "ExpiryPast"],
      [at({ expiryDate: `${new Date().getUTCFullYear() + 50}-01-01` }), "ExpiryTooFar"],
      [at({ packCount: 0 }), "PackCount"],
      [at({ packCount: 1.5 }), "PackCount"],
      [at({ packCount: MAX_PACKS + 1 }), "PackCount"],
      [at({ packCount: "many" }), "PackCount"],
      [at({ packCount: undefined }), "PackCount"],
      [at({ packCount: 1e9 }), "PackCount", 400, /1 to 1,000,000/],
      [at({ serials: "A1\nB2" }), "SerialInvalid", 400, /list of at most 1,000,000/],
      [at({ serials: ["A1", 2] }), "SerialInvalid"],
    ]);
  });
});

describe("submitted transaction (POST .../registrations/{id}/submitted)", () => {
  it("accepts a 32-byte hash, lower-cased", () => {
    const hash = `0x${"AB".repeat(32)}`;
    assert.deepEqual(accepted(submittedRequest, { txHash: hash }), { txHash: hash.toLowerCase() });
  });

  it("refuses anything else with TxHash", () => {
    assertRefusals(submittedRequest, [
      [null, "TxHash"],
      [{}, "TxHash"],
      [{ txHash: "0x12" }, "TxHash"],
      [{ txHash: 12 }, "TxHash"],
    ]);
  });
});
