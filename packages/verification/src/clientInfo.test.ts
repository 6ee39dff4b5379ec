import assert from "node:assert/strict";
import { test } from "node:test";
import { proxiedClientAddress } from "./clientInfo";

test("behind a trusted proxy, only its one configured header names the client, and only its own hop", () => {
  const h = (headers: Record<string, string>) => ({ get: (name: string) => headers[name] });
  // nginx's $proxy_add_x_forwarded_for appends what it saw to what the client claimed.
  const forged = h({ "x-forwarded-for": "10.0.0.1, 203.0.113.9", "x-real-ip": "10.0.0.2" });
  assert.equal(proxiedClientAddress(forged, "x-forwarded-for"), "203.0.113.9");
  // A proxy that sets X-Real-IP: the X-Forwarded-For a client sent does not count.
  assert.equal(
    proxiedClientAddress(h({ "x-forwarded-for": "10.0.0.1", "x-real-ip": "198.51.100.4" }), "x-real-ip"),
    "198.51.100.4",
  );
  assert.equal(proxiedClientAddress(h({ "x-forwarded-for": "10.0.0.1" }), "cf-connecting-ip"), undefined);
  assert.equal(proxiedClientAddress(h({ "x-forwarded-for": " , " }), "x-forwarded-for"), undefined);
});
