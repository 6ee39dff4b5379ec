/** @jsxRuntime automatic */
import { isValidElement, type ReactNode } from "react";

export interface Column<T> {
  head: ReactNode;
  /** right-aligned, tabular figures */
  num?: boolean;
  cell: (row: T) => ReactNode;
  className?: string;
}

/**
 * A dense table: column heads, one row per item, horizontal scroll on narrow screens, and per-row
 * data attributes for tests and deep links (an undefined value leaves the attribute out). `empty` is
 * said instead of an empty table: text as a muted note, an element as it is. No hooks, so that server
 * and client components can both use it.
 */
export function Table<T>({
  label,
  labelledBy,
  testid,
  columns,
  rows,
  rowKey,
  rowData,
  empty,
}: {
  label?: string;
  labelledBy?: string;
  testid?: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowData?: (row: T) => Record<`data-${string}`, string | boolean | undefined>;
  empty?: ReactNode;
}) {
  if (rows.length === 0 && empty !== undefined) return isValidElement(empty) ? empty : <p className="note">{empty}</p>;
  return (
    <div className="table-scroll">
      <table aria-label={label} aria-labelledby={labelledBy} data-testid={testid}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" className={c.num ? "num" : undefined}>
                {c.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)} {...(rowData?.(r) ?? {})}>
              {columns.map((c, i) => (
                <td key={i} className={[c.num ? "num" : "", c.className ?? ""].join(" ").trim() || undefined}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
