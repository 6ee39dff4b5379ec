import type { ReactNode } from "react";
import type { Messages } from "../../lib/i18n/messages";

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
  return (
    <table aria-label={label} data-testid="products-table">
      <thead>
        <tr>
          <th scope="col">{t.name}</th>
          <th scope="col">{t.strength}</th>
          <th scope="col">{t.form}</th>
          <th scope="col">{t.packSize}</th>
          <th scope="col">{t.gtin}</th>
          {action ? <th scope="col">{t.actions}</th> : null}
        </tr>
      </thead>
      <tbody>
        {products.map((p) => (
          <tr key={p.gtin} data-gtin={p.gtin}>
            <td>{p.name}</td>
            <td>{p.strength}</td>
            <td>{p.dosageForm}</td>
            <td>{p.packSize}</td>
            <td>
              <code>{p.gtin}</code>
            </td>
            {action ? <td>{action(p)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
