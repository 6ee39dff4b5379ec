import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { firstNonCset82 } from "./cset82";
import {
  checkLedgerText,
  cleanTypedText,
  firstRefusedCharacter,
  firstRefusedInUtf8,
  MAX_NAME_BYTES,
  MAX_REASON_BYTES,
  NOT_UTF8,
  oneLine,
  REFUSED_CODE_POINTS,
  refusedKind,
} from "./text";
import { ACCEPTED_TEXT, LOT_VECTORS, REFUSED_TEXT } from "./textVectors";

const utf8 = (text: string | Uint8Array) => (typeof text === "string" ? new TextEncoder().encode(text) : text);

describe("names and reasons: the ledger's text rule in TypeScript", () => {
  for (const v of REFUSED_TEXT) {
    it(`refuses ${v.rule}`, () => {
      assert.deepEqual(firstRefusedInUtf8(utf8(v.text)), v.refused);
      if (typeof v.text === "string") {
        const p = firstRefusedCharacter(v.text);
        assert.equal(p?.position, v.refused!.position);
        assert.equal(p?.codePoint, v.refused!.codePoint);
      }
    });
  }
  for (const v of ACCEPTED_TEXT) {
    it(`accepts ${v.rule}`, () => {
      assert.equal(firstRefusedInUtf8(utf8(v.text)), undefined);
      assert.equal(firstRefusedCharacter(v.text as string), undefined);
    });
  }

  it("refusesALoneSurrogate_whichAnEncoderWouldTurnIntoU+FFFD", () => {
    const p = firstRefusedCharacter("ok\ud800");
    assert.deepEqual([p?.position, p?.codePoint, p?.character, p?.kind], [2, NOT_UTF8, 3, "not-utf8"]);
  });

  it("namesTheCharacterAsAPersonCountsIt", () => {
    const p = firstRefusedCharacter("药品\u202e");
    assert.deepEqual([p?.character, p?.label, p?.kind, p?.position], [3, "U+202E", "bidi", 6]);
  });

  it("refusesEveryEndOfEveryRefusedRange_andAcceptsTheCodePointsJustOutside", () => {
    for (const r of REFUSED_CODE_POINTS) {
      for (const c of [r.from, r.to]) assert.equal(refusedKind(c), r.kind, c.toString(16));
      for (const c of [r.from - 1, r.to + 1]) {
        const inAnother = REFUSED_CODE_POINTS.some((o) => c >= o.from && c <= o.to);
        if (!inAnother && c >= 0) assert.equal(refusedKind(c), undefined, c.toString(16));
      }
    }
  });

  it("fuzz_aStringIsRefusedOrHoldsNoRefusedCodePoint", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        const p = firstRefusedCharacter(s);
        const points = [...s].map((ch) => ch.codePointAt(0)!);
        if (p === undefined) {
          assert.ok(points.every((c) => refusedKind(c) === undefined && (c < 0xd800 || c > 0xdfff)));
          assert.equal(firstRefusedInUtf8(new TextEncoder().encode(s)), undefined);
        } else assert.ok(p.codePoint === NOT_UTF8 || refusedKind(p.codePoint) !== undefined);
      }),
      { numRuns: 2000 },
    );
  });

  it("fuzz_bytesAreAcceptedOnlyWhenTheyAreUtf8WithoutARefusedCodePoint", () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (b) => {
        const p = firstRefusedInUtf8(b);
        let decoded: string | undefined;
        try {
          decoded = strict.decode(b);
        } catch {
          decoded = undefined;
        }
        if (p === undefined) {
          assert.ok(decoded !== undefined);
          assert.ok([...decoded].every((ch) => refusedKind(ch.codePointAt(0)!) === undefined));
        } else if (p.codePoint !== NOT_UTF8) assert.ok(refusedKind(p.codePoint));
        else assert.ok(decoded === undefined || firstRefusedInUtf8(b.slice(0, p.position)) === undefined);
      }),
      { numRuns: 5000 },
    );
  });

  it("oneLine_turnsLineBreaksAndTabsIntoSpaces", () => {
    assert.equal(oneLine("  box crushed\r\n\twater damage\u2028 "), "box crushed water damage");
    assert.equal(firstRefusedCharacter(oneLine("a\nb\tc")), undefined);
  });
});

describe("lots: GS1 CSET 82 as the ledger checks it", () => {
  for (const v of LOT_VECTORS) {
    it(`${v.refusedAt === undefined ? "accepts" : "refuses"} ${v.rule}`, () => {
      const bad = firstNonCset82(v.lot);
      assert.equal(bad === -1 ? undefined : bad, v.refusedAt);
    });
  }
});

describe("checkLedgerText: what a form says before signing", () => {
  it("refusesEmptyText_refusedCharacters_andTextOverTheLedgersByteLimit", () => {
    assert.deepEqual(checkLedgerText("", MAX_REASON_BYTES), { problem: "empty" });
    assert.equal(checkLedgerText("damaged\u0000", MAX_REASON_BYTES)?.problem, "character");
    // 43 Chinese characters are 129 bytes: over a name's 128, although far under 128 characters.
    assert.deepEqual(checkLedgerText("药".repeat(43), MAX_NAME_BYTES), { problem: "too-long", bytes: 129, max: 128 });
    assert.equal(checkLedgerText("药".repeat(42), MAX_NAME_BYTES), undefined);
    assert.equal(checkLedgerText("Hüttenwerk & Söhne GmbH", MAX_NAME_BYTES), undefined);
  });
});

describe("cleanTypedText: a person's typed text, kept as typed but without hidden characters", () => {
  it("keepsEveryAcceptedText_andLineBreaksAndTabs_butDropsWhatTheLedgerRefuses", () => {
    for (const { text, rule } of ACCEPTED_TEXT) {
      if (typeof text === "string") assert.equal(cleanTypedText(text), text.normalize("NFC").trim(), rule);
    }
    assert.equal(cleanTypedText("  line one\r\nline two\tend \r"), "line one\nline two\tend");
    // A bidi override, a zero width space, a byte order mark, a C1 control and a NUL are dropped.
    assert.equal(cleanTypedText("fake\u202Egnp.exe\u200B\uFEFF\u0085\u0000"), "fakegnp.exe");
    // Whatever is typed, what is kept has nothing the ledger would refuse but line breaks and tabs.
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (typed) => {
        const kept = cleanTypedText(typed).replace(/[\n\t]/g, "");
        assert.equal(firstRefusedCharacter(kept), undefined);
      }),
    );
  });
});
