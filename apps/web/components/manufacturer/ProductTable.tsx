import { displayText } from "@tracemed/codes/browser";
import type { ReactNode } from "react";
import { DataTable, type Column } from "@/components/table/DataTable";
import type { Messages } from "@/lib/i18n/messages";

export interface ProductRow {
  gtin: string;
  name: string;
  strength: string;
  dosageForm: string;
  packSize: string;
}

/** The manufacturer's products; `action` adds a last column (the products page's Edit buttons). */
export function ProductTable({
  products,
  m,
  label,
  action,
}: {
  products: ProductRow[];
  m: Messages;
  label: string;
  action?: (p: ProductRow) => ReactNode;
}) {
  const t = m.manufacturer.table;
  const columns: Column<ProductRow>[] = [
    { head: t.name, cell: (p) => displayText(p.name) },
    { head: t.strength, cell: (p) => p.strength },
    { head: t.form, cell: (p) => p.dosageForm },
    { head: t.packSize, cell: (p) => p.packSize },
    { head: t.gtin, cell: (p) => <code>{p.gtin}</code> },
  ];
  if (action) columns.push({ head: t.actions, cell: action });
  return (
    <DataTable
      label={label}
      testid="products-table"
      rows={products}
      rowKey={(p) => p.gtin}
      rowData={(p) => ({ "data-gtin": p.gtin })}
      columns={columns}
    />
  );
}
