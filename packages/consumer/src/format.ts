/** Dates and places as a reader of `locale` writes them (browser-safe: the pages and their script share it). */
import { gs1DateToIso, parseYymmdd } from "@tracemed/codes/browser";

/**
 * Intl's answers, kept: making a formatter costs far more than using one, and a pack page asks for the same few
 * dates and countries again and again (at 50 connections they were a quarter of a page's CPU). Bounded.
 */
const said = new Map<string, string>();
function remembered(key: string, make: () => string): string {
  let text = said.get(key);
  if (text === undefined) {
    text = make();
    if (said.size >= 10_000) said.clear();
    said.set(key, text);
  }
  return text;
}

/** A date, e.g. "22 Nov 2026" / "2026年11月22日". */
export function formatDate(locale: string, iso: string | Date | null | undefined, timeZone?: string): string {
  if (!iso) return "—";
  const d = typeof iso === "string" ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return "—";
  return remembered(`d|${locale}|${timeZone ?? ""}|${d.getTime()}`, () =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", ...(timeZone ? { timeZone } : {}) }).format(d),
  );
}

/** The cookie that carries a staff browser's time zone to the server (an IANA name; UTC until the browser says). */
export const TIME_ZONE_COOKIE = "tz";

/** Whether `name` is a time zone this runtime knows (an IANA name such as "Asia/Shanghai", or "UTC"). */
export function isTimeZone(name: string | null | undefined): name is string {
  if (!name || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * A moment with its time zone shown, as a reader of `locale` writes it: "5 Dec 2026, 16:10 GMT+8" (en-GB),
 * "Dec 5, 2026, 08:10 UTC" (en), "2026年12月5日 GMT+8 16:10" (zh-CN). The one date-and-time format of every staff page;
 * `timeZone` is the reader's (UTC when not known). An unknown zone falls back to UTC rather than failing a page.
 */
export function formatDateTime(
  locale: string,
  iso: string | Date | null | undefined,
  timeZone: string = "UTC",
): string {
  if (!iso) return "—";
  const d = typeof iso === "string" ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return "—";
  return remembered(`t|${locale}|${timeZone}|${d.getTime()}`, () =>
    new Intl.DateTimeFormat(locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZone: isTimeZone(timeZone) ? timeZone : "UTC",
      timeZoneName: "short",
    }).format(d),
  );
}

/** A country's name from its ISO 3166 code ("DE" -> "Germany" / "德国"); the code itself when unknown. */
export function regionName(locale: string, code: string | null | undefined): string {
  if (!code) return "—";
  return remembered(`r|${locale}|${code}`, () => {
    try {
      return new Intl.DisplayNames([locale], { type: "region" }).of(code.toUpperCase()) ?? code;
    } catch {
      return code;
    }
  });
}

/** A GS1 date as printed in a code (YYMMDD; DD 00 is the month's end), as a date; the digits when not one. */
export function formatYymmdd(locale: string, yymmdd: string): string {
  try {
    return formatDate(locale, gs1DateToIso(parseYymmdd(yymmdd, { allowDayZero: true })), "UTC");
  } catch {
    return yymmdd;
  }
}
