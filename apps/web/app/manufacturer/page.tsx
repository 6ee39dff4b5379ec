import { SignInNotice } from "../../components/SignInNotice";
import { db } from "../../lib/db";
import { getI18n } from "../../lib/i18n/server";
import { fmt } from "../../lib/i18n/locales";
import { manufacturerBatches, manufacturerFlags } from "../../lib/manufacturer/overview";
import { listProducts } from "../../lib/manufacturer/products";
import { pendingRegistrations } from "../../lib/manufacturer/registration";
import { registrationDeps, resumeStaleOf } from "../../lib/manufacturer/server";
import { listReports } from "../../lib/reports/consumerReports";
import { pageStaff } from "../../lib/session/server";
import { ReportsTable } from "../regulator/ReportsTable";
import { CustodyCells, CustodyHeads } from "./CustodyColumns";
import { ProductTable } from "./ProductTable";
import { BatchStatus, JobStatus } from "./StatusBadge";

export const dynamic = "force-dynamic";

export default async function ManufacturerDashboard() {
  const { session, organisation: org } = await pageStaff("MANUFACTURER");
  if (!org) return <SignInNotice role="MANUFACTURER" session={session} />;
  const { locale, m } = await getI18n();
  const t = m.manufacturer;
  await resumeStaleOf(org.account);
  const [batches, products, pending, flags, reports] = await Promise.all([
    manufacturerBatches(db(), org.account),
    listProducts(db(), org.account),
    pendingRegistrations(registrationDeps(), org.account),
    manufacturerFlags(db(), org.account),
    listReports(db(), { manufacturerAccount: org.account, limit: 50 }),
  ]);
  const nameOf = (gtin: string) => products.find((p) => p.gtin === gtin)?.name ?? gtin;
  const date = (d: Date) => d.toISOString().slice(0, 10);
  const when = (d: Date) => d.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <main data-testid="manufacturer-dashboard">
      <h1>{t.dashboard.title}</h1>
      <p className="lede">{fmt(t.dashboard.lede, { name: org.name })}</p>
      <nav aria-label={t.dashboard.actions} className="actions">
        <a className="button" href="/manufacturer/batches/new" data-testid="register-batch-link">
          {t.dashboard.registerBatch}
        </a>
        <a className="button secondary" href="/manufacturer/products">
          {t.dashboard.products}
        </a>
        <a className="button secondary" href="/ship">
          {t.dashboard.ship}
        </a>
      </nav>

      {pending.length > 0 ? (
        <section aria-labelledby="pending-h">
          <h2 id="pending-h">{t.dashboard.pending}</h2>
          <table aria-labelledby="pending-h" data-testid="pending-registrations">
            <thead>
              <tr>
                <th scope="col">{t.table.lot}</th>
                <th scope="col">{t.table.product}</th>
                <th scope="col" className="num">
                  {t.table.packs}
                </th>
                <th scope="col">{t.table.status}</th>
                <th scope="col">{t.table.created}</th>
                <th scope="col">{t.table.actions}</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((j) => (
                <tr key={j.id} data-lot={j.lot}>
                  <td>
                    <strong>{j.lot}</strong>
                  </td>
                  <td>{nameOf(j.gtin)}</td>
                  <td className="num">{j.packCount.toLocaleString(locale)}</td>
                  <td>
                    <JobStatus status={j.status} m={m} />
                    {j.status === "generating" ? ` ${j.progress}%` : null}
                  </td>
                  <td>{when(new Date(j.createdAt))}</td>
                  <td>
                    <a href={`/manufacturer/batches/new?job=${j.id}`}>{fmt(t.dashboard.continue, { lot: j.lot })}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      <section aria-labelledby="batches-h">
        <h2 id="batches-h">{t.dashboard.batches}</h2>
        {batches.length === 0 ? (
          <p className="notice">{t.dashboard.noBatches}</p>
        ) : (
          <table aria-labelledby="batches-h" data-testid="manufacturer-batches">
            <thead>
              <tr>
                <th scope="col">{t.table.lot}</th>
                <th scope="col">{t.table.product}</th>
                <th scope="col">{t.table.status}</th>
                <th scope="col">{t.table.expiry}</th>
                <th scope="col" className="num">
                  {t.table.packs}
                </th>
                <CustodyHeads m={m} />
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.batchId} data-lot={b.lot}>
                  <td>
                    <a href={`/manufacturer/batches/${b.batchId}`}>
                      <strong>{b.lot}</strong>
                    </a>
                  </td>
                  <td>
                    {b.productName ?? t.dash}
                    <br />
                    <code>{b.gtin}</code>
                  </td>
                  <td>
                    <BatchStatus status={b.status} m={m} />
                    {b.statusReason ? <div className="hint">{b.statusReason}</div> : null}
                  </td>
                  <td>{date(b.expiresAt)}</td>
                  <td className="num">{b.packCount.toLocaleString(locale)}</td>
                  <CustodyCells batch={b} locale={locale} />
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="flags-h">
        <h2 id="flags-h">{t.dashboard.flags}</h2>
        {flags.length === 0 ? (
          <p className="hint">{t.dashboard.noFlags}</p>
        ) : (
          <table aria-labelledby="flags-h" data-testid="pack-flags">
            <thead>
              <tr>
                <th scope="col">{t.table.lot}</th>
                <th scope="col">{t.table.serial}</th>
                <th scope="col">{t.table.reason}</th>
                <th scope="col" className="num">
                  {t.table.count}
                </th>
                <th scope="col">{t.table.last}</th>
              </tr>
            </thead>
            <tbody>
              {flags.map((f) => (
                <tr key={`${f.batchId}:${f.serial}:${f.reason}`}>
                  <td>
                    <a href={`/manufacturer/batches/${f.batchId}`}>{f.lot}</a>
                  </td>
                  <td>
                    <code>{f.serial}</code>
                  </td>
                  <td>
                    <span aria-hidden="true">⚠</span> {t.flagReason[f.reason as keyof typeof t.flagReason] ?? f.reason}
                  </td>
                  <td className="num">{f.count}</td>
                  <td>{when(f.lastAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="reports-h" data-testid="manufacturer-reports">
        <h2 id="reports-h">{t.dashboard.reports}</h2>
        <ReportsTable reports={reports} m={m} locale={locale} />
      </section>

      <section aria-labelledby="products-h">
        <h2 id="products-h">{t.dashboard.products}</h2>
        {products.length === 0 ? (
          <p className="notice">{t.dashboard.noProducts}</p>
        ) : (
          <>
            <p className="hint">{fmt(t.dashboard.productsCount, { n: products.length })}</p>
            <ProductTable products={products} m={m} label={t.dashboard.products} />
          </>
        )}
        <p>
          <a href="/manufacturer/products">{t.dashboard.manageProducts}</a>
        </p>
      </section>
    </main>
  );
}
