import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { describe, it } from "node:test";
import { nextAttemptAfter, RETRY_DELAYS_SECONDS } from "./retry";
import { signatureHeader, signatureOf, verifySignature } from "./signing";

describe("a delivery's signature", () => {
  const secret = "whsec_0123456789";
  const body = '{"topic":"recall","batch":{"gtin":"09521234543213","lot":"L1"}}';

  it("isHmacSha256OfTimeDotBody_asAReceiverRecomputesIt", () => {
    const header = signatureHeader(secret, body, 1_765_000_000);
    // Computed independently of the module: what a receiver's own code does.
    const expected = createHmac("sha256", secret).update(`1765000000.${body}`).digest("hex");
    assert.equal(header, `t=1765000000,v1=${expected}`);
    assert.equal(signatureOf(secret, 1_765_000_000, body), expected);
    assert.equal(verifySignature(secret, header, body, { now: 1_765_000_010_000 }), true);
  });

  it("failsForAnotherBody_anotherSecret_anOldTimeOrAMangledHeader", () => {
    const header = signatureHeader(secret, body, 1_765_000_000);
    const now = { now: 1_765_000_010_000 };
    assert.equal(verifySignature(secret, header, body.replace("L1", "L2"), now), false);
    assert.equal(verifySignature("another", header, body, now), false);
    assert.equal(verifySignature(secret, header, body, { now: 1_765_000_000_000 + 301_000 }), false);
    assert.equal(verifySignature(secret, header.replace("v1=", "v0="), body, now), false);
    assert.equal(verifySignature(secret, null, body, now), false);
  });
});

describe("the retry schedule", () => {
  it("triesAgainAfter10s_30s_2min_10min_1h_6h_thenGivesUp", () => {
    const failedAt = new Date("2026-12-08T12:00:00Z");
    const waits = [1, 2, 3, 4, 5, 6].map((n) => (nextAttemptAfter(n, failedAt)!.getTime() - failedAt.getTime()) / 1000);
    assert.deepEqual(waits, [10, 30, 120, 600, 3_600, 21_600]);
    assert.deepEqual(waits, [...RETRY_DELAYS_SECONDS]);
    assert.equal(nextAttemptAfter(7, failedAt), null);
  });
});
