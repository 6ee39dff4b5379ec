import { Page } from "@/components/Page";
import { SignInNotice } from "@/components/SignInNotice";
import { db } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";
import { listLeaflets } from "@tracemed/registration/leaflets";
import { listProducts } from "@tracemed/registration/products";
import { pageStaff } from "@/lib/session/server";
import { ProductsManager } from "./ProductsManager";

export const dynamic = "force-dynamic";

export default async function ProductsPage() {
  const { session, organisation: org } = await pageStaff("MANUFACTURER");
  if (!org) return <SignInNotice role="MANUFACTURER" session={session} />;
  const t = (await getI18n()).m.manufacturer.products;
  const products = await listProducts(db(), org.account);
  const leaflets = await listLeaflets(
    db(),
    products.map((p) => p.gtin),
  );
  return (
    <Page back={{ href: "/manufacturer", text: t.back }} title={t.title} lede={t.lede}>
      <ProductsManager
        prefixes={org.companyPrefixes}
        products={products.map(({ manufacturerAccount: _a, createdAt: _c, ...p }) => p)}
        leaflets={leaflets.map(({ gtin, locale, url, fileName }) => ({ gtin, locale, url, fileName }))}
      />
    </Page>
  );
}
