"use client";
/** @jsxRuntime automatic */
import {
  getCoreRowModel,
  getFilteredRowModel,
  getPaginationRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type Row,
  type SortingState,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, ChevronLeft, ChevronRight, Search } from "lucide-react";
import { useId, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/cn";
import { useI18nOrDefault } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";

export interface ViewColumn {
  head: string;
  num?: boolean;
  className?: string;
  sortable: boolean;
}

/** A row as DataTable rendered it: its cells, and what sorting and filtering read. */
export interface ViewRow {
  key: string;
  data: Record<`data-${string}`, string | boolean | undefined>;
  cells: ReactNode[];
  sort: (string | number | null)[];
  /** the filter's words, lower-case */
  text: string;
}

type SortKey = string | number | null;

/** Numbers by value, text as a reader of `locale` orders it (numbers inside text by value), blanks last. */
function compareKeys(a: SortKey, b: SortKey, collator: Intl.Collator): number {
  if (a === null || a === "") return b === null || b === "" ? 0 : 1;
  if (b === null || b === "") return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

function toDefs(columns: ViewColumn[], collator: Intl.Collator): ColumnDef<ViewRow>[] {
  return columns.map((c, i) => ({
    id: String(i),
    header: c.head,
    accessorFn: (row) => row.sort[i],
    enableSorting: c.sortable,
    sortUndefined: "last",
    sortingFn: (a: Row<ViewRow>, b: Row<ViewRow>) =>
      compareKeys(a.original.sort[i] ?? null, b.original.sort[i] ?? null, collator),
    cell: (ctx) => ctx.row.original.cells[i],
  }));
}

const ARIA_SORT = { asc: "ascending", desc: "descending" } as const;

export function DataTableView({
  columns,
  rows,
  label,
  labelledBy,
  name,
  testid,
  filter,
  pageSize,
  sort,
}: {
  columns: ViewColumn[];
  rows: ViewRow[];
  label?: string;
  labelledBy?: string;
  /** the list's name, for the filter's label */
  name?: string;
  testid?: string;
  filter: boolean;
  pageSize: number;
  sort?: { column: number; desc?: boolean };
}) {
  const { locale, m } = useI18nOrDefault();
  const t = m.shell.table;
  const filterId = useId();
  const tableId = useId();
  const [sorting, setSorting] = useState<SortingState>(
    sort ? [{ id: String(sort.column), desc: sort.desc ?? false }] : [],
  );
  const [query, setQuery] = useState("");
  const [pagination, setPagination] = useState({ pageIndex: 0, pageSize });
  const [collator] = useState(() => new Intl.Collator(locale, { numeric: true, sensitivity: "base" }));
  const table = useReactTable<ViewRow>({
    data: rows,
    columns: toDefs(columns, collator),
    getRowId: (row) => row.key,
    state: { sorting, globalFilter: query, pagination },
    onSortingChange: setSorting,
    onGlobalFilterChange: setQuery,
    onPaginationChange: setPagination,
    globalFilterFn: (row, _id, value: string) => row.original.text.includes(value.trim().toLocaleLowerCase()),
    getColumnCanGlobalFilter: () => true,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    enableSortingRemoval: true,
  });
  const shown = table.getFilteredRowModel().rows.length;
  const { pageIndex } = table.getState().pagination;
  const from = shown === 0 ? 0 : pageIndex * pageSize + 1;
  const to = Math.min(shown, (pageIndex + 1) * pageSize);

  return (
    <div className="data-table-wrap flex flex-col gap-2">
      {filter ? (
        <div className="relative w-full max-w-xs">
          <label htmlFor={filterId} className="sr-only">
            {name ? fmt(t.filter, { name }) : t.filterList}
          </label>
          <Search
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted"
          />
          <input
            id={filterId}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder={t.filterPlaceholder}
            aria-controls={tableId}
            className="h-9 w-full rounded-control border border-line-strong bg-surface pr-3 pl-8 text-sm text-ink outline-none placeholder:text-muted focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/40"
          />
        </div>
      ) : null}
      <div className="data-table">
        <table id={tableId} aria-label={label} aria-labelledby={labelledBy} data-testid={testid}>
          <thead>
            {table.getHeaderGroups().map((g) => (
              <tr key={g.id}>
                {g.headers.map((h) => {
                  const c = columns[Number(h.column.id)]!;
                  const sorted = h.column.getIsSorted();
                  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ArrowUpDown;
                  return (
                    <th
                      key={h.id}
                      scope="col"
                      className={c.num ? "num" : undefined}
                      aria-sort={c.sortable ? (sorted ? ARIA_SORT[sorted] : "none") : undefined}
                    >
                      {c.sortable ? (
                        <button
                          type="button"
                          onClick={h.column.getToggleSortingHandler()}
                          className={cn(
                            "-mx-1 inline-flex cursor-pointer items-center gap-1 rounded px-1 text-left font-semibold outline-none hover:text-brand focus-visible:ring-3 focus-visible:ring-ring",
                            c.num && "flex-row-reverse text-right",
                          )}
                        >
                          {c.head}
                          <Icon aria-hidden="true" className={cn("size-3.5 shrink-0", !sorted && "text-muted")} />
                        </button>
                      ) : (
                        c.head
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} {...row.original.data}>
                {row.original.cells.map((content, i) => {
                  const c = columns[i]!;
                  return (
                    <td key={i} data-label={c.head} className={cn(c.num && "num", c.className) || undefined}>
                      <span className="data-table-value">{content}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown === 0 && query ? (
        <p className="note" role="status">
          {fmt(t.noMatch, { query: query.trim() })}
        </p>
      ) : null}
      {shown > pageSize ? (
        <nav aria-label={label ?? name ?? t.filterList} className="flex items-center justify-end gap-2 text-sm">
          <span className="text-muted" aria-live="polite">
            {fmt(t.range, { from, to, total: shown })}
          </span>
          <Button
            variant="secondary"
            size="icon"
            className="size-9"
            aria-label={t.previous}
            disabled={!table.getCanPreviousPage()}
            onClick={() => table.previousPage()}
          >
            <ChevronLeft aria-hidden="true" />
          </Button>
          <Button
            variant="secondary"
            size="icon"
            className="size-9"
            aria-label={t.next}
            disabled={!table.getCanNextPage()}
            onClick={() => table.nextPage()}
          >
            <ChevronRight aria-hidden="true" />
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
