import { roleNames } from "@tracemed/chain";
import { SignInNotice } from "../../components/SignInNotice";
import { db } from "../../lib/db";
import { getI18n } from "../../lib/i18n/server";
import { fmt } from "../../lib/i18n/locales";
import {
  batchesByStatus,
  farVerifications,
  recentEvents,
  repeatVerifications,
  shipmentsInTransit,
  wrongPinBursts,
} from "../../lib/regulator/dashboard";
import { listBatches } from "../../lib/regulator/batchList";
import { listReports } from "../../lib/reports/consumerReports";
import { formatUtc, regionName, shortHex } from "../../lib/reports/format";
import { pageStaff } from "../../lib/session/server";
import { StatusBadge } from "../batches/StatusBadge";
import { BatchActions } from "./BatchActions";
import { OrganisationActions } from "./OrganisationActions";
import { OrganisationForm } from "./OrganisationForm";
import { ReportsTable } from "./ReportsTable";
import "./office.css";

export const dynamic = "force-dynamic";

const SIGNAL_DAYS = 30;

/** The regulator's office: the network at a glance, signals, batch controls and organisations. */
export default async function RegulatorPage() {
  const { session, organisation } = await pageStaff("REGULATOR");
  if (!organisation) return <SignInNotice role="REGULATOR" session={session} />;
  const { locale, m } = await getI18n();
  const t = m.regulator;
  const d = db();
  const o = { sinceDays: SIGNAL_DAYS };
  const [byStatus, transit, events, repeats, bursts, far, reports, batches, orgs] = await Promise.all([
    batchesByStatus(d),
    shipmentsInTransit(d),
    recentEvents(d, 25),
    repeatVerifications(d, o),
    wrongPinBursts(d, o),
    farVerifications(d, o),
    listReports(d, { limit: 100 }),
    listBatches(d, { viewer: organisation }),
    d.organisation.findMany({ orderBy: { onboardedAt: "asc" } }),
  ]);
  const pack = (r: { gtin: string; lot: string; serial: string; batchId: string; productName: string | null }) => (
    <>
      {r.productName ?? r.gtin}
      <br />
      <a href={`/batches/${r.batchId}`}>
        <code>{r.lot}</code>
      </a>{" "}
      / <code>{r.serial}</code>
    </>
  );

  return (
    <main className="office" data-testid="regulator">
      <h1>{t.title}</h1>
      <p className="lede">{fmt(t.lede, { name: organisation.name })}</p>
      <nav aria-label={t.sections.label}>
        <ul className="in-page">
          <li>
            <a href="#overview">{t.sections.overview}</a>
          </li>
          <li>
            <a href="#signals">{t.sections.signals}</a>
          </li>
          <li>
            <a href="#batches">{t.sections.batches}</a>
          </li>
          <li>
            <a href="#organisations">{t.sections.organisations}</a>
          </li>
        </ul>
      </nav>

      <section aria-labelledby="overview">
        <h2 id="overview">{t.sections.overview}</h2>
        <div className="grid-2">
          <div>
            <h3>{t.overview.byStatus}</h3>
            <table aria-label={t.overview.byStatus} data-testid="batches-by-status">
              <thead>
                <tr>
                  <th scope="col">{t.overview.status}</th>
                  <th scope="col" className="num">
                    {t.overview.batches}
                  </th>
                  <th scope="col" className="num">
                    {t.overview.packs}
                  </th>
                </tr>
              </thead>
              <tbody>
                {byStatus.map((s) => (
                  <tr key={s.status} data-status={s.status}>
                    <td>
                      <StatusBadge
                        row={{
                          status: s.status === "expired" ? "active" : (s.status as "active"),
                          expired: s.status === "expired",
                        }}
                        words={m.common.status}
                      />
                    </td>
                    <td className="num">{s.batches}</td>
                    <td className="num">{s.packs}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div>
            <h3>{t.overview.inTransit}</h3>
            {transit.length === 0 ? (
              <p className="note">{t.overview.noneInTransit}</p>
            ) : (
              <div className="table-scroll">
                <table aria-label={t.overview.inTransit} data-testid="in-transit">
                  <thead>
                    <tr>
                      <th scope="col">{t.overview.batch}</th>
                      <th scope="col">{t.overview.from}</th>
                      <th scope="col">{t.overview.to}</th>
                      <th scope="col" className="num">
                        {t.overview.quantity}
                      </th>
                      <th scope="col">{t.overview.shipped}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {transit.map((s) => (
                      <tr key={s.shipmentId}>
                        <td>
                          <a href={`/batches/${s.batchId}`}>{s.lot}</a>
                        </td>
                        <td>{s.from}</td>
                        <td>{s.to}</td>
                        <td className="num">{s.quantity}</td>
                        <td>
                          {formatUtc(s.shippedAt)}
                          <br />
                          <span className="note">
                            {fmt(t.overview.days, {
                              n: Math.floor((Date.now() - new Date(s.shippedAt).getTime()) / 86_400_000),
                            })}
                          </span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
        </div>
        <h3>{t.overview.recent}</h3>
        {events.length === 0 ? (
          <p className="note">{t.overview.noEvents}</p>
        ) : (
          <div className="table-scroll">
            <table aria-label={t.overview.recent} data-testid="recent-events">
              <thead>
                <tr>
                  <th scope="col">{t.overview.when}</th>
                  <th scope="col">{t.overview.event}</th>
                  <th scope="col">{t.overview.batch}</th>
                  <th scope="col">{t.overview.by}</th>
                  <th scope="col">{t.overview.tx}</th>
                  <th scope="col" className="num">
                    {t.overview.block}
                  </th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr key={`${e.txHash}-${e.eventName}-${e.batchId ?? ""}-${e.actor ?? ""}`}>
                    <td>{formatUtc(e.at)}</td>
                    <td>
                      <code>{e.eventName}</code>
                      {e.bizStep ? <span className="note"> ({e.bizStep})</span> : null}
                    </td>
                    <td>{e.batchId ? <a href={`/batches/${e.batchId}`}>{e.lot ?? shortHex(e.batchId)}</a> : "—"}</td>
                    <td>{e.actorName ?? (e.actor ? <code>{shortHex(e.actor)}</code> : "—")}</td>
                    <td>
                      <code title={e.txHash}>{shortHex(e.txHash)}</code>
                    </td>
                    <td className="num">{e.blockNumber}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="signals">
        <h2 id="signals">{t.sections.signals}</h2>
        <p className="note">{fmt(t.signals.window, { n: SIGNAL_DAYS })}</p>

        <h3 id="signal-far">
          <span aria-hidden="true">◎ </span>
          {t.signals.far}
        </h3>
        <p className="note">{t.signals.farNote}</p>
        {far.length === 0 ? (
          <p className="note">{t.signals.noFar}</p>
        ) : (
          <div className="table-scroll">
            <table aria-labelledby="signal-far" data-testid="signal-far">
              <thead>
                <tr>
                  <th scope="col">{t.signals.pack}</th>
                  <th scope="col">{t.signals.region}</th>
                  <th scope="col">{t.signals.delivered}</th>
                  <th scope="col">{t.signals.verdict}</th>
                  <th scope="col">{t.overview.when}</th>
                </tr>
              </thead>
              <tbody>
                {far.map((f) => (
                  <tr key={`${f.batchId}-${f.serial}-${f.at}`}>
                    <td>{pack(f)}</td>
                    <td>
                      <strong>{regionName(locale, f.region)}</strong>
                    </td>
                    <td>
                      {f.deliveredTo.join(", ")} ({f.deliveredCountries.map((c) => regionName(locale, c)).join(", ")})
                    </td>
                    <td>{m.consumer.verdict[f.verdict as "genuine"]?.word ?? f.verdict}</td>
                    <td>{formatUtc(f.at)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <h3 id="signal-repeats">
          <span aria-hidden="true">! </span>
          {t.signals.repeats}
        </h3>
        <p className="note">{t.signals.repeatsNote}</p>
        {repeats.length === 0 ? (
          <p className="note">{t.signals.noRepeats}</p>
        ) : (
          <div className="table-scroll">
            <table aria-labelledby="signal-repeats" data-testid="signal-repeats">
              <thead>
                <tr>
                  <th scope="col">{t.signals.pack}</th>
                  <th scope="col" className="num">
                    {t.signals.repeatCount}
                  </th>
                  <th scope="col">{t.signals.first}</th>
                  <th scope="col">{t.signals.later}</th>
                  <th scope="col">{t.signals.last}</th>
                </tr>
              </thead>
              <tbody>
                {repeats.map((r) => (
                  <tr key={`${r.batchId}-${r.serial}`}>
                    <td>{pack(r)}</td>
                    <td className="num">{r.repeats}</td>
                    <td>
                      {formatUtc(r.firstAt)}
                      {r.firstRegion ? ` · ${regionName(locale, r.firstRegion)}` : ""}
                    </td>
                    <td>{r.regions.map((c) => regionName(locale, c)).join(", ") || "—"}</td>
                    <td>{formatUtc(r.lastAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <h3 id="signal-wrong-pins">
          <span aria-hidden="true">✕ </span>
          {t.signals.wrongPins}
        </h3>
        <p className="note">{t.signals.wrongPinsNote}</p>
        {bursts.length === 0 ? (
          <p className="note">{t.signals.noWrongPins}</p>
        ) : (
          <div className="table-scroll">
            <table aria-labelledby="signal-wrong-pins" data-testid="signal-wrong-pins">
              <thead>
                <tr>
                  <th scope="col">{t.signals.pack}</th>
                  <th scope="col" className="num">
                    {t.signals.wrongCount}
                  </th>
                  <th scope="col" className="num">
                    {t.signals.locked}
                  </th>
                  <th scope="col" className="num">
                    {t.signals.clients}
                  </th>
                  <th scope="col">{t.signals.flagged}</th>
                  <th scope="col">{t.signals.first}</th>
                  <th scope="col">{t.signals.last}</th>
                </tr>
              </thead>
              <tbody>
                {bursts.map((b) => (
                  <tr key={`${b.batchId}-${b.serial}`}>
                    <td>{pack(b)}</td>
                    <td className="num">{b.wrongPins}</td>
                    <td className="num">{b.locked}</td>
                    <td className="num">{b.clients}</td>
                    <td>{b.flagged ? `⚑ ${b.flagged}` : "—"}</td>
                    <td>{formatUtc(b.firstAt)}</td>
                    <td>{formatUtc(b.lastAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}

        <h3 id="signal-reports">
          <span aria-hidden="true">✉ </span>
          {t.signals.reports}
        </h3>
        <p className="note">{t.signals.reportsNote}</p>
        <ReportsTable reports={reports} m={m} locale={locale} />
      </section>

      <section aria-labelledby="batches">
        <h2 id="batches">{t.sections.batches}</h2>
        {batches.length === 0 ? (
          <p className="note">{t.batches.none}</p>
        ) : (
          <div className="table-scroll">
            <table aria-labelledby="batches" data-testid="regulator-batches">
              <thead>
                <tr>
                  <th scope="col">{t.batches.product}</th>
                  <th scope="col">{t.batches.lot}</th>
                  <th scope="col">{t.batches.manufacturer}</th>
                  <th scope="col">{t.batches.status}</th>
                  <th scope="col">{t.batches.expires}</th>
                  <th scope="col" className="num">
                    {t.batches.packs}
                  </th>
                  <th scope="col">{t.batches.actions}</th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id} data-batch={b.lot} data-batch-id={b.id}>
                    <td>
                      {b.productName ?? "—"}
                      <br />
                      <code>{b.gtin}</code>
                    </td>
                    <td>
                      <a href={`/batches/${b.id}`}>
                        <strong>{b.lot}</strong>
                      </a>
                    </td>
                    <td>{b.manufacturer}</td>
                    <td>
                      <StatusBadge row={b} words={m.common.status} />
                      {b.statusReason && b.status !== "active" ? <div className="reason">{b.statusReason}</div> : null}
                    </td>
                    <td>{b.expiresAt.slice(0, 10)}</td>
                    <td className="num">{b.packCount}</td>
                    <td>
                      <BatchActions batchId={b.id as `0x${string}`} lot={b.lot} status={b.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="organisations">
        <h2 id="organisations">{t.sections.organisations}</h2>
        <div className="table-scroll">
          <table aria-labelledby="organisations" data-testid="organisations">
            <thead>
              <tr>
                <th scope="col">{t.organisations.name}</th>
                <th scope="col">{t.organisations.roles}</th>
                <th scope="col">{t.organisations.gln}</th>
                <th scope="col">{t.organisations.country}</th>
                <th scope="col">{t.organisations.account}</th>
                <th scope="col">{t.organisations.status}</th>
                <th scope="col">{t.organisations.actions}</th>
              </tr>
            </thead>
            <tbody>
              {orgs.map((x) => (
                <tr key={x.account} data-account={x.account} data-org={x.name}>
                  <td>{x.name}</td>
                  <td>
                    {roleNames(x.roles)
                      .map((r) => m.common.roles[r])
                      .join(", ")}
                  </td>
                  <td>
                    <code>{x.gln}</code>
                  </td>
                  <td>
                    {x.country} <span className="note">{regionName(locale, x.country)}</span>
                  </td>
                  <td>
                    <code title={x.account}>{shortHex(x.account)}</code>
                  </td>
                  <td data-suspended={x.suspended}>
                    {x.suspended ? (
                      <span className="status status-recalled">
                        <span aria-hidden="true">‖ </span>
                        {t.organisations.suspended}
                      </span>
                    ) : (
                      <span className="status status-active">
                        <span aria-hidden="true">✓ </span>
                        {t.organisations.active}
                      </span>
                    )}
                  </td>
                  <td>
                    {x.account === organisation.account ? null : (
                      <OrganisationActions
                        org={{ account: x.account, name: x.name, roles: x.roles, gln: x.gln, country: x.country }}
                        suspended={x.suspended}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3 id="onboard">{t.organisations.onboardTitle}</h3>
        <OrganisationForm known={orgs.map((x) => x.account)} />
      </section>
    </main>
  );
}
