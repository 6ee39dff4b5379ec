/** "Report a suspicious pack" as a plain form post (POST {pack path}/report); nothing typed is lost on a refusal. */
import { MAX_REPORT_CONTACT, MAX_REPORT_TEXT, REPORT_CATEGORIES } from "@tracemed/verification/reports/categories";
import { html, type Html } from "../html";
import { fmt, type Locale } from "../locales";
import { consumerMessages } from "../messages";
import { packPath } from "./paths";

export interface ReportState {
  /** the stored report's reference */
  sent?: string;
  /** why it was not stored, in the reader's language */
  problem?: string;
  /** what was typed, shown again after a refusal */
  values?: { category?: string; text?: string; contact?: string };
}

export function renderReport(
  locale: Locale,
  key: { gtin: string; lot: string; serial: string },
  state: ReportState = {},
): Html {
  const t = consumerMessages(locale).report;
  if (state.sent)
    return html`<section class="report" id="report" aria-labelledby="report-title">
      <h2 id="report-title">${t.title}</h2>
      <p class="notice notice-ok" role="status" data-testid="report-sent" data-report-id="${state.sent}">
        <span aria-hidden="true">✓ </span>${fmt(t.sent, { id: state.sent })}
      </p>
    </section>`;
  const v = state.values ?? {};
  return html`<section class="report" id="report" aria-labelledby="report-title">
    <h2 id="report-title">${t.title}</h2>
    <p class="note">${t.intro}</p>
    <form method="post" action="${packPath(key)}/report#report" class="report-form" data-testid="report-form">
      <fieldset>
        <legend>${t.what}</legend>
        ${REPORT_CATEGORIES.map(
          (c) =>
            html`<label class="choice"
              ><input type="radio" name="category" value="${c}" required${v.category === c ? html` checked` : null} />
              ${t.categories[c]}</label
            >`,
        )}
      </fieldset>
      <label for="report-text">${t.text}</label>
      <textarea
        id="report-text"
        name="text"
        rows="4"
        maxlength="${MAX_REPORT_TEXT}"
        aria-describedby="report-text-hint"
        required
      >
${v.text ?? ""}</textarea>
      <p id="report-text-hint" class="hint">${t.textHint}</p>
      <label for="report-contact">${t.contact}</label>
      <input
        id="report-contact"
        name="contact"
        type="text"
        autocomplete="email"
        maxlength="${MAX_REPORT_CONTACT}"
        value="${v.contact ?? ""}"
        aria-describedby="report-contact-hint"
      />
      <p id="report-contact-hint" class="hint">${t.contactHint}</p>
      ${state.problem ? html`<p class="notice" role="alert" data-testid="report-problem">${state.problem}</p>` : null}
      <button type="submit">${t.send}</button>
    </form>
  </section>`;
}
