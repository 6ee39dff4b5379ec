import { Page } from "@/components/Page";
import { SignInNotice } from "@/components/SignInNotice";
import { Notice } from "@/components/Notice";
import { db } from "@/lib/db";
import { sealedUnitsAt } from "@tracemed/provenance/unitDesk";
import { pageStaff } from "@/lib/session/server";
import { getI18n } from "@/lib/i18n/server";
import { units } from "@/lib/ledger";
import { PackDesk } from "./PackDesk";

export const dynamic = "force-dynamic";

/** Pack cases and pallets: scan packs (or cases) into a unit with an SSCC, print its logistic label, unpack. */
export default async function PackPage() {
  const { session, organisation } = await pageStaff(["MANUFACTURER", "DISTRIBUTOR"]);
  if (!organisation) return <SignInNotice role="DISTRIBUTOR" session={session} />;
  const { m } = await getI18n();
  const t = m.custody.pack;
  if (!(await units()))
    return (
      <Page className="max-w-4xl" title={t.title} lede={t.lede}>
        <Notice data-testid="units-unavailable">{t.unavailable}</Notice>
      </Page>
    );
  const held = await sealedUnitsAt(db(), organisation.account);
  return (
    <Page className="max-w-4xl" title={t.title} lede={t.lede}>
      <PackDesk gln={organisation.gln} held={held} />
    </Page>
  );
}
