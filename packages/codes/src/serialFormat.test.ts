import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { test } from "node:test";
import { decodeSerial, encodeSerialInto } from "./serialFormat";

test("decodeSerial reads back the value every generated serial encodes, and refuses the rest", () => {
  for (let n = 0; n < 5_000; n++) {
    const length = randomInt(8, 13);
    const lo30 = randomInt(2 ** 30);
    // A shorter serial carries fewer of the high bits.
    const hi30 = randomInt(2 ** (5 * (length - 6)));
    const out = new Uint8Array(length);
    encodeSerialInto(hi30, lo30, length, out, 0);
    assert.deepEqual(decodeSerial(Buffer.from(out).toString("ascii")), { hi30, lo30 });
  }
  for (const bad of ["ABCDEFG", "ABCDEFGHJKLMN", "ABCDEFGI", "abcdefgh", "ABCD EFG", "ABCDEFGÄ"])
    assert.equal(decodeSerial(bad), undefined, bad);
});
