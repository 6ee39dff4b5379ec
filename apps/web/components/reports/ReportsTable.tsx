/** @jsxRuntime automatic */
import { displayText } from "@tracemed/codes/browser";
import { DataTable, type TableHeading } from "@/components/table/DataTable";
import type { Messages } from "@/lib/i18n/messages";
import type { StoredReport } from "@tracemed/verification/reports/consumerReports";
import { regionName } from "@/lib/format";
import { datesFor } from "@/lib/dates";
import { Badge } from "@/components/ui/badge";

/**
 * Consumer reports as a dense table. Report text and contact are what anonymous people typed: they
 * are rendered as text children (React escapes them), never as HTML, and links in them are not made
 * clickable.
 */
export function ReportsTable({
  reports,
  m,
  locale,
  timeZone = "UTC",
  heading,
  empty,
}: {
  reports: StoredReport[];
  m: Messages;
  locale: string;
  /** the reader's, for the dates */
  timeZone?: string;
  heading?: TableHeading;
  /** what an empty list says (by default: no reports yet) */
  empty?: string;
}) {
  const t = m.regulator.signals;
  const dates = datesFor({ locale, timeZone });
  return (
    <DataTable
      heading={heading}
      label={heading ? undefined : t.reports}
      testid="reports-table"
      rows={reports}
      rowKey={(r) => r.id}
      rowData={(r) => ({ "data-report-id": r.id })}
      empty={empty ?? t.noReports}
      columns={[
        { head: t.last, cell: (r) => dates.at(r.createdAt), sortValue: (r) => r.createdAt },
        {
          head: t.pack,
          cell: (r) => (
            <>
              {displayText(r.productName ?? r.gtin)}
              <br />
              <code>
                {displayText(r.lot)} / {displayText(r.serial)}
              </code>
              <br />
              {r.batchId ? (
                <a href={`/batches/${r.batchId}`}>{displayText(r.manufacturerName ?? r.batchId.slice(0, 10))}</a>
              ) : (
                <Badge tone="bad">
                  <span aria-hidden="true">⚠</span>
                  {t.unknownBatch}
                </Badge>
              )}
            </>
          ),
        },
        { head: t.category, cell: (r) => m.consumer.report.categories[r.category] ?? displayText(r.category) },
        {
          head: t.text,
          cell: (r) => displayText(r.text),
          className: "max-w-[40ch] whitespace-pre-wrap [overflow-wrap:anywhere]",
        },
        { head: t.contact, cell: (r) => (r.contact ? displayText(r.contact) : "—") },
        { head: t.region, cell: (r) => regionName(locale, r.region) },
        { head: t.sameCount, num: true, cell: (r) => r.reportsOfPack },
      ]}
    />
  );
}
