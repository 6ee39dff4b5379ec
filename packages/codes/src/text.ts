/**
 * What the ledger accepts as a name or a reason (organisation names, recall, quarantine and
 * write-off reasons): UTF-8 text without control, bidirectional or invisible characters. The
 * contract's copy of the rule is contracts/libraries/Text.sol; test/Text.test.ts runs one table of
 * cases (textVectors.ts) against both, so a form refuses exactly what the ledger would.
 */

/** The code point reported for bytes that are not UTF-8 (Text.NOT_UTF8 in the contract). */
export const NOT_UTF8 = 0xffffffff;

export type RefusedKind = "control" | "bidi" | "invisible";

/**
 * The refused code points, in order. Unicode's Default_Ignorable_Code_Point set (characters that
 * display as nothing) is the guide, less U+200C/U+200D (zero width non-joiner and joiner) and
 * U+FE00-U+FE0F (variation selectors), which Persian and Indic scripts and emoji need and which only
 * change how the character beside them looks.
 */
export const REFUSED_CODE_POINTS: readonly { from: number; to: number; kind: RefusedKind }[] = [
  { from: 0x0000, to: 0x001f, kind: "control" }, // C0, line breaks and tabs included
  { from: 0x007f, to: 0x009f, kind: "control" }, // DEL and C1
  { from: 0x00ad, to: 0x00ad, kind: "invisible" }, // soft hyphen
  { from: 0x034f, to: 0x034f, kind: "invisible" }, // combining grapheme joiner
  { from: 0x061c, to: 0x061c, kind: "bidi" }, // arabic letter mark
  { from: 0x115f, to: 0x1160, kind: "invisible" }, // Hangul fillers
  { from: 0x17b4, to: 0x17b5, kind: "invisible" }, // Khmer inherent vowels
  { from: 0x180b, to: 0x180f, kind: "invisible" }, // Mongolian free variation selectors, vowel separator
  { from: 0x200b, to: 0x200b, kind: "invisible" }, // zero width space
  { from: 0x200e, to: 0x200f, kind: "bidi" }, // left-to-right and right-to-left marks
  { from: 0x2028, to: 0x2029, kind: "control" }, // line and paragraph separators
  { from: 0x202a, to: 0x202e, kind: "bidi" }, // embeddings and overrides
  { from: 0x2060, to: 0x2065, kind: "invisible" }, // word joiner, invisible operators
  { from: 0x2066, to: 0x2069, kind: "bidi" }, // isolates
  { from: 0x206a, to: 0x206f, kind: "invisible" }, // deprecated format characters
  { from: 0x3164, to: 0x3164, kind: "invisible" }, // Hangul filler
  { from: 0xfeff, to: 0xfeff, kind: "invisible" }, // zero width no-break space (byte order mark)
  { from: 0xffa0, to: 0xffa0, kind: "invisible" }, // halfwidth Hangul filler
  { from: 0xfff0, to: 0xfffb, kind: "invisible" }, // interlinear annotations (hide text)
  { from: 0x1bca0, to: 0x1bca3, kind: "invisible" }, // shorthand format controls
  { from: 0x1d173, to: 0x1d17a, kind: "invisible" }, // musical symbol format controls
  { from: 0xe0000, to: 0xe0fff, kind: "invisible" }, // tags, variation selectors supplement
];

/** The kind of a refused code point, or undefined when it is allowed. */
export function refusedKind(codePoint: number): RefusedKind | undefined {
  for (const r of REFUSED_CODE_POINTS) {
    if (codePoint < r.from) return undefined;
    if (codePoint <= r.to) return r.kind;
  }
  return undefined;
}

/** Where text breaks the rule: `position` is the byte offset in its UTF-8 form, as the ledger reports it. */
export interface TextProblem {
  position: number;
  codePoint: number;
}

/**
 * The first refused character of UTF-8 `bytes`, or undefined: the contract's scan, byte for byte.
 * A sequence that is not UTF-8 (bad lead or continuation byte, cut off, overlong, a surrogate, above
 * U+10FFFF) is reported at its lead byte with NOT_UTF8.
 */
export function firstRefusedInUtf8(bytes: Uint8Array): TextProblem | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let n: number;
    let least: number;
    let c: number;
    if (b < 0x80) [n, least, c] = [1, 0, b];
    else if (b >= 0xc2 && b < 0xe0) [n, least, c] = [2, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b < 0xf0) [n, least, c] = [3, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b < 0xf5) [n, least, c] = [4, 0x10000, b & 0x07];
    else return { position: i, codePoint: NOT_UTF8 };
    if (i + n > bytes.length) return { position: i, codePoint: NOT_UTF8 };
    for (let k = 1; k < n; k++) {
      const cb = bytes[i + k]!;
      if ((cb & 0xc0) !== 0x80) return { position: i, codePoint: NOT_UTF8 };
      c = (c << 6) | (cb & 0x3f);
    }
    if (c < least || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff) return { position: i, codePoint: NOT_UTF8 };
    if (refusedKind(c)) return { position: i, codePoint: c };
    i += n;
  }
  return undefined;
}

/** A refused character of a string, with its place as a person counts it. */
export interface TextCharacterProblem extends TextProblem {
  /** 1-based character (code point) number */
  character: number;
  /** "U+202E", or "U+D800" for a lone surrogate (which has no UTF-8 form) */
  label: string;
  kind: RefusedKind | "not-utf8";
}

/**
 * The first character of `value` the ledger would refuse in a name or a reason, or undefined. A lone
 * surrogate (no UTF-8 form: an encoder would silently send U+FFFD) is refused as not UTF-8.
 */
export function firstRefusedCharacter(value: string): TextCharacterProblem | undefined {
  let position = 0;
  let character = 0;
  for (const ch of value) {
    character++;
    const c = ch.codePointAt(0)!;
    const label = `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
    if (c >= 0xd800 && c <= 0xdfff) return { position, codePoint: NOT_UTF8, character, label, kind: "not-utf8" };
    const kind = refusedKind(c);
    if (kind) return { position, codePoint: c, character, label, kind };
    position += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return undefined;
}

/**
 * What a form sends for text typed in a multi-line field: line breaks and tabs (which the ledger
 * refuses) become single spaces, and the ends are trimmed.
 */
export function oneLine(value: string): string {
  return value.replace(/[\t\n\v\f\r\u2028\u2029]+/g, " ").trim();
}

/**
 * Text typed by a person (a consumer's report, say) made safe to keep and show: NFC, line breaks as
 * "\n", and without the characters the ledger refuses (controls, bidirectional and invisible ones)
 * except line breaks and tabs; the ends trimmed. The rest stays as typed.
 */
export function cleanTypedText(value: string): string {
  let out = "";
  for (const ch of value.normalize("NFC").replace(/\r\n?/g, "\n")) {
    if (ch === "\n" || ch === "\t" || refusedKind(ch.codePointAt(0)!) === undefined) out += ch;
  }
  return out.trim();
}

/** The ledger's length limits, in UTF-8 bytes (OrganisationRegistry, BatchRegistry, CustodyLedger). */
export const MAX_NAME_BYTES = 128;
export const MAX_REASON_BYTES = 512;

/** Why a form cannot send a name or a reason as typed. */
export type LedgerTextProblem =
  | { problem: "empty" }
  | { problem: "too-long"; bytes: number; max: number }
  | { problem: "character"; character: TextCharacterProblem };

/**
 * Everything the ledger checks of a name or a reason (`maxBytes`: MAX_NAME_BYTES or
 * MAX_REASON_BYTES), for text already made one line (`oneLine`): undefined when it would be accepted.
 */
export function checkLedgerText(value: string, maxBytes: number): LedgerTextProblem | undefined {
  if (value.length === 0) return { problem: "empty" };
  const character = firstRefusedCharacter(value);
  if (character) return { problem: "character", character };
  const bytes = new TextEncoder().encode(value).length;
  if (bytes > maxBytes) return { problem: "too-long", bytes, max: maxBytes };
  return undefined;
}
