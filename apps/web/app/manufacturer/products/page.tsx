import { SignInNotice } from "@/components/SignInNotice";
import { db } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";
import { listProducts } from "@tracemed/registration/products";
import { pageStaff } from "@/lib/session/server";
import { ProductsManager } from "./ProductsManager";

export const dynamic = "force-dynamic";

export default async function ProductsPage() {
  const { session, organisation: org } = await pageStaff("MANUFACTURER");
  if (!org) return <SignInNotice role="MANUFACTURER" session={session} />;
  const { m } = await getI18n();
  const products = await listProducts(db(), org.account);
  return (
    <main>
      <p>
        <a href="/manufacturer">← {m.manufacturer.products.back}</a>
      </p>
      <h1>{m.manufacturer.products.title}</h1>
      <p className="lede">{m.manufacturer.products.lede}</p>
      <ProductsManager
        prefixes={org.companyPrefixes}
        products={products.map((p) => ({
          gtin: p.gtin,
          name: p.name,
          strength: p.strength,
          dosageForm: p.dosageForm,
          packSize: p.packSize,
        }))}
      />
    </main>
  );
}
