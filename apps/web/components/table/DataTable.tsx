/** @jsxRuntime automatic */
import { createTable, getCoreRowModel, type ColumnDef, type RowData } from "@tanstack/react-table";
import { isValidElement, type ReactNode } from "react";

declare module "@tanstack/react-table" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface ColumnMeta<TData extends RowData, TValue> {
    /** right-aligned, tabular figures */
    num?: boolean;
    className?: string;
  }
}

/** What a list declares: a heading, and how to show one row's value. */
export interface Column<T> {
  /** the column heading; on a phone, the label before each value */
  head: string;
  /** right-aligned, tabular figures */
  num?: boolean;
  cell: (row: T) => ReactNode;
  className?: string;
}

/** A table's own heading: the section it opens is labelled by it, and so is the table. */
export interface TableHeading {
  id: string;
  text: ReactNode;
  /** h2 by default */
  level?: 2 | 3;
  /** a decorative icon before the words, hidden from screen readers */
  icon?: string;
  /** a muted sentence under the heading: what the list means */
  note?: ReactNode;
  /** shown between the heading and the list (the outcome of a row's action, say) */
  intro?: ReactNode;
}

function toDefs<T>(columns: Column<T>[]): ColumnDef<T>[] {
  return columns.map((c, i) => ({
    id: String(i),
    header: c.head,
    cell: (ctx) => c.cell(ctx.row.original),
    meta: { num: c.num, className: c.className },
  }));
}

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(" ") || undefined;

/**
 * Every staff list: column heads, one row per item, per-row data attributes for tests and deep links
 * (an undefined value leaves the attribute out). On a phone each row becomes a card whose values
 * carry their column's heading. `empty` is said instead of an empty table: text as a muted note, an
 * element as it is. `heading` wraps the table in a section under that heading. The row and header
 * models are TanStack Table's; it is built without hooks, so server and client components both use
 * this.
 */
export function DataTable<T>({
  heading,
  label,
  labelledBy,
  testid,
  columns,
  rows,
  rowKey,
  rowData,
  empty,
}: {
  heading?: TableHeading;
  label?: string;
  labelledBy?: string;
  testid?: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowData?: (row: T) => Record<`data-${string}`, string | boolean | undefined>;
  empty?: ReactNode;
}) {
  const body =
    rows.length === 0 && empty !== undefined ? (
      isValidElement(empty) ? (
        empty
      ) : (
        <p className="note">{empty}</p>
      )
    ) : (
      <Rows
        columns={columns}
        rows={rows}
        rowKey={rowKey}
        rowData={rowData}
        label={label}
        labelledBy={heading?.id ?? labelledBy}
        testid={testid}
      />
    );
  if (!heading) return body;
  const H = heading.level === 3 ? "h3" : "h2";
  return (
    <section aria-labelledby={heading.id} className={H === "h3" ? "data-table-sub" : undefined}>
      <H id={heading.id}>
        {heading.icon ? <span aria-hidden="true">{heading.icon} </span> : null}
        {heading.text}
      </H>
      {heading.note ? <p className="note">{heading.note}</p> : null}
      {heading.intro}
      {body}
    </section>
  );
}

function Rows<T>({
  columns,
  rows,
  rowKey,
  rowData,
  label,
  labelledBy,
  testid,
}: {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowData?: (row: T) => Record<`data-${string}`, string | boolean | undefined>;
  label?: string;
  labelledBy?: string;
  testid?: string;
}) {
  const table = createTable<T>({
    data: rows,
    columns: toDefs(columns),
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => rowKey(row),
    state: {},
    onStateChange: () => {},
    renderFallbackValue: null,
  });
  // What useReactTable does on its first render, without keeping the state in a hook.
  table.setOptions((o) => ({ ...o, state: table.initialState }));
  return (
    <div className="data-table">
      <table aria-label={label} aria-labelledby={labelledBy} data-testid={testid}>
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>
              {g.headers.map((h) => (
                <th key={h.id} scope="col" className={classes(h.column.columnDef.meta?.num && "num")}>
                  {h.column.columnDef.header as string}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} {...(rowData?.(row.original) ?? {})}>
              {row.getVisibleCells().map((cell) => {
                const def = cell.column.columnDef;
                // Called, not mounted (flexRender would make each cell function a component, and a
                // new one on every render of a desk remounts its buttons).
                const content = typeof def.cell === "function" ? def.cell(cell.getContext()) : def.cell;
                return (
                  <td
                    key={cell.id}
                    data-label={def.header as string}
                    className={classes(def.meta?.num && "num", def.meta?.className)}
                  >
                    <span className="data-table-value">{content as ReactNode}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
