/**
 * Dates and places as a reader of `locale` writes them (browser-safe): the one formatter, shared with the consumer's
 * pages. A moment is `formatDateTime(locale, iso, timeZone)` with the reader's zone from getI18n() / useI18n().
 */
export { formatDate, formatDateTime, regionName } from "@tracemed/consumer/format";

/** A long hex id shortened for a table cell: 0x1234…abcd (the full value goes in a title). */
export function shortHex(hex: string, keep = 6): string {
  return hex.length > keep * 2 + 3 ? `${hex.slice(0, keep + 2)}…${hex.slice(-keep)}` : hex;
}
