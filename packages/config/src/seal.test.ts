import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sealer } from "./seal";

describe("sealed secrets", () => {
  it("openOnlyUnderTheSameSecret_andNeverHoldThePlainText", () => {
    const a = sealer("a".repeat(32));
    const sealed = a.seal("whsec_plain");
    assert.ok(!sealed.includes("whsec_plain"));
    assert.notEqual(a.seal("whsec_plain"), sealed, "a fresh IV each time");
    assert.equal(a.open(sealed), "whsec_plain");
    assert.throws(() => sealer("b".repeat(32)).open(sealed));
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    assert.throws(() => a.open(parts.join(".")));
    assert.throws(() => sealer("short"), /at least 32/);
  });
});
