import { Page } from "@/components/Page";
import { SignInNotice } from "@/components/SignInNotice";
import { db } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";
import { listProducts } from "@tracemed/registration/products";
import { registrationView, type RegistrationView } from "@tracemed/registration/registration";
import { registrationDeps } from "@/lib/manufacturer/server";
import { pageStaff } from "@/lib/session/server";
import { RegisterBatch } from "./RegisterBatch";

export const dynamic = "force-dynamic";

export default async function NewBatchPage({ searchParams }: { searchParams: Promise<{ job?: string | string[] }> }) {
  const { session, organisation: org } = await pageStaff("MANUFACTURER");
  if (!org) return <SignInNotice role="MANUFACTURER" session={session} />;
  const { m } = await getI18n();
  const jobId = (await searchParams).job;
  let job: RegistrationView | null = null;
  if (typeof jobId === "string") job = await registrationView(registrationDeps(), jobId, org.account).catch(() => null);
  const products = await listProducts(db(), org.account);
  return (
    <Page
      back={{ href: "/manufacturer", text: m.manufacturer.batch.back }}
      title={m.manufacturer.register.title}
      lede={m.manufacturer.register.lede}
    >
      <RegisterBatch
        products={products.map((p) => ({ gtin: p.gtin, name: p.name, strength: p.strength, packSize: p.packSize }))}
        initial={job}
      />
    </Page>
  );
}
