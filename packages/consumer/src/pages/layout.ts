/** The frame of every consumer page: the localised head, the one-line header, the main content. */
import { html, raw, type Html } from "../html";
import { LOCALES, type Locale } from "../locales";
import { consumerMessages } from "../messages";
import { STYLESHEET } from "../style";

export interface Shell {
  locale: Locale;
  /** the page's own title (the brand is added) */
  title: string;
  description?: string;
  /** this page's path and query: where the language switch comes back to */
  path: string;
  /** which header link is this page */
  current?: "verify" | "scan";
  /** script URLs (content-hashed ES modules) that enhance the page */
  scripts?: readonly string[];
}

/** The language switch's link: a plain GET (/lang sets the cookie and comes back), so it works without JavaScript. */
export function languageHref(to: Locale, back: string): string {
  return `/lang?to=${encodeURIComponent(to)}&back=${encodeURIComponent(back)}`;
}

/** A whole page as the HTML document sent. */
export function layout(shell: Shell, body: Html): string {
  const s = consumerMessages(shell.locale).shell;
  const other = LOCALES.find((l) => l !== shell.locale)!;
  const current = (which: Shell["current"]) => (shell.current === which ? html` aria-current="page"` : null);
  return html`<!doctype html>
    <html lang="${shell.locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${shell.title} · ${s.brand}</title>
        <meta name="description" content="${shell.description ?? s.description}" />
        <style>
          ${raw(STYLESHEET)}
        </style>
        ${(shell.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`)}
      </head>
      <body>
        <a class="skip" href="#main">${s.skip}</a>
        <header>
          <nav aria-label="${s.nav}" data-testid="consumer-header">
            <a class="brand" href="/">${s.brand}</a>
            <a href="/" ${current("verify")}>${s.verify}</a>
            <a href="/scan" ${current("scan")}>${s.scan}</a>
            <a
              href="${languageHref(other, shell.path)}"
              lang="${other}"
              hreflang="${other}"
              data-testid="language-switch"
              aria-label="${s.language}: ${s.switchTo}"
              >${s.switchTo}</a
            >
            <a href="/staff">${s.staff}</a>
          </nav>
        </header>
        <main id="main">${body}</main>
      </body>
    </html> `.text;
}
