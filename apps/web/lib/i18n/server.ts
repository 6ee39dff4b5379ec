import "server-only";
import { cookies, headers } from "next/headers";
import { isTimeZone, TIME_ZONE_COOKIE } from "@tracemed/consumer/format";
import { LOCALE_COOKIE, negotiateLocale, type Locale } from "./locales";
import { messagesFor, type Messages } from "./messages";

/**
 * The request's language and its messages, for server components and route handlers, and the reader's time zone
 * for dates (the browser's, from its cookie; UTC until it has said).
 */
export async function getI18n(): Promise<{ locale: Locale; m: Messages; timeZone: string }> {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  const locale = negotiateLocale(jar.get(LOCALE_COOKIE)?.value, h.get("accept-language"));
  const zone = jar.get(TIME_ZONE_COOKIE)?.value;
  return { locale, m: messagesFor(locale), timeZone: isTimeZone(zone) ? zone : "UTC" };
}
