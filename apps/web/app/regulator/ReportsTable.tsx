/** @jsxRuntime automatic */
import type { Messages } from "../../lib/i18n/messages";
import { formatUtc, regionName } from "../../lib/reports/format";
import type { StoredReport } from "../../lib/reports/consumerReports";

/**
 * Consumer reports as a dense table. Report text and contact are what anonymous people typed: they
 * are rendered as text children (React escapes them), never as HTML, and links in them are not made
 * clickable.
 */
export function ReportsTable({ reports, m, locale }: { reports: StoredReport[]; m: Messages; locale: string }) {
  const t = m.regulator.signals;
  if (reports.length === 0) return <p className="note">{t.noReports}</p>;
  return (
    <div className="table-scroll">
      <table aria-label={t.reports} data-testid="reports-table">
        <thead>
          <tr>
            <th scope="col">{t.last}</th>
            <th scope="col">{t.pack}</th>
            <th scope="col">{t.category}</th>
            <th scope="col">{t.text}</th>
            <th scope="col">{t.contact}</th>
            <th scope="col">{t.region}</th>
            <th scope="col" className="num">
              {t.sameCount}
            </th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r) => (
            <tr key={r.id} data-report-id={r.id}>
              <td>{formatUtc(r.createdAt)}</td>
              <td>
                {r.productName ?? r.gtin}
                <br />
                <code>
                  {r.lot} / {r.serial}
                </code>
                {r.batchId ? (
                  <>
                    <br />
                    <a href={`/batches/${r.batchId}`}>{r.manufacturerName ?? r.batchId.slice(0, 10)}</a>
                  </>
                ) : (
                  <>
                    <br />
                    <span className="status status-recalled">
                      <span aria-hidden="true">⚠ </span>
                      {t.unknownBatch}
                    </span>
                  </>
                )}
              </td>
              <td>{m.consumer.report.categories[r.category] ?? r.category}</td>
              <td className="report-text">{r.text}</td>
              <td>{r.contact ?? "—"}</td>
              <td>{regionName(locale, r.region)}</td>
              <td className="num">{r.reportsOfPack}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
