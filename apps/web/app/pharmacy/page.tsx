import { displayText } from "@tracemed/codes/browser";
import { SignInNotice } from "@/components/SignInNotice";
import "@/components/scan/custody.css";
import { db } from "@/lib/db";
import { holdingsOf, incomingShipments, recentEvents, recentDispenses } from "@tracemed/provenance/custody";
import { pageStaff } from "@/lib/session/server";
import { getI18n } from "@/lib/i18n/server";
import { DispensesTable, EventsTable, HoldingsTable, ShipmentsTable } from "@/app/distributor/CustodyTables";

export const dynamic = "force-dynamic";

/** A pharmacy's overview: stock, deliveries on the way, recent dispenses and events. */
export default async function PharmacyPage() {
  const { session, organisation } = await pageStaff(["PHARMACY"]);
  if (!organisation) return <SignInNotice role="PHARMACY" session={session} />;
  const { m } = await getI18n();
  const t = m.custody.dash;
  const d = db();
  const [holdings, incoming, events, dispenses] = await Promise.all([
    holdingsOf(d, organisation.account),
    incomingShipments(d, organisation.account),
    recentEvents(d, organisation.account, 20),
    recentDispenses(d, organisation.account, new Date(), 20),
  ]);
  return (
    <main className="custody">
      <h1>
        {t.pharmacyTitle}: {displayText(organisation.name)}
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
        <DispensesTable rows={dispenses} />
      </section>
      <section aria-labelledby="dash-events">
        <h2 id="dash-events">{t.eventsTitle}</h2>
        <EventsTable rows={events} />
      </section>
    </main>
  );
}
