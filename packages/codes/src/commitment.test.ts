import assert from "node:assert/strict";
import { createHmac, randomBytes } from "node:crypto";
import { test } from "node:test";
import fc from "fast-check";
import { batchIdOf } from "@tracemed/chain/ids";
import { checkPin, commitmentFromTag, packCommitment, packRecord, pinTag } from "./commitment";
import { createHmacSha256 } from "./hmacSha256";
import { keccak256 } from "./keccak";
import { toHex } from "./hex";
import { formatPin, pinFromDataDigits } from "./pinFormat";
import { createPinKey } from "./pinKey";
import { typedError } from "./testing";

const SECRET = new Uint8Array(32).map((_, i) => i + 1);
const key = createPinKey(SECRET);
const batchId = batchIdOf(9521234543213n, "LOT-7");
const PIN = pinFromDataDigits("1234567890123456789");

test("known-answer vector: changing the commitment format must be a deliberate act", () => {
  // Pinned value: the contracts' trees of already-registered batches depend on it.
  assert.equal(key.fingerprint, key.fingerprint.toLowerCase());
  const c = packCommitment(key, batchId, "ABC123XYZ789", PIN);
  const tag = createHmac("sha256", createHmac("sha256", SECRET).update("tracemed:codes:v1:pin-tag-key").digest())
    .update(
      Buffer.concat([
        Buffer.from("tracemed:pin-tag:v1"),
        Buffer.from(batchId.slice(2), "hex"),
        Buffer.from([12]),
        Buffer.from("ABC123XYZ789"),
        Buffer.from(PIN),
      ]),
    )
    .digest();
  const expected = toHex(
    keccak256(
      Buffer.concat([
        Buffer.from("tracemed:pack:v1"),
        Buffer.from(batchId.slice(2), "hex"),
        Buffer.from([12]),
        Buffer.from("ABC123XYZ789"),
        tag,
      ]),
    ),
  );
  assert.equal(c, expected);
  assert.equal(commitmentFromTag(batchId, "ABC123XYZ789", pinTag(key, batchId, "ABC123XYZ789", PIN)), c);
});

test("checkPin accepts the PIN as people type it and nothing else", () => {
  const record = packRecord(key, { batchId, index: 7, serial: "ABC123XYZ789", pin: PIN });
  assert.deepEqual(Object.keys(record).sort(), ["batchId", "commitment", "index", "serial"]);
  assert.ok(!JSON.stringify(record).includes(PIN));
  assert.ok(checkPin(key, record, PIN));
  assert.ok(checkPin(key, record, formatPin(PIN)));
  assert.ok(checkPin(key, record, ` ${formatPin(PIN, "-")} `));
  const wrong = pinFromDataDigits("1234567890123456788");
  assert.ok(!checkPin(key, record, wrong));
  assert.ok(!checkPin(key, record, PIN.slice(0, 19)));
  assert.ok(!checkPin(key, record, "not a pin"));
  assert.ok(!checkPin(key, { ...record, serial: "ABC123XYZ780" }, PIN));
  assert.ok(!checkPin(createPinKey(new Uint8Array(32).fill(9)), record, PIN), "another manufacturer's key");
});

test("the PIN key needs a secret of at least 32 bytes", () => {
  assert.equal(typedError(() => createPinKey(new Uint8Array(16))).code, "invalid-argument");
});

test("the bulk HMAC-SHA256 equals node:crypto for every message length", () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.uint8Array({ maxLength: 300 }), (k, msg) => {
      const out = new Uint8Array(32);
      createHmacSha256(k)(msg, out);
      assert.deepEqual(Buffer.from(out), createHmac("sha256", k).update(msg).digest());
    }),
    { numRuns: 400 },
  );
  const k = randomBytes(32);
  for (let len = 0; len <= 130; len++) {
    const m = randomBytes(len);
    const out = new Uint8Array(32);
    createHmacSha256(k)(m, out);
    assert.deepEqual(Buffer.from(out), createHmac("sha256", k).update(m).digest(), `length ${len}`);
  }
});
