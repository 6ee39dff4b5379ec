import { Page } from "@/components/Page";
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
  const t = (await getI18n()).m.manufacturer.products;
  const products = await listProducts(db(), org.account);
  return (
    <Page back={{ href: "/manufacturer", text: t.back }} title={t.title} lede={t.lede}>
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
    </Page>
  );
}
