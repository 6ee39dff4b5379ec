import assert from "node:assert/strict";
import { test } from "node:test";
import { checkSerialList, readSerialList } from "./serialList";

test("readSerialList: one serial a line, CRLF and surrounding spaces dropped, trailing blank lines ignored", () => {
  assert.deepEqual(readSerialList("A1\r\n  B2 \r\nC3\r\n\r\n"), ["A1", "B2", "C3"]);
  assert.deepEqual(readSerialList("A1\n\nB2"), ["A1", "", "B2"], "a blank line inside the list is kept: it is refused");
});

test("checkSerialList: every refusal names its line, first lines first", () => {
  const cases: Array<[string[], number, Array<[string, number]>]> = [
    [["A1", "B2"], 2, []],
    [["a/b-1", "x".repeat(20), "(1)%&'*+,.:;<=>?_!\""], 3, []],
    [["A1", "", "B2"], 3, [["empty", 2]]],
    [["A1", "x".repeat(21)], 2, [["too-long", 2]]],
    [["A1", "B~2"], 2, [["character", 2]]],
    [
      ["A1", "B2", "A1", "B2"],
      4,
      [
        ["duplicate", 3],
        ["duplicate", 4],
      ],
    ],
    [["A1"], 2, [["count", 0]]],
    [
      ["A1", "A1", "A 1"],
      2,
      [
        ["count", 0],
        ["duplicate", 2],
        ["character", 3],
      ],
    ],
  ];
  for (const [serials, packs, expected] of cases)
    assert.deepEqual(
      checkSerialList(serials, packs).map((p) => [p.kind, p.line]),
      expected,
      serials.join("|"),
    );
  const [bad] = checkSerialList(["A1", "B~2"], 2);
  assert.deepEqual([bad?.position, bad?.char], [2, "~"]);
  assert.match(bad!.message, /^Line 2: "~" \(character 2\)/);
  assert.equal(checkSerialList(Array(50).fill(""), 50, 5).length, 5, "at most `limit` problems");
});
