import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { PinError } from "./errors";
import {
  dammCheckDigit,
  formatPin,
  isDammValid,
  parsePin,
  PIN_ENTROPY_BITS,
  PIN_LENGTH,
  pinFromDataDigits,
  readPinInput,
} from "./pinFormat";
import { onlyTypedErrors, typedError } from "./testing";

const PIN = pinFromDataDigits("4821093755128046773");

test("Damm check digit: published vector and the PIN shape", () => {
  assert.equal(dammCheckDigit("572"), 4); // Damm (2004) worked example
  assert.ok(isDammValid("5724"));
  assert.equal(PIN.length, PIN_LENGTH);
  assert.ok(PIN_ENTROPY_BITS >= 60);
  assert.equal(
    formatPin(PIN),
    `${PIN.slice(0, 4)} ${PIN.slice(4, 8)} ${PIN.slice(8, 12)} ${PIN.slice(12, 16)} ${PIN.slice(16)}`,
  );
});

test("every single wrong digit and every swap of neighbours is caught, for random PINs", () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[0-9]{19}$/), (data) => {
      const pin = pinFromDataDigits(data);
      assert.ok(isDammValid(pin));
      for (let i = 0; i < pin.length; i++) {
        for (let d = 0; d < 10; d++) {
          if (String(d) === pin[i]) continue;
          assert.ok(!isDammValid(pin.slice(0, i) + d + pin.slice(i + 1)), `substitution at ${i}`);
        }
        if (i + 1 < pin.length && pin[i] !== pin[i + 1]) {
          assert.ok(!isDammValid(pin.slice(0, i) + pin[i + 1] + pin[i] + pin.slice(i + 2)), `swap at ${i}`);
        }
      }
    }),
    { numRuns: 200 },
  );
});

test("typed input: groups, dashes, full-width and Arabic-Indic digits, O and l for 0 and 1", () => {
  assert.equal(parsePin(formatPin(PIN)), PIN);
  assert.equal(parsePin(formatPin(PIN, "-")), PIN);
  const fullWidth = [...PIN].map((c) => String.fromCharCode(0xff10 + Number(c))).join("");
  assert.equal(parsePin(fullWidth), PIN);
  const arabic = [...PIN].map((c) => String.fromCharCode(0x0660 + Number(c))).join("");
  assert.equal(parsePin(arabic), PIN);
  const withLetters = "O1" + "1" + "0"; // "O" and "l" typed for 0 and 1
  assert.equal(readPinInput("Ol").digits, "01");
  assert.equal(readPinInput(withLetters).status, "incomplete");
});

test("errors say what is wrong and never contain the PIN", () => {
  const wrong = PIN.slice(0, 5) + ((Number(PIN[5]) + 1) % 10) + PIN.slice(6);
  const cases = [wrong, PIN.slice(0, 19), PIN + "1", PIN.slice(0, 7) + "x" + PIN.slice(8)];
  const codes = cases.map((c) => {
    const e = typedError(() => parsePin(c));
    assert.ok(e instanceof PinError);
    for (let k = 0; k + 6 <= PIN.length; k++)
      assert.ok(!e.message.includes(PIN.slice(k, k + 6)), "message leaks PIN digits");
    assert.ok(!JSON.stringify(e).includes(PIN.slice(0, 6)));
    return e.code;
  });
  assert.deepEqual(codes, ["pin-check-failed", "invalid-pin", "invalid-pin", "invalid-character"]);
  assert.equal(typedError(() => parsePin(PIN.slice(0, 7) + "x" + PIN.slice(8))).position, 7);
});

test("fuzz: readPinInput never throws, parsePin only throws PinError", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
      assert.ok(["ok", "incomplete", "too-long", "invalid-character", "check-failed"].includes(readPinInput(s).status));
      onlyTypedErrors(() => parsePin(s));
    }),
    { numRuns: 1000 },
  );
});
