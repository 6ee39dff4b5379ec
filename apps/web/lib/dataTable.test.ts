/**
 * The one staff table as the server renders it (the first paint a reader sees): sortable heads say their sort,
 * the first sort is applied, long lists get a filter and pages, and a phone card labels every value.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { DataTable, type Column } from "@/components/table/DataTable";

interface Drug {
  name: string;
  packs: number;
  lot: string;
}

const columns: Column<Drug>[] = [
  { head: "Product", cell: (d) => d.name, sortValue: (d) => d.name },
  { head: "Packs", num: true, cell: (d) => String(d.packs), sortValue: (d) => d.packs },
  { head: "Lot", cell: (d) => d.lot },
];

const render = (rows: Drug[], props: Record<string, unknown> = {}) =>
  renderToStaticMarkup(
    createElement(DataTable<Drug>, { label: "Stock", columns, rows, rowKey: (d) => d.lot, ...props }),
  );

/** The rows' first cells in the order shown. */
const firstCells = (html: string) =>
  [...html.matchAll(/<tr[^>]*><td data-label="Product"[^>]*><span class="data-table-value">([^<]*)</g)].map(
    (x) => x[1],
  );

const drugs = (n: number): Drug[] =>
  Array.from({ length: n }, (_, i) => ({ name: `Drug ${i + 1}`, packs: (i * 37) % 101, lot: `L${i}` }));

describe("DataTable", () => {
  it("says which heads sort and how, and leaves the others plain", () => {
    const html = render(drugs(3), { sort: { column: 1, desc: true } });
    assert.match(html, /<th scope="col" aria-sort="none"><button type="button"[^>]*>Product/);
    assert.match(html, /<th scope="col" class="num" aria-sort="descending"><button/);
    assert.match(html, /<th scope="col">Lot<\/th>/);
  });

  it("shows the rows in the first sort asked for: numbers by value, names as a reader orders them", () => {
    const rows = [
      { name: "Drug 10", packs: 9, lot: "A" },
      { name: "Drug 9", packs: 100, lot: "B" },
      { name: "Drug 2", packs: 20, lot: "C" },
    ];
    assert.deepEqual(firstCells(render(rows, { sort: { column: 1, desc: true } })), ["Drug 9", "Drug 2", "Drug 10"]);
    assert.deepEqual(firstCells(render(rows, { sort: { column: 0 } })), ["Drug 2", "Drug 9", "Drug 10"]);
    assert.deepEqual(firstCells(render(rows)), ["Drug 10", "Drug 9", "Drug 2"], "unsorted: as given");
  });

  it("pages a long list and says where the reader is", () => {
    const html = render(drugs(60), { pageSize: 25 });
    assert.equal(firstCells(html).length, 25);
    assert.match(html, /1–25 of 60/);
    assert.match(html, /aria-label="Previous page" disabled/);
    assert.match(html, /aria-label="Next page"/);
    assert.doesNotMatch(render(drugs(25), { pageSize: 25 }), /Next page/, "one page: no paging");
  });

  it("offers a labelled filter above ten rows, and not below", () => {
    assert.match(render(drugs(11)), /<label for="[^"]+" class="sr-only">Filter Stock<\/label>/);
    assert.match(render(drugs(11)), /type="search"/);
    assert.doesNotMatch(render(drugs(10)), /type="search"/);
    assert.match(render(drugs(2), { filter: true }), /type="search"/, "asked for: shown");
  });

  it("labels every value with its column for the phone's cards", () => {
    const html = render(drugs(1));
    assert.match(html, /<td data-label="Packs" class="num"><span class="data-table-value">0<\/span><\/td>/);
    assert.match(html, /<td data-label="Lot"><span class="data-table-value">L0<\/span><\/td>/);
  });

  it("says the empty sentence instead of an empty table", () => {
    const html = render([], { empty: "No stock yet." });
    assert.equal(html, '<p class="note">No stock yet.</p>');
  });
});
