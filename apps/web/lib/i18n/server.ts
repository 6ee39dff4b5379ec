import "server-only";
import { cookies, headers } from "next/headers";
import { LOCALE_COOKIE, negotiateLocale, type Locale } from "./locales";
import { messagesFor, type Messages } from "./messages";

/** The request's language and its messages, for server components and route handlers. */
export async function getI18n(): Promise<{ locale: Locale; m: Messages }> {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  const locale = negotiateLocale(jar.get(LOCALE_COOKIE)?.value, h.get("accept-language"));
  return { locale, m: messagesFor(locale) };
}
