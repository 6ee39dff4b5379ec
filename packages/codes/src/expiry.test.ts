import assert from "node:assert/strict";
import { test } from "node:test";
import { expiryToUnixSeconds, gs1DateToIso, parseYymmdd, resolveCentury } from "./expiry";
import { typedError } from "./testing";

test("day 00 means the end of the month (AI 17)", () => {
  const d = parseYymmdd("280200", { allowDayZero: true, referenceYear: 2026 });
  assert.equal(gs1DateToIso(d), "2028-02-29");
  assert.equal(expiryToUnixSeconds("280200", 2026), Date.UTC(2028, 1, 29, 23, 59, 59) / 1000);
  assert.equal(expiryToUnixSeconds("261231", 2026), Date.UTC(2026, 11, 31, 23, 59, 59) / 1000);
});

test("impossible dates name the part that is wrong", () => {
  assert.equal(typedError(() => parseYymmdd("261331", { referenceYear: 2026 })).position, 2);
  assert.equal(typedError(() => parseYymmdd("270229", { referenceYear: 2026 })).position, 4);
  assert.equal(typedError(() => parseYymmdd("260100", { referenceYear: 2026 })).position, 4); // day 00 not allowed here
  assert.equal(typedError(() => parseYymmdd("26123", { referenceYear: 2026 })).code, "invalid-date");
});

test("GS1 sliding century window", () => {
  assert.equal(resolveCentury(26, 2026), 2026);
  assert.equal(resolveCentury(76, 2026), 2076);
  assert.equal(resolveCentury(77, 2026), 1977);
  assert.equal(resolveCentury(99, 2026), 1999);
  assert.equal(resolveCentury(0, 2099), 2100);
});

test("fuzz: parseYymmdd only throws DateError", async () => {
  const fc = (await import("fast-check")).default;
  const { onlyTypedErrors } = await import("./testing");
  fc.assert(
    fc.property(
      fc.oneof(fc.string({ unit: "binary", maxLength: 8 }), fc.stringMatching(/^[0-9]{6}$/)),
      fc.boolean(),
      (s, zero) => {
        onlyTypedErrors(() => parseYymmdd(s, { allowDayZero: zero }));
      },
    ),
    { numRuns: 1000 },
  );
});
