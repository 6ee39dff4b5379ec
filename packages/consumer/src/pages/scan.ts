/**
 * The camera scanner for consumers whose phone camera app does not open links. Without JavaScript (or
 * without a camera) it is a code field posting to /go; the script adds the camera.
 */
import { html } from "../html";
import { type Locale } from "../locales";
import { consumerMessages } from "../messages";
import { layout } from "./layout";

export function scanPage(
  view: { code?: string; codeError?: string | null },
  locale: Locale,
  scripts: readonly string[] = [],
): string {
  const m = consumerMessages(locale);
  const t = m.scan;
  return layout(
    { locale, title: t.title, description: t.lede, path: "/scan", current: "scan", scripts },
    html`<h1>${t.title}</h1>
      <p class="lede">${t.lede}</p>
      <div
        id="camera"
        data-testid="consumer-scan"
        data-no-camera="${t.noCamera}"
        data-denied="${t.denied}"
        data-looking="${t.looking}"
        data-opening="${t.opening}"
        data-shipment="${t.shipmentCode}"
        data-start="${t.start}"
        data-stop="${t.stop}"
      ></div>
      <form method="get" action="/go" class="stack" data-testid="consumer-scan-form">
        <input type="hidden" name="from" value="scan" />
        <label for="code">${t.inputLabel}</label>
        <input
          id="code"
          name="code"
          type="text"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          value="${view.code ?? ""}"
          ${view.codeError ? html` aria-invalid="true"` : null}
        />
        ${view.codeError ? html`<p class="field-error" role="alert" data-testid="consumer-scan-error">✕ ${view.codeError}</p>` : null}
        <button type="submit">${t.submit}</button>
      </form>
      <p role="status" class="hint" id="scan-status" data-testid="consumer-scan-status"></p>
      <section aria-labelledby="scan-help">
        <h2 id="scan-help">${t.helpTitle}</h2>
        <ul>
          <li>${t.help1}</li>
          <li>${t.help2}</li>
          <li>${t.help3}</li>
        </ul>
      </section>`,
  );
}
