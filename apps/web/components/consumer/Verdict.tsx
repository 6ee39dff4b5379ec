"use client";
import { useEffect, useRef } from "react";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { formatDate, regionName } from "@/lib/format";

export type VerdictCode =
  | "genuine"
  | "dispensed"
  | "already_verified"
  | "recalled"
  | "quarantined"
  | "expired"
  | "unconfirmed"
  | "unknown"
  | "pin_mismatch"
  | "locked"
  | "rate_limited";

/** What a verdict sentence may mention. */
export interface VerdictFacts {
  maker?: string | null;
  pharmacy?: string | null;
  at?: string | null;
  region?: string | null;
  checks?: number;
  reason?: string | null;
  expiresAt?: string | null;
  gtin?: string;
  lot?: string;
  serial?: string;
  retryAfter?: number;
}

const LOOK: Record<VerdictCode, { icon: string; tone: "ok" | "warn" | "bad" }> = {
  genuine: { icon: "✓", tone: "ok" },
  dispensed: { icon: "✓", tone: "ok" },
  already_verified: { icon: "!", tone: "warn" },
  recalled: { icon: "✕", tone: "bad" },
  quarantined: { icon: "‖", tone: "warn" },
  expired: { icon: "✕", tone: "bad" },
  unconfirmed: { icon: "?", tone: "warn" },
  unknown: { icon: "⚠", tone: "bad" },
  pin_mismatch: { icon: "✕", tone: "bad" },
  locked: { icon: "‖", tone: "warn" },
  rate_limited: { icon: "→", tone: "warn" },
};

/**
 * A verdict nobody can misread: icon + word + colour + a sentence + what to do. Focused when it
 * appears, so screen readers and keyboard users land on it.
 */
export function Verdict({
  code,
  facts = {},
  focus = false,
}: {
  code: VerdictCode;
  facts?: VerdictFacts;
  focus?: boolean;
}) {
  const { locale, m } = useI18n();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus, code]);
  const v = m.consumer.verdict;
  const text = v[code];
  const look = LOOK[code];
  const vars = {
    maker: facts.maker ?? "—",
    pharmacy: facts.pharmacy ?? "—",
    date: formatDate(locale, code === "expired" ? facts.expiresAt : facts.at),
    region: facts.region ? fmt(v.regionSuffix, { region: regionName(locale, facts.region) }) : "",
    n: facts.checks ?? 0,
    reason: facts.reason ? fmt(v.reasonSuffix, { reason: facts.reason }) : "",
    gtin: facts.gtin ?? "",
    lot: facts.lot ?? "",
    serial: facts.serial ?? "",
    s: facts.retryAfter ?? 60,
  };
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className={`verdict verdict-${look.tone}`}
      role="status"
      aria-live="polite"
      aria-label={v.label}
      data-testid="verdict"
      data-verdict={code}
    >
      <p className="verdict-word">
        <span className="verdict-icon" aria-hidden="true">
          {look.icon}
        </span>{" "}
        {text.word}
      </p>
      <p className="verdict-sentence">{fmt(text.sentence, vars)}</p>
      <p className="verdict-todo">
        <strong>{v.whatToDo}</strong> {fmt(text.todo, vars)}
      </p>
    </section>
  );
}
