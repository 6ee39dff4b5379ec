/** Property tests of what reads partners' input: the event hash, identifiers, capture and query parameters. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { isDomainError } from "@tracemed/errors";
import { readCaptureDocument } from "./capture";
import { eventHash } from "./eventHash";
import { canonicalId, epcIdentity } from "./identifiers";
import { readEventQuery } from "./query";
import { journeyDocument } from "./testing/document";

/** The same JSON value with every object's keys in another order, and every list kept as it is. */
function shuffled(value: unknown, order: number[]): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffled(v, order));
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    const keyed = entries.map((e, i) => [order[i % order.length]! + i / 1000, e] as const);
    keyed.sort((a, b) => a[0] - b[0]);
    return Object.fromEntries(keyed.map(([, [k, v]]) => [k, shuffled(v, order)]));
  }
  return value;
}

const events = journeyDocument().epcisBody.eventList;

describe("EPCIS input, fuzzed", () => {
  it("hashesAnEventTheSameWhateverItsKeyOrder_andItsListsOrder", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50), { minLength: 1, maxLength: 8 }), fc.nat(events.length - 1), (order, i) => {
        const event = events[i]!;
        const reordered = shuffled(event, order) as Record<string, unknown>;
        if (Array.isArray(reordered.epcList)) reordered.epcList = [...(reordered.epcList as string[])].reverse();
        assert.equal(eventHash(reordered), eventHash(event));
      }),
      { numRuns: 200 },
    );
  });

  it("neverThrowsOnArbitraryIdentifiers", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.webUrl(), fc.constantFrom("urn:epc:id:sgtin:", "urn:epc:id:sscc:1.2")),
        (s) => {
          const id = canonicalId(s);
          assert.ok(id === null || id.startsWith("https://id.gs1.org/"));
          assert.equal(epcIdentity(s) === null, id === null);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("refusesArbitraryBodiesAndQueriesWithADomainError_only", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (body) => {
        try {
          readCaptureDocument(body);
        } catch (e) {
          assert.ok(isDomainError(e), String(e));
        }
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string()), (params) => {
        try {
          readEventQuery(params);
        } catch (e) {
          assert.ok(isDomainError(e, "EpcisQueryParameter"), String(e));
        }
      }),
      { numRuns: 300 },
    );
  });
});
