import type { Messages } from "../../lib/i18n/messages";
import type { BatchRow } from "../../lib/manufacturer/overview";

/** Where a batch's packs are: the four counts both the dashboard and the batch page show. */
export function CustodyHeads({ m }: { m: Messages }) {
  const t = m.manufacturer.table;
  return (
    <>
      {[t.atSite, t.inNetwork, t.inTransit, t.dispensed].map((label) => (
        <th key={label} scope="col" className="num">
          {label}
        </th>
      ))}
    </>
  );
}

export function CustodyCells({ batch, locale }: { batch: BatchRow; locale: string }) {
  return (
    <>
      {[batch.atSite, batch.inNetwork, batch.inTransit, batch.dispensed].map((n, i) => (
        <td key={i} className="num">
          {n.toLocaleString(locale)}
        </td>
      ))}
    </>
  );
}
