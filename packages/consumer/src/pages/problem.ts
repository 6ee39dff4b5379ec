/** A refusal of an HTML route as a page: one clear sentence in the reader's language, and the way back. */
import { html } from "../html";
import { type Locale } from "../locales";
import { consumerMessages } from "../messages";
import { layout } from "./layout";

export function problemPage(sentence: string, locale: Locale, path = "/"): string {
  const t = consumerMessages(locale).problems;
  return layout(
    { locale, title: t.title, path },
    html`<h1>${t.title}</h1>
      <p class="notice notice-bad" role="alert" data-testid="problem">${sentence}</p>
      <p><a href="/">${t.home}</a></p>`,
  );
}
