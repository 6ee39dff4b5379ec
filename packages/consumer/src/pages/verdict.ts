/**
 * A verdict nobody can misread: icon + word + colour + a sentence + what to do. One renderer for the server's
 * page (the form post without JavaScript) and the page's script (the same verdict drawn after a fetch).
 */
import { reasonIn } from "@tracemed/chain/reason";
import { formatDate, formatYymmdd, regionName } from "../format";
import { html, type Html } from "../html";
import { fmt, type Locale } from "../locales";
import { consumerMessages } from "../messages";

export type VerdictCode =
  | "genuine"
  | "dispensed"
  | "already_verified"
  | "recalled"
  | "quarantined"
  | "code_mismatch"
  | "expired"
  | "unconfirmed"
  | "unknown"
  | "pin_mismatch"
  | "locked"
  | "rate_limited";

/** A name the ledger or an organisation gave in English, and in Chinese when it has one. */
export interface Named {
  name: string;
  nameZh?: string | null;
}

/** What a verdict sentence may mention. */
export interface VerdictView {
  code: VerdictCode;
  maker?: Named | null;
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
  /** on a wrong PIN: wrong PINs left before the pack's checks pause */
  attemptsLeft?: number;
  mismatch?: { field: "expiry" | "lot"; printed: string } | null;
}

/** The answer of POST /api/verify as the page reads it (VerifyResult, with the fields added since optional). */
export interface VerifyAnswer {
  verdict: string;
  manufacturer?: Named | null;
  pack?: { expiresAt: string } | null;
  firstVerification?: { at: string; region: string | null } | null;
  checksSince?: number;
  dispensed?: { by: string; at: string } | null;
  recall?: { reason: string | null } | null;
  quarantine?: { reason: string | null } | null;
  attemptsLeft?: number;
  mismatch?: { field: "expiry" | "lot"; printed: string } | null;
}

const LOOK: Record<VerdictCode, { icon: string; tone: "ok" | "warn" | "bad" }> = {
  genuine: { icon: "✓", tone: "ok" },
  dispensed: { icon: "✓", tone: "ok" },
  already_verified: { icon: "!", tone: "warn" },
  recalled: { icon: "✕", tone: "bad" },
  quarantined: { icon: "‖", tone: "warn" },
  code_mismatch: { icon: "✕", tone: "bad" },
  expired: { icon: "✕", tone: "bad" },
  unconfirmed: { icon: "?", tone: "warn" },
  unknown: { icon: "⚠", tone: "bad" },
  pin_mismatch: { icon: "✕", tone: "bad" },
  locked: { icon: "‖", tone: "warn" },
  rate_limited: { icon: "→", tone: "warn" },
};

export const isVerdictCode = (code: string): code is VerdictCode => code in LOOK;

/** A name in the reader's language, the other one when it has none in theirs. */
export const nameIn = (locale: Locale, n: Named | null | undefined): string | null =>
  n ? (locale === "zh-CN" && n.nameZh ? n.nameZh : n.name) : null;

/** The verdict of a check the service answered. */
export function verdictOfAnswer(r: VerifyAnswer, key: { gtin: string; lot: string; serial: string }): VerdictView {
  const code: VerdictCode = isVerdictCode(r.verdict) ? r.verdict : "unknown";
  return {
    code,
    ...key,
    maker: r.manufacturer ?? null,
    pharmacy: r.dispensed?.by ?? null,
    at: code === "dispensed" ? (r.dispensed?.at ?? null) : (r.firstVerification?.at ?? null),
    region: r.firstVerification?.region ?? null,
    checks: r.checksSince,
    reason: r.recall?.reason ?? r.quarantine?.reason ?? null,
    expiresAt: r.pack?.expiresAt ?? null,
    attemptsLeft: r.attemptsLeft,
    mismatch: r.mismatch ?? null,
  };
}

/** The verdict for a refused check that the consumer must be told about as one (a lock, a rate limit). */
export function verdictOfRefusal(code: string, retryAfterSeconds: number | undefined): VerdictView | null {
  if (code === "PackLocked") return { code: "locked", retryAfter: retryAfterSeconds };
  if (code === "TooManyChecks") return { code: "rate_limited", retryAfter: retryAfterSeconds ?? 60 };
  return null;
}

export function renderVerdict(view: VerdictView, locale: Locale): Html {
  const v = consumerMessages(locale).verdict;
  const text = v[view.code];
  const look = LOOK[view.code];
  const mismatch = view.mismatch;
  const vars = {
    maker: nameIn(locale, view.maker) ?? "—",
    pharmacy: view.pharmacy ?? "—",
    date: formatDate(locale, view.code === "expired" ? view.expiresAt : view.at),
    region: view.region ? fmt(v.regionSuffix, { region: regionName(locale, view.region) }) : "",
    n: view.checks ?? 0,
    reason: view.reason ? fmt(v.reasonSuffix, { reason: reasonIn(view.reason, locale) }) : "",
    gtin: view.gtin ?? "",
    lot: view.lot ?? "",
    serial: view.serial ?? "",
    s: view.retryAfter ?? 60,
    field: mismatch ? v.code_mismatch[mismatch.field] : "",
    printed: mismatch ? (mismatch.field === "expiry" ? formatYymmdd(locale, mismatch.printed) : mismatch.printed) : "",
  };
  const left = view.code === "pin_mismatch" && view.attemptsLeft !== undefined ? view.attemptsLeft : null;
  return html`<section
    id="verdict"
    tabindex="-1"
    class="verdict verdict-${look.tone}"
    role="status"
    aria-live="polite"
    aria-label="${v.label}"
    data-testid="verdict"
    data-verdict="${view.code}"
  >
    <p class="verdict-word"><span class="verdict-icon" aria-hidden="true">${look.icon}</span> ${text.word}</p>
    <p class="verdict-sentence">${fmt(text.sentence, vars)}</p>
    ${left !== null ? html`<p class="verdict-attempts" data-testid="attempts-left" data-left="${left}"><strong>${fmt(v.attemptsLeft, { n: left })}</strong></p>` : null}
    <p class="verdict-todo"><strong>${v.whatToDo}</strong> ${fmt(text.todo, vars)}</p>
  </section>`;
}
