"use client";
import { createContext, useContext, type ReactNode } from "react";
import type { Locale } from "./locales";
import { messagesFor, type Messages } from "./messages";

interface I18n {
  locale: Locale;
  m: Messages;
  /** the reader's time zone for dates (formatDateTime) */
  timeZone: string;
}

const I18nContext = createContext<I18n | null>(null);

/** Gives client components the language and time zone the server chose for this request. */
export function I18nProvider({
  locale,
  timeZone = "UTC",
  children,
}: {
  locale: Locale;
  timeZone?: string;
  children: ReactNode;
}) {
  return <I18nContext.Provider value={{ locale, m: messagesFor(locale), timeZone }}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n needs an <I18nProvider> above it");
  return value;
}

/**
 * The same, falling back to English where no provider is above (a component rendered on its own, in a test):
 * for shared components such as the table that must render anywhere.
 */
export function useI18nOrDefault(): I18n {
  return useContext(I18nContext) ?? { locale: "en", m: messagesFor("en"), timeZone: "UTC" };
}
