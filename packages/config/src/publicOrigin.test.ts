import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePublicOrigin, passkeysPossible } from "./publicOrigin";

test("PUBLIC_ORIGIN is an http(s) origin only, read as scheme, host and Secure flag", () => {
  assert.deepEqual(parsePublicOrigin("https://trace.example.org"), {
    origin: "https://trace.example.org",
    host: "trace.example.org",
    secure: true,
  });
  assert.deepEqual(parsePublicOrigin("http://127.0.0.1:3000/"), {
    origin: "http://127.0.0.1:3000",
    host: "127.0.0.1:3000",
    secure: false,
  });
  // The default port is no part of the origin, as browsers and wallets write it.
  assert.equal(parsePublicOrigin("https://Trace.Example.org:443").origin, "https://trace.example.org");
  for (const [value, why] of [
    ["trace.example.org", /must be a URL/],
    ["ftp://trace.example.org", /https/],
    ["javascript:alert(1)", /https/],
    ["https://user:pw@trace.example.org", /user name/],
    ["https://trace.example.org/app", /origin only/],
    ["https://trace.example.org/?x=1", /origin only/],
    ["https://trace.example.org/#top", /origin only/],
    ["https://trace.example.org?", /origin only/],
    ["", /must be a URL/],
  ] as const) {
    assert.throws(() => parsePublicOrigin(value), why, value);
  }
});

test("passkeys need a name for their relying party: an IP address origin turns them off", () => {
  assert.equal(passkeysPossible("http://localhost:3000"), true);
  assert.equal(passkeysPossible("https://trace.example.org"), true);
  assert.equal(passkeysPossible("http://127.0.0.1:3000"), false);
  assert.equal(passkeysPossible("http://[::1]:3000"), false);
});
