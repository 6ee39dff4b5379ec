/**
 * The one date formatter (lib/format) bound to one reader: a moment in their language and time zone, the
 * zone shown; a calendar date (an expiry) the same day wherever it is read, so written in UTC.
 */
import { formatDate, formatDateTime } from "@/lib/format";

type When = string | Date | null | undefined;

export interface Dates {
  /** a moment: "Dec 5, 2026, 16:10 GMT+8" */
  at: (iso: When) => string;
  /** a calendar date: "Dec 4, 2028" */
  day: (iso: When) => string;
}

export function datesFor({ locale, timeZone }: { locale: string; timeZone: string }): Dates {
  return { at: (iso) => formatDateTime(locale, iso, timeZone), day: (iso) => formatDate(locale, iso, "UTC") };
}
