import type { Column } from "@/components/table/DataTable";
import type { Messages } from "@/lib/i18n/messages";
import type { BatchRow } from "@tracemed/provenance/manufacturer/overview";

/** Where a batch's packs are: the four counts both the dashboard and the batch page show. */
export function custodyColumns(m: Messages, locale: string): Column<BatchRow>[] {
  const t = m.manufacturer.table;
  const count = (head: string, n: (b: BatchRow) => number): Column<BatchRow> => ({
    head,
    num: true,
    cell: (b) => n(b).toLocaleString(locale),
  });
  return [
    count(t.atSite, (b) => b.atSite),
    count(t.inNetwork, (b) => b.inNetwork),
    count(t.inTransit, (b) => b.inTransit),
    count(t.dispensed, (b) => b.dispensed),
  ];
}
