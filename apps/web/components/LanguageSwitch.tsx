"use client";
import { useRouter } from "next/navigation";
import { useI18n } from "@/lib/i18n/client";
import { LOCALE_COOKIE, LOCALES, type Locale } from "@/lib/i18n/locales";

/** Switches the language for this browser (remembered for a year) and re-renders the page. */
export function LanguageSwitch() {
  const { locale, m } = useI18n();
  const router = useRouter();
  const choose = (next: Locale) => {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  };
  return (
    <nav className="language" aria-label={m.common.language.label}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          className="link"
          onClick={() => choose(l)}
          disabled={l === locale}
        >
          {m.common.language[l]}
        </button>
      ))}
    </nav>
  );
}
