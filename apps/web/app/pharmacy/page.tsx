import { SignInNotice } from "../../components/SignInNotice";
import "../../components/scan/custody.css";
import { db } from "../../lib/db";
import { holdingsOf, incomingShipments, recentEvents, recentDispenses } from "../../lib/custody/data";
import { pageCustody } from "../../lib/custody/session";
import { getI18n } from "../../lib/i18n/server";
import { EventsTable, HoldingsTable, ShipmentsTable } from "../distributor/CustodyTables";

export const dynamic = "force-dynamic";

/** A pharmacy's overview: stock, deliveries on the way, recent dispenses and events. */
export default async function PharmacyPage() {
  const { session, organisation } = await pageCustody(["PHARMACY"]);
  if (!organisation) return <SignInNotice role="PHARMACY" session={session} />;
  const { m, locale } = await getI18n();
  const t = m.custody.dash;
  const d = db();
  const [holdings, incoming, events, dispenses] = await Promise.all([
    holdingsOf(d, organisation.account),
    incomingShipments(d, organisation.account),
    recentEvents(d, organisation.account, 20),
    recentDispenses(d, organisation.account, new Date(), 20),
  ]);
  const c = m.custody.common;
  return (
    <main className="custody">
      <h1>
        {t.pharmacyTitle}: {organisation.name}
      </h1>
      <p className="actions">
        <a href="/pharmacy/dispense" className="button" data-testid="dash-dispense">
          {t.toDispense}
        </a>
        <a href="/receive" className="button" data-testid="dash-receive">
          {t.toReceive} ({incoming.length})
        </a>
      </p>
      <section aria-labelledby="dash-stock">
        <h2 id="dash-stock">{t.holdingsTitle}</h2>
        <HoldingsTable rows={holdings} showDispensed />
      </section>
      <section aria-labelledby="dash-in">
        <h2 id="dash-in">{t.incomingTitle}</h2>
        <ShipmentsTable rows={incoming} testId="incoming-table" />
      </section>
      <section aria-labelledby="dash-disp">
        <h2 id="dash-disp">{t.dispensesTitle}</h2>
        {dispenses.length === 0 ? (
          <p>{c.none}</p>
        ) : (
          <div className="table-wrap">
            <table data-testid="dispenses-table">
              <thead>
                <tr>
                  <th scope="col">{c.when}</th>
                  <th scope="col">{c.product}</th>
                  <th scope="col">{c.lot}</th>
                  <th scope="col">{m.custody.dispense.serial}</th>
                </tr>
              </thead>
              <tbody>
                {dispenses.map((p) => (
                  <tr key={`${p.batchId}:${p.leafIndex}`}>
                    <td>{new Date(p.dispensedAt).toLocaleString(locale)}</td>
                    <td>{p.productName ?? p.gtin}</td>
                    <td>{p.lot}</td>
                    <td>
                      <code>{p.serial}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="dash-events">
        <h2 id="dash-events">{t.eventsTitle}</h2>
        <EventsTable rows={events} />
      </section>
    </main>
  );
}
