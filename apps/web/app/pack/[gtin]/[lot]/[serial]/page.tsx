import { displayText } from "@tracemed/codes/browser";
import { db } from "@/lib/db";
import { isDomainError } from "@tracemed/errors";
import { errorSentence } from "@/lib/errors";
import { getI18n } from "@/lib/i18n/server";
import { fmt } from "@/lib/i18n/locales";
import { packProvenance } from "@tracemed/provenance/provenance";
import { packView, type PublicPackView } from "@tracemed/provenance/readPolicy";
import { formatDate, regionName } from "@/lib/format";
import { packInfo, type PackInfo } from "@tracemed/verification/packInfo";
import { statusGuard } from "@/lib/verification";
import { Journey } from "@/components/consumer/Journey";
import { ReportForm } from "@/components/consumer/ReportForm";
import { Verdict } from "@/components/consumer/Verdict";
import { PinForm } from "./PinForm";
import "@/components/consumer/consumer.css";

export const dynamic = "force-dynamic";

const decode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** A scanned pack (the Digital Link resolver redirects here): what it is, the PIN check, its journey, a report. */
export default async function PackPage({ params }: { params: Promise<{ gtin: string; lot: string; serial: string }> }) {
  const p = await params;
  const { locale, m } = await getI18n();
  const t = m.consumer.pack;
  const key = { gtin: decode(p.gtin), lot: decode(p.lot), serial: decode(p.serial) };
  let info: PackInfo | null = null;
  let problem: string | null = null;
  try {
    info = await packInfo(db(), key, undefined, await statusGuard());
  } catch (e) {
    problem = isDomainError(e, "InvalidGtin", "InvalidLot", "InvalidSerial")
      ? fmt(t.invalidCode, { reason: errorSentence(m, e.code) })
      : t.lookupFailed;
  }
  // The public view of the read policy: what anyone holding the pack may see, whoever is signed in.
  let journey: PublicPackView | null = null;
  if (info?.known)
    journey = await packProvenance(db(), info.batchId, info.serial).then(
      (p) => packView(p, "public"),
      () => null,
    );

  const reason = info?.statusReason
    ? fmt(m.consumer.verdict.reasonSuffix, { reason: displayText(info.statusReason) })
    : "";
  return (
    <main className="pack consumer">
      <h1>{t.title}</h1>
      {problem ? (
        <p className="notice" role="alert" data-testid="pack-problem">
          {problem}
        </p>
      ) : info && !info.known ? (
        <>
          {/* Unconfirmed: the batch may be registered in a block the database does not have yet. */}
          <Verdict
            code={info.status === "unconfirmed" ? "unconfirmed" : "unknown"}
            facts={{ gtin: info.gtin, lot: info.lot, serial: info.serial }}
          />
          <ReportForm gtin={info.gtin} lot={info.lot} serial={info.serial} />
        </>
      ) : info ? (
        <>
          <section aria-labelledby="facts-title">
            <h2 id="facts-title" className="visually-hidden">
              {t.facts}
            </h2>
            <dl className="facts" data-testid="pack-facts">
              <dt>{t.product}</dt>
              <dd>
                {info.product
                  ? displayText(
                      `${info.product.text.en.generic} ${info.product.text.en.strength}, ${info.product.text.en.dosageForm}, ${info.product.text.en.packSize}`,
                    )
                  : info.gtin}
              </dd>
              <dt>{t.manufacturer}</dt>
              <dd>
                {info.manufacturer
                  ? `${displayText(info.manufacturer.name)} (${regionName(locale, info.manufacturer.country)})`
                  : "—"}
              </dd>
              <dt>{t.lot}</dt>
              <dd>{displayText(info.lot)}</dd>
              <dt>{t.serial}</dt>
              <dd>{info.serial}</dd>
              <dt>{t.expires}</dt>
              <dd>
                {formatDate(locale, info.expiresAt, "UTC")}
                {info.expired ? (
                  <span className="status status-recalled">
                    {" "}
                    <span aria-hidden="true">✕ </span>
                    {t.expiredWord}
                  </span>
                ) : null}
              </dd>
              <dt>{t.status}</dt>
              <dd>
                <span className={`status status-${info.status}`} data-testid="batch-status" data-status={info.status}>
                  <span aria-hidden="true">
                    {info.status === "active"
                      ? "✓ "
                      : info.status === "recalled"
                        ? "✕ "
                        : info.status === "unconfirmed"
                          ? "? "
                          : "‖ "}
                  </span>
                  {m.common.status[info.status ?? "active"]}
                </span>
              </dd>
            </dl>
          </section>
          {info.status === "recalled" ? (
            <p className="notice notice-bad" role="alert">
              <span aria-hidden="true">✕ </span>
              {fmt(t.beforePin.recalled, { reason })}
            </p>
          ) : info.status === "quarantined" ? (
            <p className="notice" role="alert">
              <span aria-hidden="true">‖ </span>
              {fmt(t.beforePin.quarantined, { reason })}
            </p>
          ) : info.status === "unconfirmed" ? (
            <p className="notice" role="alert">
              <span aria-hidden="true">? </span>
              {t.beforePin.unconfirmed}
            </p>
          ) : info.expired ? (
            <p className="notice notice-bad" role="alert">
              <span aria-hidden="true">✕ </span>
              {fmt(t.beforePin.expired, { date: formatDate(locale, info.expiresAt, "UTC") })}
            </p>
          ) : null}
          <PinForm gtin={info.gtin} lot={info.lot} serial={info.serial} />
          {journey ? <Journey locale={locale} m={m} journey={journey} /> : null}
          <ReportForm gtin={info.gtin} lot={info.lot} serial={info.serial} />
        </>
      ) : null}
      <p>
        <a href="/">{t.another}</a>
      </p>
    </main>
  );
}
