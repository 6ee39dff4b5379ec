"use client";
import { createContext, useContext, type ReactNode } from "react";
import type { Locale } from "./locales";
import { messagesFor, type Messages } from "./messages";

const I18nContext = createContext<{ locale: Locale; m: Messages } | null>(null);

/** Gives client components the language the server chose for this request. */
export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <I18nContext.Provider value={{ locale, m: messagesFor(locale) }}>{children}</I18nContext.Provider>;
}

export function useI18n(): { locale: Locale; m: Messages } {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n needs an <I18nProvider> above it");
  return value;
}
