/**
 * The consumer's front door: what this is, scan or type a pack's code. The code forms are plain GETs to /go,
 * which answers with a redirect to the pack page, or this page again with the error.
 */
import { html } from "../html";
import { type Locale } from "../locales";
import { consumerMessages } from "../messages";
import { layout } from "./layout";

export interface HomeView {
  /** what was typed, shown again with its error */
  code?: string;
  codeError?: string | null;
  parts?: { gtin?: string; lot?: string; serial?: string };
  partsError?: string | null;
}

export function homePage(view: HomeView, locale: Locale): string {
  const m = consumerMessages(locale);
  const t = m.home;
  const parts = view.parts ?? {};
  const field = (f: "gtin" | "lot" | "serial") =>
    html`<label for="${f}">${t[f]}</label
      ><input
        id="${f}"
        name="${f}"
        ${f === "gtin" ? html` inputmode="numeric"` : html` autocapitalize="characters"`}
        autocomplete="off"
        spellcheck="false"
        value="${parts[f] ?? ""}"
      />`;
  return layout(
    { locale, title: t.title, description: t.lede, path: "/", current: "verify" },
    html`<h1>${t.title}</h1>
      <p class="lede">${t.lede}</p>
      <ol class="how" aria-label="${t.steps.label}">
        <li>${t.steps.scan}</li>
        <li>${t.steps.pin}</li>
        <li>${t.steps.verdict}</li>
      </ol>
      <p><a href="/scan" class="button" data-testid="scan-link">${t.scanLink}</a></p>
      <div class="code-entry">
        <form method="get" action="/go" class="stack" data-testid="code-form">
          <label for="code">${t.codeLabel}</label>
          <input
            id="code"
            name="code"
            type="text"
            inputmode="url"
            autocomplete="off"
            autocapitalize="off"
            spellcheck="false"
            value="${view.code ?? ""}"
            aria-describedby="code-hint code-error"
            ${view.codeError ? html` aria-invalid="true"` : null}
          />
          <p id="code-hint" class="hint">${t.codeHint}</p>
          ${view.codeError ? html`<p id="code-error" class="field-error" role="alert" data-testid="code-error">✕ ${view.codeError}</p>` : null}
          <button type="submit">${t.lookUp}</button>
        </form>
        <details class="by-parts" ${view.partsError ? html` open` : null}>
          <summary>${t.byParts}</summary>
          <form method="get" action="/go" class="stack" data-testid="parts-form">
            ${field("gtin")}${field("lot")}${field("serial")}
            ${view.partsError ? html`<p class="field-error" role="alert" data-testid="parts-error">✕ ${view.partsError}</p>` : null}
            <button type="submit">${t.lookUp}</button>
          </form>
        </details>
      </div>`,
  );
}
