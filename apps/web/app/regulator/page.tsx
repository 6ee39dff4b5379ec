import { displayText } from "@tracemed/codes/browser";
import { roleNames } from "@tracemed/chain";
import { SignInNotice } from "@/components/SignInNotice";
import { Table } from "@/components/Table";
import { db } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";
import { fmt } from "@/lib/i18n/locales";
import { listBatches } from "@tracemed/provenance/regulator/batchList";
import {
  batchesByStatus,
  farVerifications,
  quarantinedEvents,
  recentEvents,
  repeatVerifications,
  shipmentsInTransit,
  wrongPinBursts,
  type PackRef,
} from "@tracemed/provenance/regulator/dashboard";
import { listReports } from "@tracemed/verification/reports/consumerReports";
import { formatUtc, regionName, shortHex } from "@/lib/format";
import { pageStaff } from "@/lib/session/server";
import { BatchTable } from "@/app/batches/BatchTable";
import { StatusBadge } from "@/app/batches/StatusBadge";
import { OrganisationActions } from "./OrganisationActions";
import { OrganisationForm } from "./OrganisationForm";
import { ReportsTable } from "./ReportsTable";
import "./office.css";

export const dynamic = "force-dynamic";

const SIGNAL_DAYS = 30;

function PackCell({ r }: { r: PackRef }) {
  return (
    <>
      {displayText(r.productName ?? r.gtin)}
      <br />
      <a href={`/batches/${r.batchId}`}>
        <code>{displayText(r.lot)}</code>
      </a>{" "}
      / <code>{r.serial}</code>
    </>
  );
}

/** A signal's heading (icon + words) and what it means. */
function Signal({ id, icon, title, note }: { id: string; icon: string; title: string; note: string }) {
  return (
    <>
      <h3 id={id}>
        <span aria-hidden="true">{icon} </span>
        {title}
      </h3>
      <p className="note">{note}</p>
    </>
  );
}

/** The regulator's office: the network at a glance, signals, batch controls and organisations. */
export default async function RegulatorPage() {
  const { session, organisation } = await pageStaff("REGULATOR");
  if (!organisation) return <SignInNotice role="REGULATOR" session={session} />;
  const { locale, m } = await getI18n();
  const t = m.regulator;
  const d = db();
  const o = { sinceDays: SIGNAL_DAYS };
  const [byStatus, transit, events, quarantined, repeats, bursts, far, reports, batches, orgs] = await Promise.all([
    batchesByStatus(d),
    shipmentsInTransit(d),
    recentEvents(d, 25),
    quarantinedEvents(d),
    repeatVerifications(d, o),
    wrongPinBursts(d, o),
    farVerifications(d, o),
    listReports(d, { limit: 100 }),
    listBatches(d, { viewer: organisation }),
    d.organisation.findMany({ orderBy: { onboardedAt: "asc" } }),
  ]);
  const region = (c: string | null) => regionName(locale, c);
  const holders = orgs
    .filter((x) => x.companyPrefixes.length > 0)
    .map((x) => ({ account: x.account, name: x.name, companyPrefixes: x.companyPrefixes }));
  const pack = { head: t.signals.pack, cell: (r: PackRef) => <PackCell r={r} /> };
  const packKey = (r: PackRef & { at?: string }) => `${r.batchId}-${r.serial}-${r.at ?? ""}`;

  return (
    <main className="office" data-testid="regulator">
      <h1>{t.title}</h1>
      <p className="lede">{fmt(t.lede, { name: displayText(organisation.name) })}</p>
      {quarantined.count > 0 ? (
        <p className="field-error" role="status" data-testid="quarantined-alert">
          <a href="#quarantined">{fmt(t.overview.quarantinedCount, { n: quarantined.count })}</a>
        </p>
      ) : null}
      <nav aria-label={t.sections.label}>
        <ul className="in-page">
          {(["overview", "signals", "batches", "organisations"] as const).map((s) => (
            <li key={s}>
              <a href={`#${s}`}>{t.sections[s]}</a>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="overview">
        <h2 id="overview">{t.sections.overview}</h2>
        <div className="grid-2">
          <div>
            <h3>{t.overview.byStatus}</h3>
            <Table
              label={t.overview.byStatus}
              testid="batches-by-status"
              rows={byStatus}
              rowKey={(s) => s.status}
              rowData={(s) => ({ "data-status": s.status })}
              columns={[
                {
                  head: t.overview.status,
                  cell: (s) => (
                    <StatusBadge
                      row={{
                        status: s.status === "expired" ? "active" : (s.status as "active"),
                        expired: s.status === "expired",
                      }}
                      words={m.common.status}
                    />
                  ),
                },
                { head: t.overview.batches, num: true, cell: (s) => s.batches },
                { head: t.overview.packs, num: true, cell: (s) => s.packs },
              ]}
            />
          </div>
          <div>
            <h3>{t.overview.inTransit}</h3>
            <Table
              label={t.overview.inTransit}
              testid="in-transit"
              rows={transit}
              rowKey={(s) => s.shipmentId}
              empty={t.overview.noneInTransit}
              columns={[
                { head: t.overview.batch, cell: (s) => <a href={`/batches/${s.batchId}`}>{displayText(s.lot)}</a> },
                { head: t.overview.from, cell: (s) => displayText(s.from) },
                { head: t.overview.to, cell: (s) => displayText(s.to) },
                { head: t.overview.quantity, num: true, cell: (s) => s.quantity },
                {
                  head: t.overview.shipped,
                  cell: (s) => (
                    <>
                      {formatUtc(s.shippedAt)}
                      <br />
                      <span className="note">
                        {fmt(t.overview.days, {
                          n: Math.floor((Date.now() - new Date(s.shippedAt).getTime()) / 86_400_000),
                        })}
                      </span>
                    </>
                  ),
                },
              ]}
            />
          </div>
        </div>
        <h3>{t.overview.recent}</h3>
        <Table
          label={t.overview.recent}
          testid="recent-events"
          rows={events}
          rowKey={(e) => `${e.txHash}-${e.eventName}-${e.batchId ?? ""}-${e.actor ?? ""}`}
          empty={t.overview.noEvents}
          columns={[
            { head: t.overview.when, cell: (e) => formatUtc(e.at) },
            {
              head: t.overview.event,
              cell: (e) => (
                <>
                  <code>{e.eventName}</code>
                  {e.bizStep ? <span className="note"> ({e.bizStep})</span> : null}
                </>
              ),
            },
            {
              head: t.overview.batch,
              cell: (e) =>
                e.batchId ? (
                  <a href={`/batches/${e.batchId}`}>{e.lot ? displayText(e.lot) : shortHex(e.batchId)}</a>
                ) : (
                  "—"
                ),
            },
            {
              head: t.overview.by,
              cell: (e) => (e.actorName ? displayText(e.actorName) : e.actor ? <code>{shortHex(e.actor)}</code> : "—"),
            },
            { head: t.overview.tx, cell: (e) => <code title={e.txHash}>{shortHex(e.txHash)}</code> },
            { head: t.overview.block, num: true, cell: (e) => e.blockNumber },
          ]}
        />
        <h3 id="quarantined">{t.overview.quarantined}</h3>
        <p className="note">{t.overview.quarantinedNote}</p>
        <Table
          labelledBy="quarantined"
          testid="quarantined-events"
          rows={quarantined.events}
          rowKey={(q) => `${q.txHash}-${q.logIndex}`}
          empty={t.overview.noQuarantined}
          columns={[
            { head: t.overview.block, num: true, cell: (q) => q.blockNumber },
            {
              head: t.overview.event,
              cell: (q) => (q.eventName ? <code>{q.eventName}</code> : t.overview.unknownEvent),
            },
            {
              head: t.overview.batch,
              cell: (q) =>
                q.batchId ? (
                  <a href={`/batches/${q.batchId}`}>{q.lot ? displayText(q.lot) : shortHex(q.batchId)}</a>
                ) : (
                  "—"
                ),
            },
            { head: t.overview.tx, cell: (q) => <code title={q.txHash}>{shortHex(q.txHash)}</code> },
            { head: t.overview.error, cell: (q) => displayText(q.error) },
            { head: t.overview.firstSeen, cell: (q) => formatUtc(q.firstSeenAt) },
          ]}
        />
      </section>

      <section aria-labelledby="signals">
        <h2 id="signals">{t.sections.signals}</h2>
        <p className="note">{fmt(t.signals.window, { n: SIGNAL_DAYS })}</p>

        <Signal id="signal-far" icon="◎" title={t.signals.far} note={t.signals.farNote} />
        <Table
          labelledBy="signal-far"
          testid="signal-far"
          rows={far}
          rowKey={packKey}
          empty={t.signals.noFar}
          columns={[
            pack,
            { head: t.signals.region, cell: (f) => <strong>{region(f.region)}</strong> },
            {
              head: t.signals.delivered,
              cell: (f) =>
                `${f.deliveredTo.map(displayText).join(", ")} (${f.deliveredCountries.map(region).join(", ")})`,
            },
            {
              head: t.signals.verdict,
              cell: (f) => m.consumer.verdict[f.verdict as "genuine"]?.word ?? f.verdict,
            },
            { head: t.overview.when, cell: (f) => formatUtc(f.at) },
          ]}
        />

        <Signal id="signal-repeats" icon="!" title={t.signals.repeats} note={t.signals.repeatsNote} />
        <Table
          labelledBy="signal-repeats"
          testid="signal-repeats"
          rows={repeats}
          rowKey={packKey}
          empty={t.signals.noRepeats}
          columns={[
            pack,
            { head: t.signals.repeatCount, num: true, cell: (r) => r.repeats },
            {
              head: t.signals.first,
              cell: (r) => `${formatUtc(r.firstAt)}${r.firstRegion ? ` · ${region(r.firstRegion)}` : ""}`,
            },
            { head: t.signals.later, cell: (r) => r.regions.map(region).join(", ") || "—" },
            { head: t.signals.last, cell: (r) => formatUtc(r.lastAt) },
          ]}
        />

        <Signal id="signal-wrong-pins" icon="✕" title={t.signals.wrongPins} note={t.signals.wrongPinsNote} />
        <Table
          labelledBy="signal-wrong-pins"
          testid="signal-wrong-pins"
          rows={bursts}
          rowKey={packKey}
          empty={t.signals.noWrongPins}
          columns={[
            pack,
            { head: t.signals.wrongCount, num: true, cell: (b) => b.wrongPins },
            { head: t.signals.locked, num: true, cell: (b) => b.locked },
            { head: t.signals.clients, num: true, cell: (b) => b.clients },
            { head: t.signals.flagged, cell: (b) => (b.flagged ? `⚑ ${b.flagged}` : "—") },
            { head: t.signals.first, cell: (b) => formatUtc(b.firstAt) },
            { head: t.signals.last, cell: (b) => formatUtc(b.lastAt) },
          ]}
        />

        <Signal id="signal-reports" icon="✉" title={t.signals.reports} note={t.signals.reportsNote} />
        <ReportsTable reports={reports} m={m} locale={locale} />
      </section>

      <section aria-labelledby="batches">
        <h2 id="batches">{t.sections.batches}</h2>
        <BatchTable rows={batches} m={m} testid="regulator-batches" labelledBy="batches" mode="actions" />
      </section>

      <section aria-labelledby="organisations">
        <h2 id="organisations">{t.sections.organisations}</h2>
        <Table
          labelledBy="organisations"
          testid="organisations"
          rows={orgs}
          rowKey={(x) => x.account}
          rowData={(x) => ({ "data-account": x.account, "data-org": x.name, "data-suspended": String(x.suspended) })}
          columns={[
            { head: t.organisations.name, cell: (x) => displayText(x.name) },
            {
              head: t.organisations.roles,
              cell: (x) =>
                roleNames(x.roles)
                  .map((r) => m.common.roles[r])
                  .join(", "),
            },
            { head: t.organisations.gln, cell: (x) => <code>{x.gln}</code> },
            {
              head: t.organisations.prefixes,
              cell: (x) =>
                x.companyPrefixes.length === 0
                  ? "—"
                  : x.companyPrefixes.map((p, i) => (
                      <span key={p}>
                        {i > 0 ? ", " : null}
                        <code>{displayText(p)}</code>
                      </span>
                    )),
            },
            {
              head: t.organisations.country,
              cell: (x) => (
                <>
                  {displayText(x.country)} <span className="note">{region(x.country)}</span>
                </>
              ),
            },
            { head: t.organisations.account, cell: (x) => <code title={x.account}>{shortHex(x.account)}</code> },
            {
              head: t.organisations.status,
              cell: (x) => (
                <span className={`status status-${x.suspended ? "recalled" : "active"}`}>
                  <span aria-hidden="true">{x.suspended ? "‖ " : "✓ "}</span>
                  {x.suspended ? t.organisations.suspended : t.organisations.active}
                </span>
              ),
            },
            {
              head: t.organisations.actions,
              cell: (x) =>
                x.account === organisation.account ? null : (
                  <OrganisationActions
                    org={{
                      account: x.account,
                      name: x.name,
                      roles: x.roles,
                      gln: x.gln,
                      country: x.country,
                      companyPrefixes: x.companyPrefixes,
                    }}
                    suspended={x.suspended}
                    holders={holders}
                  />
                ),
            },
          ]}
        />
        <h3 id="onboard">{t.organisations.onboardTitle}</h3>
        <OrganisationForm known={orgs.map((x) => x.account)} holders={holders} />
      </section>
    </main>
  );
}
