import assert from "node:assert/strict";
import { randomInt } from "node:crypto";
import { test } from "node:test";
import { SERIAL_ALPHABET } from "@tracemed/codes";
import { SerialIndex } from "./serialIndex";

const randomSerial = (length = randomInt(8, 13)) =>
  Array.from({ length }, () => SERIAL_ALPHABET[randomInt(32)]).join("");

test("findsEveryPackOfABatchAndNothingElse", () => {
  const serials = [...new Set(Array.from({ length: 50_000 }, () => randomSerial()))];
  const index = new SerialIndex(serials.length);
  serials.forEach((s, i) => index.set(s, i));
  assert.equal(index.size, serials.length);
  serials.forEach((s, i) => assert.equal(index.get(s), i, s));
  const present = new Set(serials);
  for (let n = 0; n < 20_000; n++) {
    const s = randomSerial();
    if (!present.has(s)) assert.equal(index.get(s), undefined, `${s} was never added`);
  }
});

test("tellsSerialsOfTheSameValueButDifferentLengthApart_andKeepsOtherSerialsToo", () => {
  const index = new SerialIndex(4);
  index.set("00000001", 0);
  index.set("000000001", 1);
  index.set("lot-7/ß", 2); // not one this package could have generated
  assert.equal(index.get("00000001"), 0);
  assert.equal(index.get("000000001"), 1);
  assert.equal(index.get("0000000001"), undefined);
  assert.equal(index.get("lot-7/ß"), 2);
  assert.equal(index.get("lot-7"), undefined);
  assert.equal(index.size, 3);
});
