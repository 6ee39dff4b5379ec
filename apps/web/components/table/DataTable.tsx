/** @jsxRuntime automatic */
import { isValidElement, type ReactNode } from "react";
import { DataTableView, type ViewColumn, type ViewRow } from "./DataTableView";

/** What a list declares: a heading, and how to show one row's value. */
export interface Column<T> {
  /** the column heading; on a phone, the label before each value */
  head: string;
  /** right-aligned, tabular figures */
  num?: boolean;
  cell: (row: T) => ReactNode;
  className?: string;
  /** what the column sorts by (numbers as numbers, dates as ISO strings or times); the column is sortable with it */
  sortValue?: (row: T) => string | number | null | undefined;
  /** the words the text filter looks for in this column (default: the sort value, when it is text) */
  filterValue?: (row: T) => string | null | undefined;
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

/** Above this many rows a list offers its text filter unless told otherwise. */
const FILTER_FROM = 10;

/**
 * Every staff list: column heads (sortable where a column says how), a text filter, pages of `pageSize` rows,
 * per-row data attributes for tests and deep links (an undefined value leaves the attribute out). On a phone
 * (below 640 px) each row becomes a card whose values carry their column's heading. `empty` is said instead of an
 * empty table: text as a muted note, an element as it is. `heading` wraps the table in a section under that
 * heading.
 *
 * This part has no hooks, so server and client components both use it: it renders every cell here and hands the
 * rendered rows, with their sort keys and filter words, to the interactive view (TanStack Table's row models).
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
  filter,
  pageSize = 25,
  sort,
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
  /** show the text filter (default: above 10 rows, when some column has words to filter by) */
  filter?: boolean;
  /** rows a page; paging shows only when there are more */
  pageSize?: number;
  /** the sort on first show: a column's index, descending when `desc` */
  sort?: { column: number; desc?: boolean };
}) {
  const filterWords = (c: Column<T>, row: T): string => {
    const words = c.filterValue ? c.filterValue(row) : c.sortValue?.(row);
    return typeof words === "string" ? words : "";
  };
  const viewColumns: ViewColumn[] = columns.map((c) => ({
    head: c.head,
    num: c.num,
    className: c.className,
    sortable: c.sortValue !== undefined,
  }));
  const viewRows: ViewRow[] = rows.map((row) => ({
    key: rowKey(row),
    data: rowData?.(row) ?? {},
    cells: columns.map((c) => c.cell(row)),
    sort: columns.map((c) => c.sortValue?.(row) ?? null),
    text: columns
      .map((c) => filterWords(c, row))
      .join("\u0000")
      .toLocaleLowerCase(),
  }));
  const canFilter = viewRows.some((r) => r.text.replaceAll("\u0000", "") !== "");
  const body =
    rows.length === 0 && empty !== undefined ? (
      isValidElement(empty) ? (
        empty
      ) : (
        <p className="note">{empty}</p>
      )
    ) : (
      <DataTableView
        columns={viewColumns}
        rows={viewRows}
        label={label}
        labelledBy={heading?.id ?? labelledBy}
        name={label ?? (typeof heading?.text === "string" ? heading.text : undefined)}
        testid={testid}
        filter={(filter ?? rows.length > FILTER_FROM) && canFilter}
        pageSize={pageSize}
        sort={sort}
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
