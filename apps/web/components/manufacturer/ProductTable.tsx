import { displayText } from "@tracemed/codes/browser";
import type { ReactNode } from "react";
import { DataTable, type Column } from "@/components/table/DataTable";
import type { Messages } from "@/lib/i18n/messages";

/** A product as the manufacturer's pages list it (null: not given). */
export interface ProductRow {
  gtin: string;
  name: string;
  nameZh: string | null;
  brand: string | null;
  brandZh: string | null;
  strength: string;
  dosageForm: string;
  dosageFormZh: string | null;
  packSize: string;
  packSizeZh: string | null;
  approvalNumber: string | null;
}

/** The English text, and under it the Chinese one when there is one. */
function both(en: string, zh: string | null): ReactNode {
  if (!zh) return displayText(en);
  return (
    <>
      {displayText(en)}
      <br />
      <span lang="zh-CN">{displayText(zh)}</span>
    </>
  );
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
    {
      head: t.name,
      sortValue: (p) => p.name,
      filterValue: (p) => [p.name, p.brand, p.nameZh, p.brandZh].filter(Boolean).join(" "),
      cell: (p) =>
        both(
          p.brand ? `${p.name} (${p.brand})` : p.name,
          p.nameZh || p.brandZh ? `${p.nameZh ?? p.name}${p.brandZh ? `（${p.brandZh}）` : ""}` : null,
        ),
    },
    { head: t.strength, cell: (p) => p.strength },
    { head: t.form, cell: (p) => both(p.dosageForm, p.dosageFormZh) },
    { head: t.packSize, cell: (p) => both(p.packSize, p.packSizeZh) },
    { head: t.approvalNumber, cell: (p) => (p.approvalNumber ? displayText(p.approvalNumber) : "—") },
    { head: t.gtin, cell: (p) => <code>{p.gtin}</code>, sortValue: (p) => p.gtin },
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
