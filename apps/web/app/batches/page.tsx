import { ROLE } from "@tracemed/chain";
import { db } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";
import { fmt } from "@/lib/i18n/locales";
import { listBatches } from "@tracemed/provenance/regulator/batchList";
import { staffNoticeText } from "@/components/SignInNotice";
import { ANY_ORGANISATION, pageStaff } from "@/lib/session/server";
import { BatchTable } from "@/components/batches/BatchTable";
import "@/components/office/office.css";
import { Notice } from "@/components/Notice";

export const dynamic = "force-dynamic";

const STATUSES = ["active", "quarantined", "recalled", "expired"] as const;
type Filter = (typeof STATUSES)[number];

/**
 * Every batch the signed-in organisation may see, from the database (the indexed ledger): a
 * regulator sees all; any other organisation the batches it made, holds or held, shipped or received.
 */
export default async function BatchesPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { m } = await getI18n();
  const t = m.provenance.list;
  const { session, organisation: org } = await pageStaff(ANY_ORGANISATION);
  if (!org) {
    return (
      <main>
        <h1>{t.title}</h1>
        <Notice role="alert" data-testid="sign-in-needed">
          {staffNoticeText(m, session, null, m.provenance.needStaff)}
        </Notice>
      </main>
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
    <main className="office">
      <h1>{t.title}</h1>
      <p className="mt-1.5 mb-6 max-w-3xl text-muted">
        {all ? fmt(t.ledeAll, { n: rows.length, block }) : fmt(t.ledeMine, { name: org.name, n: rows.length, block })}
      </p>
      <nav aria-label={t.filter} className="filters">
        <span>{t.filter}:</span>
        <a href="/batches" aria-current={!status ? "page" : undefined}>
          {t.all}
        </a>
        {STATUSES.map((s) => (
          <a key={s} href={`/batches?status=${s}`} aria-current={status === s ? "page" : undefined}>
            {m.common.status[s]}
          </a>
        ))}
      </nav>
      <BatchTable rows={rows} m={m} testid="batches-table" label={t.caption} mode="stock" />
    </main>
  );
}
