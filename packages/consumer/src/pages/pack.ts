/**
 * A scanned pack's page (the Digital Link resolver redirects here): what it is, the PIN check as a plain form,
 * its journey, a report form. Every part works without JavaScript; the page's script only enhances the PIN form.
 */
import { reasonIn } from "@tracemed/chain/reason";
import { displayText } from "@tracemed/codes/browser";
import type { PublicPackView } from "@tracemed/provenance/readPolicy";
import type { PackInfo, ProductText } from "@tracemed/verification/packInfo";
import { formatDate, formatYymmdd, regionName } from "../format";
import { html, type Html } from "../html";
import { fmt, LOCALES, type Locale } from "../locales";
import { consumerMessages, type ConsumerMessages } from "../messages";
import { layout } from "./layout";
import { packPath } from "./paths";
import { renderJourney } from "./journey";
import { renderReport, type ReportState } from "./report";
import { nameIn, renderVerdict, type VerdictView } from "./verdict";

/** What the page shows of a pack: @tracemed/verification's PackInfo, as the service reads it. */
export type PackInfoView = PackInfo;

export interface PackPageView {
  info: PackInfoView;
  journey: PublicPackView | null;
  /** the AI 17 expiry the scanned code carried (YYMMDD), sent on with the PIN */
  printedExpiry: string | null;
  verdict?: VerdictView | null;
  /** why the PIN was not checked: a typo the check digit caught, or a failure */
  pinProblem?: "PinTypo" | "unexpected" | null;
  report?: ReportState;
}

/** "Amoxicillin (Amoxil) 500 mg, capsules, 20 capsules" in the reader's language, field by field. */
export function productLine(locale: Locale, product: PackInfo["product"]): string | null {
  if (!product) return null;
  const en = product.text.en;
  const zh = locale === "zh-CN" ? product.text.zh : null;
  const pick = <K extends keyof ProductText>(k: K) => zh?.[k] || en[k];
  const brand = pick("brand");
  const name = brand ? `${brand} (${pick("generic")})` : pick("generic");
  // Chinese punctuation only when the line is (at least partly) in Chinese.
  const sep = consumerMessages(zh ? locale : "en").pack.listSeparator;
  return displayText(`${name} ${pick("strength")}${sep}${pick("dosageForm")}${sep}${pick("packSize")}`);
}

const STATUS_ICON = { active: "✓", recalled: "✕", unconfirmed: "?", quarantined: "‖" } as const;

function facts(locale: Locale, t: ConsumerMessages, info: PackInfoView): Html {
  const p = t.pack;
  const status = info.status ?? "active";
  const maker = info.manufacturer;
  return html`<section aria-labelledby="facts-title">
    <h2 id="facts-title" class="visually-hidden">${p.facts}</h2>
    <dl class="facts" data-testid="pack-facts">
      <dt>${p.product}</dt>
      <dd data-testid="pack-product">${productLine(locale, info.product) ?? info.gtin}</dd>
      ${
        info.product?.approvalNumber
          ? html`<dt>${p.approval}</dt>
              <dd data-testid="pack-approval">${displayText(info.product.approvalNumber)}</dd>`
          : null
      }
      <dt>${p.manufacturer}</dt>
      <dd data-testid="pack-manufacturer">
        ${maker ? `${displayText(nameIn(locale, maker)!)} (${regionName(locale, maker.country)})` : "—"}
      </dd>
      <dt>${p.lot}</dt>
      <dd>${displayText(info.lot)}</dd>
      <dt>${p.serial}</dt>
      <dd>${displayText(info.serial)}</dd>
      <dt>${p.expires}</dt>
      <dd>
        ${formatDate(locale, info.expiresAt, "UTC")}${info.expired ? html` <span class="status status-recalled"><span aria-hidden="true">✕ </span>${p.expiredWord}</span>` : null}
      </dd>
      <dt>${p.status}</dt>
      <dd>
        <span class="status status-${status}" data-testid="batch-status" data-status="${status}"
          ><span aria-hidden="true">${STATUS_ICON[status]} </span>${t.status[status]}</span
        >
      </dd>
    </dl>
    ${leaflets(t, info)}
  </section>`;
}

function leaflets(t: ConsumerMessages, info: PackInfoView): Html | null {
  const list = info.product?.leaflets ?? [];
  if (list.length === 0) return null;
  const ordered = LOCALES.flatMap((l) => list.filter((x) => x.locale === l));
  return html`<p class="leaflets" data-testid="leaflets">
    ${t.pack.leaflet}:
    ${ordered.map(
      (x) => html`<a href="${x.href}" hreflang="${x.locale}" data-testid="leaflet">${t.pack.leafletIn[x.locale]}</a>`,
    )}
  </p>`;
}

/** What the page says before any PIN: a recall, a hold, a code that does not match, an expiry. */
function beforePin(locale: Locale, t: ConsumerMessages, info: PackInfoView): Html | null {
  const b = t.pack.beforePin;
  const reason = info.statusReason ? fmt(t.verdict.reasonSuffix, { reason: reasonIn(info.statusReason, locale) }) : "";
  const notice = (tone: "bad" | "warn", icon: string, text: string, testId = "pack-notice") =>
    html`<p class="notice${tone === "bad" ? " notice-bad" : ""}" role="alert" data-testid="${testId}">
      <span aria-hidden="true">${icon} </span>${text}
    </p>`;
  const m = info.mismatch;
  const mismatch = m
    ? notice(
        "bad",
        "✕",
        m.field === "expiry"
          ? fmt(t.pack.mismatch.expiry, {
              printed: formatYymmdd(locale, m.printed),
              ledger: formatDate(locale, info.expiresAt, "UTC"),
            })
          : fmt(t.pack.mismatch.lot, { printed: m.printed }),
        "pack-mismatch",
      )
    : null;
  const status =
    info.status === "recalled"
      ? notice("bad", "✕", fmt(b.recalled, { reason }))
      : info.status === "quarantined"
        ? notice("warn", "‖", fmt(b.quarantined, { reason }))
        : info.status === "unconfirmed"
          ? notice("warn", "?", b.unconfirmed)
          : info.expired
            ? notice("bad", "✕", fmt(b.expired, { date: formatDate(locale, info.expiresAt, "UTC") }))
            : null;
  return html`${mismatch}${status}`;
}

/** The PIN form: a plain POST to this page; the script groups the digits and checks without a page load. */
export function pinForm(locale: Locale, view: PackPageView): Html {
  const t = consumerMessages(locale).pin;
  const key = view.info;
  const problem = view.pinProblem ? t.errors[view.pinProblem] : null;
  return html`<form
    method="post"
    action="${packPath(key)}"
    class="pin-form"
    data-testid="pin-form"
    data-gtin="${key.gtin}"
    data-lot="${key.lot}"
    data-serial="${key.serial}"
  >
    ${view.printedExpiry ? html`<input type="hidden" name="exp" value="${view.printedExpiry}" />` : null}
    <label for="pin">${t.label}</label>
    <input
      id="pin"
      name="pin"
      inputmode="numeric"
      autocomplete="off"
      autocorrect="off"
      spellcheck="false"
      placeholder="0000 0000 0000 0000 0000"
      aria-describedby="pin-hint"
      ${problem ? html` aria-invalid="true"` : null}
    />
    <p id="pin-hint" class="hint"></p>
    <span class="visually-hidden" aria-live="polite" id="pin-live"></span>
    <button type="submit">${t.submit}</button>
    <div id="pin-problem">
      ${problem ? html`<p class="notice" role="alert" data-testid="pin-problem">${problem}</p>` : null}
    </div>
    <div id="verdict-slot">${view.verdict ? renderVerdict(view.verdict, locale) : null}</div>
  </form>`;
}

/** What a code no registered pack answers to is: a lot that is not its serial's, unconfirmed yet, or unknown. */
function unknownVerdict(info: PackInfoView): VerdictView {
  const key = { gtin: info.gtin, lot: info.lot, serial: info.serial };
  if (info.mismatch) return { code: "code_mismatch", mismatch: info.mismatch, ...key };
  return { code: info.status === "unconfirmed" ? "unconfirmed" : "unknown", ...key };
}

/** The pack page; with `view.verdict`, the verdict page (the same page with the verdict under the form). */
export function packPage(view: PackPageView, locale: Locale, scripts: readonly string[] = []): string {
  const t = consumerMessages(locale);
  const info = view.info;
  const path = packPath(info) + (view.printedExpiry ? `?17=${view.printedExpiry}` : "");
  const product = productLine(locale, info.product);
  const body = info.known
    ? html`${facts(locale, t, info)}${beforePin(locale, t, info)}${pinForm(locale, view)}${view.journey ? renderJourney(locale, view.journey) : null}${renderReport(locale, info, view.report)}`
    : html`${renderVerdict(view.verdict ?? unknownVerdict(info), locale)}${renderReport(locale, info, view.report)}`;
  return layout(
    {
      locale,
      title: product ? fmt(t.pack.titleOf, { product }) : t.pack.title,
      description: t.shell.description,
      path,
      scripts: info.known ? scripts : [],
    },
    html`<h1>${t.pack.title}</h1>
      ${body}
      <p><a href="/">${t.pack.another}</a></p>`,
  );
}
