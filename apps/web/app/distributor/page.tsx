import { displayText } from "@tracemed/codes/browser";
import { SignInNotice } from "@/components/SignInNotice";
import "@/components/scan/custody.css";
import { db } from "@/lib/db";
import { holdingsOf, incomingShipments, outgoingShipments, recentEvents } from "@tracemed/provenance/custody";
import { pageStaff } from "@/lib/session/server";
import { getI18n } from "@/lib/i18n/server";
import { EventsTable, HoldingsTable, ShipmentsTable } from "./CustodyTables";

export const dynamic = "force-dynamic";

/** A distributor's day: stock, what is arriving, what went out, and the latest events. */
export default async function DistributorPage() {
  const { session, organisation } = await pageStaff(["DISTRIBUTOR"]);
  if (!organisation) return <SignInNotice role="DISTRIBUTOR" session={session} />;
  const { m } = await getI18n();
  const t = m.custody.dash;
  const d = db();
  const [holdings, incoming, outgoing, events] = await Promise.all([
    holdingsOf(d, organisation.account),
    incomingShipments(d, organisation.account),
    outgoingShipments(d, organisation.account, 30),
    recentEvents(d, organisation.account, 20),
  ]);
  return (
    <main className="custody">
      <h1>
        {t.distributorTitle}: {displayText(organisation.name)}
      </h1>
      <p className="actions">
        <a href="/receive" className="button" data-testid="dash-receive">
          {t.toReceive} ({incoming.length})
        </a>
        <a href="/ship" className="button" data-testid="dash-ship">
          {t.toShip}
        </a>
      </p>
      <section aria-labelledby="dash-stock">
        <h2 id="dash-stock">{t.holdingsTitle}</h2>
        <HoldingsTable rows={holdings} />
      </section>
      <section aria-labelledby="dash-in">
        <h2 id="dash-in">{t.incomingTitle}</h2>
        <ShipmentsTable rows={incoming} testId="incoming-table" />
      </section>
      <section aria-labelledby="dash-out">
        <h2 id="dash-out">{t.outgoingTitle}</h2>
        <ShipmentsTable rows={outgoing} testId="outgoing-table" />
      </section>
      <section aria-labelledby="dash-events">
        <h2 id="dash-events">{t.eventsTitle}</h2>
        <EventsTable rows={events} />
      </section>
    </main>
  );
}
