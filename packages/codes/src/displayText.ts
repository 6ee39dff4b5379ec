/**
 * Text that people typed (organisation names, reasons, reports) shown to other people: characters
 * that are invisible or that reorder what is around them are made visible, so that what a reader
 * sees is what was written ("Trojan Source", CVE-2021-42574).
 *
 * Escaped as `[U+XXXX]`: every format character (Unicode category Cf: the bidi embeddings and
 * overrides U+202A-E, the isolates U+2066-9, the marks U+200E/F and U+061C, zero-width space, joiner
 * and non-joiner, word joiner, BOM, soft hyphen, tag characters), control characters other than tab
 * and line feed, the line and paragraph separators U+2028/9, and the blank "letters" that render as
 * nothing (Hangul fillers, braille blank, combining grapheme joiner). Everything else, any script,
 * stays as typed. For display and exports only: stored data keeps what was signed.
 */
const HIDDEN = /[\p{Cf}\p{Zl}\p{Zp}\u0000-\u0008\u000B-\u001F\u007F-\u009F\u034F\u115F\u1160\u2800\u3164\uFFA0]/gu;

/** `text` with every invisible or reordering character replaced by a visible `[U+XXXX]`. */
export function displayText(text: string): string {
  return text.replace(HIDDEN, (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}]`);
}

/** Whether `text` holds any character `displayText` would escape. */
export function hasHiddenText(text: string): boolean {
  HIDDEN.lastIndex = 0;
  const found = HIDDEN.test(text);
  HIDDEN.lastIndex = 0;
  return found;
}
