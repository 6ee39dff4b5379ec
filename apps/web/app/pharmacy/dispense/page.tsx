import { Page } from "@/components/Page";
import { SignInNotice } from "@/components/SignInNotice";
import { db } from "@/lib/db";
import { holdingsOf, recentDispenses, UNDO_WINDOW_HOURS } from "@tracemed/provenance/custody";
import { treeCache } from "@/lib/custody/server";
import { pageStaff } from "@/lib/session/server";
import { fmt } from "@/lib/i18n/locales";
import { getI18n } from "@/lib/i18n/server";
import { DispenseDesk } from "./DispenseDesk";
import { UndoDispenses } from "./UndoDispenses";

export const dynamic = "force-dynamic";

/** The pharmacy counter: scan packs into a queue, see every alert, dispense in one transaction; undo recent ones. */
export default async function DispensePage() {
  const { session, organisation } = await pageStaff(["PHARMACY"]);
  if (!organisation) return <SignInNotice role="PHARMACY" session={session} />;
  const { m } = await getI18n();
  const t = m.custody.dispense;
  const [recent, holdings] = await Promise.all([
    recentDispenses(db(), organisation.account),
    holdingsOf(db(), organisation.account),
  ]);
  const stocked = holdings.filter((h) => h.held > 0 && h.status === "active" && !h.expired);
  treeCache().warm(
    stocked.map((h) => h.batchId),
    stocked.map((h) => h.packCount),
  );
  return (
    <Page className="max-w-4xl" title={t.title} lede={t.lede}>
      <DispenseDesk />
      <section aria-labelledby="undo-title" className="mt-10">
        <h2 id="undo-title">{t.undoTitle}</h2>
        <p className="text-muted">{fmt(t.undoLede, { hours: UNDO_WINDOW_HOURS })}</p>
        <UndoDispenses rows={recent} />
      </section>
    </Page>
  );
}
