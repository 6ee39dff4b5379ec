import { datesFor } from "@/lib/dates";
import { displayText } from "@tracemed/codes/browser";
import { SignInNotice } from "@/components/SignInNotice";
import { DataTable } from "@/components/table/DataTable";
import { db } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";
import { fmt } from "@/lib/i18n/locales";
import { manufacturerBatches, manufacturerFlags } from "@tracemed/provenance/manufacturer/overview";
import { listProducts } from "@tracemed/registration/products";
import { pendingRegistrations } from "@tracemed/registration/registration";
import { registrationDeps, resumeStaleOf } from "@/lib/manufacturer/server";
import { manufacturerChecks } from "@tracemed/verification/checks";
import { listReports } from "@tracemed/verification/reports/consumerReports";
import { pageStaff } from "@/lib/session/server";
import { ReportsTable } from "@/components/reports/ReportsTable";
import { custodyColumns } from "@/components/manufacturer/CustodyColumns";
import { ProductTable } from "@/components/manufacturer/ProductTable";
import { StatusBadge } from "@/components/StatusBadge";
import { Page } from "@/components/Page";
import { Button } from "@/components/ui/button";
import { Plus } from "lucide-react";
import { StaffReason } from "@/components/StaffReason";
import { Notice } from "@/components/Notice";

export const dynamic = "force-dynamic";

export default async function ManufacturerDashboard() {
  const { session, organisation: org } = await pageStaff("MANUFACTURER");
  if (!org) return <SignInNotice role="MANUFACTURER" session={session} />;
  const { locale, m, timeZone } = await getI18n();
  const dates = datesFor({ locale, timeZone });
  const t = m.manufacturer;
  await resumeStaleOf(org.account);
  const [batches, products, pending, allFlags, reports, checks] = await Promise.all([
    manufacturerBatches(db(), org.account),
    listProducts(db(), org.account),
    pendingRegistrations(registrationDeps(), org.account),
    manufacturerFlags(db(), org.account),
    listReports(db(), { manufacturerAccount: org.account, limit: 50 }),
    manufacturerChecks(db(), org.account),
  ]);
  const locked = allFlags.filter((f) => f.reason === "locked");
  const flags = allFlags.filter((f) => f.reason !== "locked");
  const checksOf = (batchId: string) => checks.find((c) => c.batchId === batchId);
  const nameOf = (gtin: string) => products.find((p) => p.gtin === gtin)?.name ?? gtin;
  return (
    <Page
      title={t.dashboard.title}
      lede={fmt(t.dashboard.lede, { name: org.name })}
      actions={
        <nav aria-label={t.dashboard.actions} className="flex flex-wrap items-center gap-2">
          <Button asChild>
            <a href="/manufacturer/batches/new" data-testid="register-batch-link">
              <Plus aria-hidden="true" /> {t.dashboard.registerBatch}
            </a>
          </Button>
          <Button asChild variant="secondary">
            <a href="/manufacturer/products">{t.dashboard.products}</a>
          </Button>
          <Button asChild variant="secondary">
            <a href="/ship">{t.dashboard.ship}</a>
          </Button>
        </nav>
      }
    >
      <div data-testid="manufacturer-dashboard">
        {pending.length > 0 ? (
          <DataTable
            heading={{ id: "pending-h", text: t.dashboard.pending }}
            testid="pending-registrations"
            rows={pending}
            rowKey={(j) => j.id}
            rowData={(j) => ({ "data-lot": j.lot })}
            columns={[
              { head: t.table.lot, cell: (j) => <strong>{j.lot}</strong> },
              { head: t.table.product, cell: (j) => nameOf(j.gtin) },
              { head: t.table.packs, num: true, cell: (j) => j.packCount.toLocaleString(locale) },
              {
                head: t.table.status,
                cell: (j) => (
                  <>
                    <StatusBadge status={j.status} m={m} />
                    {j.status === "generating" ? ` ${j.progress}%` : null}
                  </>
                ),
              },
              { head: t.table.created, cell: (j) => dates.at(j.createdAt) },
              {
                head: t.table.actions,
                cell: (j) => (
                  <a href={`/manufacturer/batches/new?job=${j.id}`}>{fmt(t.dashboard.continue, { lot: j.lot })}</a>
                ),
              },
            ]}
          />
        ) : null}

        <DataTable
          heading={{ id: "batches-h", text: t.dashboard.batches }}
          testid="manufacturer-batches"
          rows={batches}
          rowKey={(b) => b.batchId}
          rowData={(b) => ({ "data-lot": b.lot })}
          empty={<Notice>{t.dashboard.noBatches}</Notice>}
          columns={[
            {
              head: t.table.lot,
              sortValue: (b) => b.lot,
              cell: (b) => (
                <a href={`/manufacturer/batches/${b.batchId}`}>
                  <strong>{displayText(b.lot)}</strong>
                </a>
              ),
            },
            {
              head: t.table.product,
              sortValue: (b) => b.productName ?? b.gtin,
              cell: (b) => (
                <>
                  {b.productName ?? t.dash}
                  <br />
                  <code>{b.gtin}</code>
                </>
              ),
            },
            {
              head: t.table.status,
              cell: (b) => (
                <>
                  <StatusBadge status={b.status} m={m} />
                  {b.statusReason ? (
                    <div className="m-0 text-sm text-muted">
                      <StaffReason text={b.statusReason} />
                    </div>
                  ) : null}
                </>
              ),
            },
            { head: t.table.expiry, cell: (b) => dates.day(b.expiresAt), sortValue: (b) => b.expiresAt.toISOString() },
            {
              head: t.table.packs,
              num: true,
              cell: (b) => b.packCount.toLocaleString(locale),
              sortValue: (b) => b.packCount,
            },
            ...custodyColumns(m, locale),
            {
              head: t.table.verified,
              num: true,
              cell: (b) => (checksOf(b.batchId)?.verified ?? 0).toLocaleString(locale),
            },
            {
              head: t.table.laterChecks,
              num: true,
              cell: (b) => (checksOf(b.batchId)?.laterChecks ?? 0).toLocaleString(locale),
            },
          ]}
        />

        {locked.length > 0 ? (
          <DataTable
            heading={{ id: "locked-h", text: t.dashboard.locked, icon: "⚠", note: t.dashboard.lockedLede }}
            testid="locked-packs"
            rows={locked}
            rowKey={(f) => `${f.batchId}:${f.serial}`}
            rowData={(f) => ({ "data-serial": f.serial })}
            columns={[
              {
                head: t.table.lot,
                cell: (f) => <a href={`/manufacturer/batches/${f.batchId}`}>{displayText(f.lot)}</a>,
              },
              { head: t.table.product, cell: (f) => f.productName ?? t.dash },
              { head: t.table.serial, cell: (f) => <code>{f.serial}</code> },
              { head: t.table.lockedAt, cell: (f) => dates.at(f.lastAt) },
              { head: t.table.wrongPins, num: true, cell: (f) => f.wrongPins },
              { head: t.table.locks, num: true, cell: (f) => f.count },
            ]}
          />
        ) : null}

        <DataTable
          heading={{ id: "flags-h", text: t.dashboard.flags }}
          testid="pack-flags"
          rows={flags}
          rowKey={(f) => `${f.batchId}:${f.serial}:${f.reason}`}
          empty={<p className="m-0 text-sm text-muted">{t.dashboard.noFlags}</p>}
          columns={[
            { head: t.table.lot, cell: (f) => <a href={`/manufacturer/batches/${f.batchId}`}>{displayText(f.lot)}</a> },
            { head: t.table.serial, cell: (f) => <code>{f.serial}</code> },
            {
              head: t.table.reason,
              cell: (f) => (
                <>
                  <span aria-hidden="true">⚠</span> {t.flagReason[f.reason as keyof typeof t.flagReason] ?? f.reason}
                </>
              ),
            },
            { head: t.table.count, num: true, cell: (f) => f.count },
            { head: t.table.wrongPins, num: true, cell: (f) => f.wrongPins },
            { head: t.table.last, cell: (f) => dates.at(f.lastAt) },
          ]}
        />

        <ReportsTable
          reports={reports}
          m={m}
          locale={locale}
          timeZone={timeZone}
          heading={{ id: "reports-h", text: t.dashboard.reports }}
        />

        <section aria-labelledby="products-h">
          <h2 id="products-h">{t.dashboard.products}</h2>
          {products.length === 0 ? (
            <Notice>{t.dashboard.noProducts}</Notice>
          ) : (
            <>
              <p className="m-0 text-sm text-muted">{fmt(t.dashboard.productsCount, { n: products.length })}</p>
              <ProductTable products={products} m={m} label={t.dashboard.products} />
            </>
          )}
          <p>
            <a href="/manufacturer/products">{t.dashboard.manageProducts}</a>
          </p>
        </section>
      </div>
    </Page>
  );
}
