/** Dates and places as a reader of `locale` writes them (browser-safe; staff pages show UTC). */

/** A date, e.g. "22 Nov 2026" / "2026年11月22日". */
export function formatDate(locale: string, iso: string | Date | null | undefined, timeZone?: string): string {
  if (!iso) return "—";
  const d = typeof iso === "string" ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return "—";
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", ...(timeZone ? { timeZone } : {}) }).format(d);
}

/** A date and time in UTC, compact, for office tables: "2026-11-22 08:15 UTC". */
export function formatUtc(iso: string | Date | null | undefined): string {
  if (!iso) return "—";
  const d = typeof iso === "string" ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return "—";
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A country's name from its ISO 3166 code ("DE" -> "Germany" / "德国"); the code itself when unknown. */
export function regionName(locale: string, code: string | null | undefined): string {
  if (!code) return "—";
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** A long hex id shortened for a table cell: 0x1234…abcd (the full value goes in a title). */
export function shortHex(hex: string, keep = 6): string {
  return hex.length > keep * 2 + 3 ? `${hex.slice(0, keep + 2)}…${hex.slice(-keep)}` : hex;
}

/**
 * Characters that make a text read differently from what it is, or hide: C0 and C1 controls, DEL, bidi
 * marks, embeddings, overrides and isolates, zero-width characters, line and paragraph separators, the
 * BOM. Names, lots and reasons come from the ledger, where any organisation could once write anything.
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * A text from the ledger, safe to show: every invisible or direction-changing character written as its
 * escape (`\u202E`), as the indexer already writes U+0000 (`\u0000`) and bytes that are not UTF-8
 * (`\xff`), whose exact bytes it keeps beside the text (packages/indexer/src/text.ts).
 */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
}
