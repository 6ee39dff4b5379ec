"use client";
import { useRouter } from "next/navigation";
import { cn } from "@/lib/cn";
import { useI18n } from "@/lib/i18n/client";
import { LOCALE_COOKIE, LOCALES, type Locale } from "@/lib/i18n/locales";

/** Switches the language for this browser (remembered for a year) and re-renders the page. */
export function LanguageSwitch({ className }: { className?: string }) {
  const { locale, m } = useI18n();
  const router = useRouter();
  const choose = (next: Locale) => {
    document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  };
  return (
    <nav
      className={cn("inline-flex w-fit items-center gap-0.5 rounded-control bg-sunken p-0.5", className)}
      aria-label={m.common.language.label}
    >
      {LOCALES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          aria-pressed={l === locale}
          onClick={() => l !== locale && choose(l)}
          className="inline-flex h-8 min-w-11 cursor-pointer whitespace-nowrap items-center justify-center rounded-[calc(var(--radius-control)-2px)] px-2.5 text-sm font-medium text-muted outline-none hover:text-ink focus-visible:ring-3 focus-visible:ring-ring aria-pressed:cursor-default aria-pressed:bg-surface aria-pressed:text-ink aria-pressed:shadow-sm"
        >
          {m.common.language[l]}
        </button>
      ))}
    </nav>
  );
}
