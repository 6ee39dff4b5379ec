/**
 * One table of names, reasons and lots with the ledger's verdict on each, run against both the
 * contract (test/Text.test.ts) and the TypeScript rules (text.test.ts, cset82's firstNonCset82), so
 * the two cannot drift apart. A refusal is (byte offset, code point), as the contract reports it.
 */
import { NOT_UTF8 } from "./text";

export interface TextVector {
  /** what the case shows; test names are built from it */
  rule: string;
  /** the text: a string, or raw bytes (for byte sequences that are not UTF-8) */
  text: string | Uint8Array;
  /** undefined: accepted */
  refused?: { position: number; codePoint: number };
}

const at = (position: number, codePoint: number) => ({ position, codePoint });
const bytes = (...b: number[]) => Uint8Array.from(b);

/** Text no legitimate user sends, one case per refused class. */
export const REFUSED_TEXT: readonly TextVector[] = [
  { rule: "NUL (the write-off that stalled the indexer)", text: "damaged\u0000", refused: at(7, 0) },
  { rule: "NUL first", text: "\u0000", refused: at(0, 0) },
  { rule: "C0 tab", text: "a\tb", refused: at(1, 9) },
  { rule: "C0 line feed", text: "line one\nline two", refused: at(8, 0x0a) },
  { rule: "C0 carriage return", text: "x\r", refused: at(1, 0x0d) },
  { rule: "C0 escape", text: "\u001b[31mred", refused: at(0, 0x1b) },
  { rule: "C0 unit separator", text: "ab\u001f", refused: at(2, 0x1f) },
  { rule: "DEL", text: "ab\u007fcd", refused: at(2, 0x7f) },
  { rule: "C1 first (U+0080, bytes C2 80)", text: "x\u0080", refused: at(1, 0x80) },
  { rule: "C1 CSI (U+009B)", text: "\u009b31m", refused: at(0, 0x9b) },
  { rule: "C1 last (U+009F)", text: "Söhne\u009f", refused: at(6, 0x9f) },
  { rule: "left-to-right embedding U+202A", text: "a\u202ab", refused: at(1, 0x202a) },
  { rule: "right-to-left embedding U+202B", text: "a\u202bb", refused: at(1, 0x202b) },
  { rule: "pop directional formatting U+202C", text: "a\u202cb", refused: at(1, 0x202c) },
  { rule: "left-to-right override U+202D", text: "a\u202db", refused: at(1, 0x202d) },
  { rule: "right-to-left override U+202E", text: "recall\u202etxt.exe", refused: at(6, 0x202e) },
  { rule: "left-to-right isolate U+2066", text: "a\u2066b", refused: at(1, 0x2066) },
  { rule: "right-to-left isolate U+2067", text: "a\u2067b", refused: at(1, 0x2067) },
  { rule: "first strong isolate U+2068", text: "a\u2068b", refused: at(1, 0x2068) },
  { rule: "pop directional isolate U+2069", text: "a\u2069b", refused: at(1, 0x2069) },
  { rule: "left-to-right mark U+200E", text: "a\u200eb", refused: at(1, 0x200e) },
  { rule: "right-to-left mark U+200F", text: "a\u200fb", refused: at(1, 0x200f) },
  { rule: "arabic letter mark U+061C", text: "a\u061cb", refused: at(1, 0x61c) },
  { rule: "zero width space U+200B", text: "Acme\u200bPharma", refused: at(4, 0x200b) },
  { rule: "word joiner U+2060", text: "a\u2060", refused: at(1, 0x2060) },
  { rule: "byte order mark U+FEFF", text: "\ufeffAcme", refused: at(0, 0xfeff) },
  { rule: "soft hyphen U+00AD", text: "Hütten\u00adwerk", refused: at(7, 0xad) },
  { rule: "Hangul filler U+3164 (a blank name)", text: "\u3164", refused: at(0, 0x3164) },
  { rule: "line separator U+2028", text: "a\u2028b", refused: at(1, 0x2028) },
  { rule: "interlinear annotation U+FFF9", text: "a\ufff9hidden\ufffbb", refused: at(1, 0xfff9) },
  { rule: "tag character U+E0041 (hidden ASCII)", text: "ok\u{e0041}", refused: at(2, 0xe0041) },
  { rule: "variation selector supplement U+E0100", text: "a\u{e0100}", refused: at(1, 0xe0100) },
  { rule: "musical format control U+1D173", text: "a\u{1d173}", refused: at(1, 0x1d173) },
  { rule: "the first refused character is reported", text: "ok\u202e\u0000", refused: at(2, 0x202e) },
  { rule: "a refused character after 32 bytes of ASCII", text: `${"a".repeat(40)}\u0000`, refused: at(40, 0) },
  { rule: "a refused character after Chinese text", text: "药品损坏\u202e", refused: at(12, 0x202e) },
  { rule: "not UTF-8: stray continuation byte", text: bytes(0x61, 0x80), refused: at(1, NOT_UTF8) },
  { rule: "not UTF-8: lead byte C0 (overlong)", text: bytes(0xc0, 0x80), refused: at(0, NOT_UTF8) },
  { rule: "not UTF-8: overlong NUL in three bytes", text: bytes(0x41, 0xe0, 0x80, 0x80), refused: at(1, NOT_UTF8) },
  { rule: "not UTF-8: overlong in four bytes", text: bytes(0xf0, 0x8f, 0xbf, 0xbf), refused: at(0, NOT_UTF8) },
  { rule: "not UTF-8: surrogate U+D800", text: bytes(0xed, 0xa0, 0x80), refused: at(0, NOT_UTF8) },
  { rule: "not UTF-8: above U+10FFFF", text: bytes(0xf4, 0x90, 0x80, 0x80), refused: at(0, NOT_UTF8) },
  { rule: "not UTF-8: lead byte F5", text: bytes(0xf5, 0x80, 0x80, 0x80), refused: at(0, NOT_UTF8) },
  { rule: "not UTF-8: byte FF", text: bytes(0x61, 0x62, 0xff), refused: at(2, NOT_UTF8) },
  { rule: "not UTF-8: cut off at the end", text: bytes(0x61, 0xe8, 0x8d), refused: at(1, NOT_UTF8) },
  { rule: "not UTF-8: ASCII where a continuation byte belongs", text: bytes(0xc3, 0x41), refused: at(0, NOT_UTF8) },
];

/** Text real users send: accepted. */
export const ACCEPTED_TEXT: readonly TextVector[] = [
  { rule: "plain English", text: "Damaged in warehouse" },
  { rule: "German with umlauts and an ampersand", text: "Hüttenwerk & Söhne GmbH" },
  { rule: "Chinese organisation name", text: "国药控股股份有限公司" },
  { rule: "Chinese reason", text: "运输途中包装破损，药品受潮" },
  { rule: "French accents", text: "Pharmacie de l'Hôtel-Dieu, Besançon" },
  { rule: "Arabic and Hebrew letters (right-to-left without controls)", text: "صيدلية شفاء / בית מרקחת" },
  { rule: "Persian with zero width non-joiner", text: "داروخانه\u200cی مرکزی" },
  { rule: "emoji with joiner and variation selector", text: "Cold chain broken 🧊❄\ufe0f 👩\u200d⚕️" },
  { rule: "no-break space and typographic quotes", text: "“Lot 7”\u00a0– 12 °C" },
  { rule: "punctuation and symbols of printable ASCII", text: "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" },
  {
    rule: "the last code points before refused ranges",
    text: "\u00ac\u00ae\u061b\u061d\u200a\u2027\u202f\u205f\u2070",
  },
  { rule: "a 4-byte letter", text: "𠮷野家" },
  { rule: "128 bytes of Chinese and ASCII", text: `${"医".repeat(42)}xy` },
  { rule: "512 bytes of ASCII", text: "r".repeat(512) },
];

export interface LotVector {
  rule: string;
  lot: string;
  /** offset of the first byte outside CSET 82; undefined: accepted */
  refusedAt?: number;
}

/** Lots: 1 to 20 characters of GS1 CSET 82. */
export const LOT_VECTORS: readonly LotVector[] = [
  { rule: "letters and digits", lot: "LOT2026A" },
  { rule: "every CSET 82 punctuation mark", lot: "!\"%&'()*+,-./:;<=>?_" },
  { rule: "lower case and underscore", lot: "abc_xyz-09" },
  { rule: "20 characters", lot: "ABCDEFGHIJ0123456789" },
  { rule: "NUL", lot: "L\u0000T", refusedAt: 1 },
  { rule: "space", lot: "LOT 1", refusedAt: 3 },
  { rule: "tab", lot: "\tLOT", refusedAt: 0 },
  { rule: "DEL", lot: "LOT\u007f", refusedAt: 3 },
  { rule: "#", lot: "LOT#1", refusedAt: 3 },
  { rule: "$", lot: "$1", refusedAt: 0 },
  { rule: "@", lot: "A@B", refusedAt: 1 },
  { rule: "[", lot: "A[", refusedAt: 1 },
  { rule: "backslash", lot: "A\\B", refusedAt: 1 },
  { rule: "]", lot: "A]", refusedAt: 1 },
  { rule: "^", lot: "A^", refusedAt: 1 },
  { rule: "backtick", lot: "A`", refusedAt: 1 },
  { rule: "{", lot: "A{", refusedAt: 1 },
  { rule: "|", lot: "A|", refusedAt: 1 },
  { rule: "}", lot: "A}", refusedAt: 1 },
  { rule: "~", lot: "A~", refusedAt: 1 },
  { rule: "non-ASCII letter", lot: "LÖT", refusedAt: 1 },
  { rule: "C1 control", lot: "L\u0085", refusedAt: 1 },
  { rule: "right-to-left override", lot: "L\u202e1", refusedAt: 1 },
  { rule: "a refused last character of 20", lot: "ABCDEFGHIJ012345678 ", refusedAt: 19 },
];
