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

test("a passkey session says so and names its credential; a wallet session cannot be edited into one", () => {
  const passkey: SessionClaims = { ...claims, method: "passkey", credentialId: "cred-AbC_1" };
  const token = signSession(passkey, secret);
  assert.deepEqual(readSession(token, secret, at(1_800_000_100)), passkey);
  // A claim written by this server's secret but without its credential (or with another method) is not a session.
  for (const odd of [
    { ...claims, method: "passkey" },
    { ...claims, method: "wallet", credentialId: "x" },
  ])
    assert.equal(readSession(signSession(odd as SessionClaims, secret), secret, at(1_800_000_100)), null);
  // The signature covers the method: a wallet session's cookie edited to claim a passkey is refused.
  const [, sig] = signSession(claims, secret).split(".");
  const edited = Buffer.from(JSON.stringify(passkey)).toString("base64url");
  assert.equal(readSession(`${edited}.${sig}`, secret, at(1_800_000_100)), null);
});
