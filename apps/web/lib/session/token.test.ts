import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { readSession, signSession, type SessionClaims } from "./token";

const secret = randomBytes(32);
const claims: SessionClaims = {
  account: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
  chainId: 31337,
  issuedAt: 1_800_000_000,
  expiresAt: 1_800_028_800,
};
const at = (s: number) => s * 1000;

test("a session cookie reads back only unaltered, unexpired and signed with this server's secret", () => {
  const token = signSession(claims, secret);
  assert.deepEqual(readSession(token, secret, at(1_800_000_100)), claims);
  assert.equal(readSession(token, secret, at(1_800_028_800)), null, "expired at expiresAt");
  assert.equal(readSession(token, randomBytes(32), at(1_800_000_100)), null, "another server's secret");
  const [body, sig] = token.split(".");
  const forged = Buffer.from(
    JSON.stringify({ ...claims, account: "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc" }),
  ).toString("base64url");
  assert.equal(readSession(`${forged}.${sig}`, secret, at(1_800_000_100)), null, "claims edited");
  assert.equal(readSession(`${body}.${sig}x`, secret, at(1_800_000_100)), null);
  for (const junk of [undefined, "", ".", "a.b.c", "x".repeat(5000), `${body}.`]) {
    assert.equal(readSession(junk, secret, at(1_800_000_100)), null);
  }
});
