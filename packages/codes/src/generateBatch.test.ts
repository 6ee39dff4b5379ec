import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { batchIdOf } from "@tracemed/chain/ids";
import { checkPin, packCommitment } from "./commitment";
import { expiryToUnixSeconds } from "./expiry";
import { generateBatch, randomUniqueValues } from "./generateBatch";
import { PackTree } from "./packTree";
import { isDammValid } from "./pinFormat";
import { createPinKey } from "./pinKey";
import { SERIAL_ALPHABET } from "./serialFormat";
import { typedError } from "./testing";

const pinKey = createPinKey(new Uint8Array(32).fill(42));
const spec = { gtin: "9521234543213", lot: "L-2026-01", expiry: "281200", count: 300 };

describe("generateBatch", () => {
  test("serials, PINs, commitments and the tree of a small batch (calling thread)", async () => {
    const b = await generateBatch(spec, { pinKey, workers: 0, referenceYear: 2026 });
    assert.equal(b.gtin, "09521234543213");
    assert.equal(b.batchId, batchIdOf(9521234543213n, "L-2026-01"));
    const serials = new Set<string>();
    for (const p of b.packs()) {
      assert.match(p.serial, new RegExp(`^[${SERIAL_ALPHABET}]{12}$`));
      assert.ok(isDammValid(p.pin) && p.pin.length === 20);
      assert.equal(b.commitment(p.index), packCommitment(pinKey, b.batchId, p.serial, p.pin));
      serials.add(p.serial);
    }
    assert.equal(serials.size, 300);
    const oz = StandardMerkleTree.of(
      [...b.records()].map((r) => [r.index, r.commitment]),
      ["uint256", "bytes32"],
      { sortLeaves: false },
    );
    assert.equal(b.root, oz.root);
    const record = [...b.records(17, 18)][0]!;
    assert.ok(checkPin(pinKey, record, b.pin(17)));
    assert.ok(!("pin" in record));
    assert.deepEqual(b.registerBatchArgs(), [
      9521234543213n,
      "L-2026-01",
      expiryToUnixSeconds("281200", 2026),
      300,
      b.root,
    ]);
    b.wipePins();
    assert.throws(() => b.pin(0), /wiped/);
  });

  test("worker threads give the same kind of batch, and a verifiable tree", async () => {
    const b = await generateBatch({ ...spec, count: 20_000 }, { pinKey, workers: 2 });
    const single = PackTree.fromCommitments(b.tree.commitments);
    assert.equal(b.root, single.root);
    for (const i of [0, 9_999, 19_999]) {
      assert.equal(b.commitment(i), packCommitment(pinKey, b.batchId, b.serial(i), b.pin(i)));
    }
    assert.equal(new Set([...b.records()].map((r) => r.serial)).size, 20_000);
  });

  test("serials stay unique even where collisions are likely (40-bit values)", () => {
    const v = new BigUint64Array(200_000);
    randomUniqueValues(v, 40);
    assert.equal(new Set(v).size, v.length);
    assert.ok(v.every((x) => x < 1n << 40n));
  });

  test("bad specs are refused with the field named", async () => {
    const cases: Array<[Partial<typeof spec> & { serialLength?: number }, string]> = [
      [{ gtin: "9521234543214" }, "GTIN"],
      [{ lot: "" }, "batch/lot (10)"],
      [{ expiry: "281301" }, "expiry (17)"],
      [{ count: 0 }, "count"],
      [{ count: 1_000_000, serialLength: 8 }, "serialLength"], // 1e6 / 2^40 is fine; see next
      [{ count: 200_000_000, serialLength: 8 }, "serialLength"],
    ];
    for (const [change, field] of cases.slice(0, 4).concat(cases.slice(5))) {
      const e = await generateBatch({ ...spec, ...change }, { pinKey, workers: 0 }).then(
        () => assert.fail("expected an error"),
        (err: unknown) =>
          typedError(() => {
            throw err;
          }),
      );
      assert.equal(e.field, field);
    }
  });
});

describe("generateBatch with the manufacturer's own serials", () => {
  // As a packaging line's serialisation server hands them out: mixed lengths, GS1 punctuation.
  const own = Array.from({ length: 60_000 }, (_, i) => (i % 3 ? `SN-${i}` : `ab/${String(i).padStart(17, "0")}`));

  for (const workers of [0, 2]) {
    test(`packs carry the imported serials in order; PINs and commitments are made here (${workers} workers)`, async () => {
      const b = await generateBatch(
        { ...spec, count: own.length, serials: own },
        { pinKey, workers, referenceYear: 2026 },
      );
      assert.equal(b.serialLength, 20);
      for (const i of [0, 1, 2, 59_999]) {
        const p = b.pack(i);
        assert.equal(p.serial, own[i]);
        assert.ok(isDammValid(p.pin));
        assert.equal(b.commitment(i), packCommitment(pinKey, b.batchId, own[i]!, p.pin));
      }
      assert.deepEqual(
        [...b.records(0, 3)].map((r) => r.serial),
        own.slice(0, 3),
      );
      // The root the ledger stores is over these commitments, as for generated serials.
      const oz = StandardMerkleTree.of(
        [...b.records(0, own.length)].map((r) => [r.index, r.commitment]),
        ["uint256", "bytes32"],
        { sortLeaves: false },
      );
      assert.equal(b.root, oz.root);
    });
  }

  test("a list that does not fit the batch is refused, naming the line", async () => {
    const refusal = async (serials: string[], count = serials.length) =>
      generateBatch({ ...spec, count, serials }, { pinKey, workers: 0 }).then(
        () => assert.fail("expected a refusal"),
        (e: unknown) =>
          typedError(() => {
            throw e;
          }),
      );
    assert.match((await refusal(["A1", "B2", "A1"])).message, /^Line 3 repeats the serial number A1 of line 1/);
    assert.match((await refusal(["A1", "B 2"])).message, /^Line 2: " " \(character 2\)/);
    assert.match((await refusal(["A1", "X".repeat(21)])).message, /^Line 2: .* at most 20 characters/);
    assert.match((await refusal(["A1", "B2"], 3)).message, /has 2 serial numbers; the batch has 3 packs/);
  });
});
