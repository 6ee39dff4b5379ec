import { Page } from "@/components/Page";
import { getI18n } from "@/lib/i18n/server";
import { ConsumerScanner } from "./ConsumerScanner";

/** The camera scanner for consumers whose phone camera app does not open links. No wallet, no account. */
export default async function ScanPage() {
  const { m } = await getI18n();
  const t = m.custody.consumerScan;
  return (
    <Page className="narrow" title={t.title} lede={t.lede}>
      <ConsumerScanner />
      <section aria-labelledby="scan-help">
        <h2 id="scan-help">{t.helpTitle}</h2>
        <ul>
          <li>{t.help1}</li>
          <li>{t.help2}</li>
          <li>{t.help3}</li>
        </ul>
      </section>
    </Page>
  );
}
