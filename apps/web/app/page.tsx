import { CodeEntry } from "@/components/consumer/CodeEntry";
import "@/components/consumer/consumer.css";
import { Page } from "@/components/Page";
import { getI18n } from "@/lib/i18n/server";

/** The consumer's front door: what this is, and scan or type a pack's code. */
export default async function HomePage() {
  const { m } = await getI18n();
  const t = m.consumer.home;
  return (
    <Page className="consumer" title={t.title} lede={t.lede}>
      <ol className="how" aria-label={t.steps.label}>
        <li>{t.steps.scan}</li>
        <li>{t.steps.pin}</li>
        <li>{t.steps.verdict}</li>
      </ol>
      <p>
        <a href="/scan" className="button primary" data-testid="scan-link">
          {t.scanLink}
        </a>
      </p>
      <CodeEntry />
    </Page>
  );
}
