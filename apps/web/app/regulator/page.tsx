import { displayText } from "@tracemed/codes/browser";
import { roleNames } from "@tracemed/chain";
import { SignInNotice } from "@/components/SignInNotice";
import { DataTable, type Column } from "@/components/table/DataTable";
import { db } from "@/lib/db";
import { getI18n } from "@/lib/i18n/server";
import { fmt } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import { bizStepNote, eventWords } from "@/lib/i18n/eventWords";
import { listBatches } from "@tracemed/provenance/regulator/batchList";
import {
  batchesByStatus,
  farVerifications,
  quarantinedEvents,
  recentEvents,
  shipmentsInTransit,
  wrongPinBursts,
  type PackRef,
} from "@tracemed/provenance/regulator/dashboard";
import { repeatVerifications } from "@tracemed/verification/checks";
import { listReports } from "@tracemed/verification/reports/consumerReports";
import { regionName, shortHex } from "@/lib/format";
import { datesFor } from "@/lib/dates";
import { pageStaff } from "@/lib/session/server";
import { BatchTable } from "@/components/batches/BatchTable";
import { StatusBadge } from "@/components/StatusBadge";
import { SignedBy } from "@/components/custody/columns";
import { OrganisationActions } from "./OrganisationActions";
import { OrganisationForm } from "./OrganisationForm";
import { ReportsTable } from "@/components/reports/ReportsTable";
import { Page } from "@/components/Page";
import { Notice } from "@/components/Notice";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

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

/** The signals: each a heading (icon + words), what it means, and the packs it points at. */
const SIGNALS = {
  far: { id: "signal-far", icon: "◎", none: "noFar" },
  repeats: { id: "signal-repeats", icon: "!", none: "noRepeats" },
  wrongPins: { id: "signal-wrong-pins", icon: "✕", none: "noWrongPins" },
} as const;

function SignalTable<T extends PackRef & { at?: string }>({
  kind,
  s,
  rows,
  columns,
}: {
  kind: keyof typeof SIGNALS;
  s: Messages["regulator"]["signals"];
  rows: T[];
  columns: Column<T>[];
}) {
  const { id, icon, none } = SIGNALS[kind];
  return (
    <DataTable
      heading={{ id, level: 3, icon, text: s[kind], note: s[`${kind}Note`] }}
      testid={id}
      rows={rows}
      rowKey={(r) => `${r.batchId}-${r.serial}-${r.at ?? ""}`}
      empty={s[none]}
      columns={[{ head: s.pack, cell: (r) => <PackCell r={r} /> }, ...columns]}
    />
  );
}

/** An event's batch: its lot where known, else its id; a link to the batch page. */
function BatchLink({ batchId, lot }: { batchId: string | null; lot: string | null }) {
  if (!batchId) return <>—</>;
  return <a href={`/batches/${batchId}`}>{lot ? displayText(lot) : shortHex(batchId)}</a>;
}

/** The regulator's office: the network at a glance, signals, batch controls and organisations. */
export default async function RegulatorPage() {
  const { session, organisation } = await pageStaff("REGULATOR");
  if (!organisation) return <SignInNotice role="REGULATOR" session={session} />;
  const i18n = await getI18n();
  const { locale, m } = i18n;
  const dates = datesFor(i18n);
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

  const farColumns: Column<(typeof far)[number]>[] = [
    { head: t.signals.region, cell: (f) => <strong>{region(f.region)}</strong> },
    {
      head: t.signals.delivered,
      cell: (f) => `${f.deliveredTo.map(displayText).join(", ")} (${f.deliveredCountries.map(region).join(", ")})`,
    },
    {
      head: t.signals.verdict,
      cell: (f) => m.consumer.verdict[f.verdict as "genuine"]?.word ?? f.verdict,
    },
    { head: t.overview.when, cell: (f) => dates.at(f.at), sortValue: (f) => f.at },
  ];
  const repeatsColumns: Column<(typeof repeats)[number]>[] = [
    { head: t.signals.repeatCount, num: true, cell: (r) => r.repeats, sortValue: (r) => r.repeats },
    {
      head: t.signals.first,
      cell: (r) => `${dates.at(r.firstAt)}${r.firstRegion ? ` · ${region(r.firstRegion)}` : ""}`,
    },
    { head: t.signals.later, cell: (r) => r.regions.map(region).join(", ") || "—" },
    { head: t.signals.last, cell: (r) => dates.at(r.lastAt), sortValue: (r) => r.lastAt },
  ];
  const wrongPinsColumns: Column<(typeof bursts)[number]>[] = [
    { head: t.signals.wrongCount, num: true, cell: (b) => b.wrongPins, sortValue: (b) => b.wrongPins },
    { head: t.signals.locked, num: true, cell: (b) => b.locked },
    { head: t.signals.clients, num: true, cell: (b) => b.clients },
    { head: t.signals.flagged, cell: (b) => (b.flagged ? `⚑ ${b.flagged}` : "—") },
    { head: t.signals.first, cell: (b) => dates.at(b.firstAt) },
    { head: t.signals.last, cell: (b) => dates.at(b.lastAt), sortValue: (b) => b.lastAt },
  ];

  return (
    <Page title={t.title} lede={fmt(t.lede, { name: displayText(organisation.name) })}>
      <div data-testid="regulator">
        {quarantined.count > 0 ? (
          <Notice tone="bad" role="status" className="mb-4" data-testid="quarantined-alert">
            <a href="#quarantined">{fmt(t.overview.quarantinedCount, { n: quarantined.count })}</a>
          </Notice>
        ) : null}
        <nav aria-label={t.sections.label} className="mb-2 border-b border-line pb-2">
          <ul className="m-0 flex list-none flex-wrap gap-x-1 gap-y-1 p-0">
            {(["overview", "signals", "batches", "organisations"] as const).map((s) => (
              <li key={s}>
                <Button asChild variant="ghost" size="sm">
                  <a href={`#${s}`}>{t.sections[s]}</a>
                </Button>
              </li>
            ))}
          </ul>
        </nav>

        <section aria-labelledby="overview">
          <h2 id="overview">{t.sections.overview}</h2>
          <div className="grid gap-6 lg:grid-cols-2">
            <DataTable
              heading={{ id: "by-status", level: 3, text: t.overview.byStatus }}
              testid="batches-by-status"
              rows={byStatus}
              rowKey={(s) => s.status}
              rowData={(s) => ({ "data-status": s.status })}
              columns={[
                {
                  head: t.overview.status,
                  cell: (s) => <StatusBadge status={s.status} m={m} />,
                },
                { head: t.overview.batches, num: true, cell: (s) => s.batches, sortValue: (s) => s.batches },
                { head: t.overview.packs, num: true, cell: (s) => s.packs, sortValue: (s) => s.packs },
              ]}
            />
            <DataTable
              heading={{ id: "in-transit", level: 3, text: t.overview.inTransit }}
              testid="in-transit"
              rows={transit}
              rowKey={(s) => s.shipmentId}
              empty={t.overview.noneInTransit}
              columns={[
                {
                  head: t.overview.batch,
                  cell: (s) => <a href={`/batches/${s.batchId}`}>{displayText(s.lot)}</a>,
                  sortValue: (s) => s.lot,
                },
                { head: t.overview.from, cell: (s) => displayText(s.from), sortValue: (s) => s.from },
                { head: t.overview.to, cell: (s) => displayText(s.to), sortValue: (s) => s.to },
                { head: t.overview.quantity, num: true, cell: (s) => s.quantity, sortValue: (s) => s.quantity },
                {
                  head: t.overview.shipped,
                  sortValue: (s) => s.shippedAt,
                  cell: (s) => (
                    <>
                      {dates.at(s.shippedAt)}
                      <br />
                      <span className="m-0 text-sm text-muted">
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
          <DataTable
            heading={{ id: "recent", level: 3, text: t.overview.recent }}
            testid="recent-events"
            rows={events}
            rowKey={(e) => `${e.txHash}-${e.eventName}-${e.batchId ?? ""}-${e.actor ?? ""}`}
            empty={t.overview.noEvents}
            columns={[
              { head: t.overview.when, cell: (e) => dates.at(e.at), sortValue: (e) => e.at },
              {
                head: t.overview.event,
                sortValue: (e) => eventWords(m, e.eventName),
                cell: (e) => (
                  <>
                    {eventWords(m, e.eventName)}
                    {e.bizStep ? <span className="m-0 text-sm text-muted"> ({bizStepNote(m, e.bizStep)})</span> : null}
                  </>
                ),
              },
              { head: t.overview.batch, cell: (e) => <BatchLink batchId={e.batchId} lot={e.lot} /> },
              {
                head: t.overview.by,
                cell: (e) =>
                  e.signedBy ? (
                    <SignedBy m={m} account={e.signedBy} org={e.actorName ?? e.actor} />
                  ) : e.actorName ? (
                    displayText(e.actorName)
                  ) : e.actor ? (
                    <code>{shortHex(e.actor)}</code>
                  ) : (
                    "—"
                  ),
              },
              { head: t.overview.tx, cell: (e) => <code title={e.txHash}>{shortHex(e.txHash)}</code> },
              { head: t.overview.block, num: true, cell: (e) => e.blockNumber, sortValue: (e) => e.blockNumber },
            ]}
          />
          <DataTable
            heading={{ id: "quarantined", level: 3, text: t.overview.quarantined, note: t.overview.quarantinedNote }}
            testid="quarantined-events"
            rows={quarantined.events}
            rowKey={(q) => `${q.txHash}-${q.logIndex}`}
            empty={t.overview.noQuarantined}
            columns={[
              { head: t.overview.block, num: true, cell: (q) => q.blockNumber },
              {
                head: t.overview.event,
                cell: (q) => (q.eventName ? eventWords(m, q.eventName) : t.overview.unknownEvent),
              },
              { head: t.overview.batch, cell: (q) => <BatchLink batchId={q.batchId} lot={q.lot} /> },
              { head: t.overview.tx, cell: (q) => <code title={q.txHash}>{shortHex(q.txHash)}</code> },
              { head: t.overview.error, cell: (q) => displayText(q.error) },
              { head: t.overview.firstSeen, cell: (q) => dates.at(q.firstSeenAt) },
            ]}
          />
        </section>

        <section aria-labelledby="signals">
          <h2 id="signals">{t.sections.signals}</h2>
          <p className="m-0 text-sm text-muted">{fmt(t.signals.window, { n: SIGNAL_DAYS })}</p>

          <SignalTable kind="far" s={t.signals} rows={far} columns={farColumns} />

          <SignalTable kind="repeats" s={t.signals} rows={repeats} columns={repeatsColumns} />

          <SignalTable kind="wrongPins" s={t.signals} rows={bursts} columns={wrongPinsColumns} />

          <ReportsTable
            reports={reports}
            m={m}
            locale={locale}
            timeZone={i18n.timeZone}
            heading={{
              id: "signal-reports",
              level: 3,
              icon: "✉",
              text: t.signals.reports,
              note: t.signals.reportsNote,
            }}
          />
        </section>

        <BatchTable
          rows={batches}
          m={m}
          dates={dates}
          testid="regulator-batches"
          heading={{ id: "batches", text: t.sections.batches }}
          mode="actions"
        />

        <section aria-labelledby="organisations">
          <h2 id="organisations">{t.sections.organisations}</h2>
          <DataTable
            labelledBy="organisations"
            testid="organisations"
            rows={orgs}
            rowKey={(x) => x.account}
            rowData={(x) => ({ "data-account": x.account, "data-org": x.name, "data-suspended": String(x.suspended) })}
            columns={[
              { head: t.organisations.name, cell: (x) => displayText(x.name), sortValue: (x) => x.name },
              {
                head: t.organisations.roles,
                filterValue: (x) =>
                  roleNames(x.roles)
                    .map((r) => m.common.roles[r])
                    .join(" "),
                cell: (x) =>
                  roleNames(x.roles)
                    .map((r) => m.common.roles[r])
                    .join(", "),
              },
              { head: t.organisations.gln, cell: (x) => <code>{x.gln}</code>, sortValue: (x) => x.gln },
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
                sortValue: (x) => region(x.country),
                cell: (x) => (
                  <>
                    {displayText(x.country)} <span className="m-0 text-sm text-muted">{region(x.country)}</span>
                  </>
                ),
              },
              { head: t.organisations.account, cell: (x) => <code title={x.account}>{shortHex(x.account)}</code> },
              {
                head: t.organisations.status,
                cell: (x) => (
                  <Badge tone={x.suspended ? "bad" : "ok"}>
                    <span aria-hidden="true">{x.suspended ? "‖" : "✓"}</span>
                    {x.suspended ? t.organisations.suspended : t.organisations.active}
                  </Badge>
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
      </div>
    </Page>
  );
}
