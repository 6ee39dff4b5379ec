import assert from "node:assert/strict";
import { test } from "node:test";
import { keccak256 } from "viem";
import { batchIdOf } from "./ids";

test("batchIdOf = keccak256 of the GTIN as 8 big-endian bytes followed by the lot's bytes", () => {
  const packed = new Uint8Array(8 + 5);
  new DataView(packed.buffer).setBigUint64(0, 9521234543213n);
  packed.set(new TextEncoder().encode("LOT-7"), 8);
  assert.equal(batchIdOf(9521234543213n, "LOT-7"), keccak256(packed));
  assert.notEqual(batchIdOf(9521234543213n, "LOT-8"), keccak256(packed));
});
