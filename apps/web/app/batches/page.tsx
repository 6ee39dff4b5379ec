import { ROLE } from "@tracemed/chain";
import { db } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";
import { fmt } from "@/lib/i18n/locales";
import { listBatches } from "@tracemed/provenance/regulator/batchList";
import { staffNoticeText } from "@/components/SignInNotice";
import { ANY_ORGANISATION, pageStaff } from "@/lib/session/server";
import { BatchTable } from "@/components/batches/BatchTable";
import { Page } from "@/components/Page";
import { datesFor } from "@/lib/dates";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/Notice";

export const dynamic = "force-dynamic";

const STATUSES = ["active", "quarantined", "recalled", "expired"] as const;
type Filter = (typeof STATUSES)[number];

/**
 * Every batch the signed-in organisation may see, from the database (the indexed ledger): a
 * regulator sees all; any other organisation the batches it made, holds or held, shipped or received.
 */
export default async function BatchesPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const i18n = await getI18n();
  const m = i18n.m;
  const t = m.provenance.list;
  const { session, organisation: org } = await pageStaff(ANY_ORGANISATION);
  if (!org) {
    return (
      <Page title={t.title}>
        <Notice role="alert" data-testid="sign-in-needed">
          {staffNoticeText(m, session, null, m.provenance.needStaff)}
        </Notice>
      </Page>
    );
  }
  const wanted = (await searchParams).status;
  const status = (STATUSES as readonly string[]).includes(wanted ?? "") ? (wanted as Filter) : undefined;
  const [rows, cursor] = await Promise.all([
    listBatches(db(), { viewer: org, status }),
    db().indexerCursor.findFirst({ orderBy: { lastBlock: "desc" } }),
  ]);
  const all = (org.roles & ROLE.REGULATOR) !== 0;
  const block = cursor ? cursor.lastBlock.toString() : "—";
  return (
    <Page
      title={t.title}
      lede={
        all ? fmt(t.ledeAll, { n: rows.length, block }) : fmt(t.ledeMine, { name: org.name, n: rows.length, block })
      }
    >
      <nav aria-label={t.filter} className="mb-4 flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium text-muted">{t.filter}:</span>
        {[undefined, ...STATUSES].map((s) => (
          <Button
            key={s ?? "all"}
            asChild
            size="sm"
            variant={status === s ? "primary" : "secondary"}
            className="rounded-full"
          >
            <a href={s ? `/batches?status=${s}` : "/batches"} aria-current={status === s ? "page" : undefined}>
              {s ? m.common.status[s] : t.all}
            </a>
          </Button>
        ))}
      </nav>
      <BatchTable rows={rows} m={m} dates={datesFor(i18n)} testid="batches-table" label={t.caption} mode="stock" />
    </Page>
  );
}
