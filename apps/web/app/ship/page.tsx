import { SignInNotice } from "@/components/SignInNotice";
import "@/components/scan/custody.css";
import { db } from "@/lib/db";
import { holdingsOf, outgoingShipments, recipientsFor } from "@tracemed/provenance/custody";
import { pageStaff } from "@/lib/session/server";
import { env } from "@/lib/env";
import { getI18n } from "@/lib/i18n/server";
import { OutgoingShipments } from "./OutgoingShipments";
import { ShipForm } from "./ShipForm";

export const dynamic = "force-dynamic";

/** Ship packs of a held batch to another organisation; each shipment gets an SSCC label. */
export default async function ShipPage({ searchParams }: { searchParams: Promise<{ batch?: string }> }) {
  const { session, organisation } = await pageStaff(["MANUFACTURER", "DISTRIBUTOR"]);
  if (!organisation) return <SignInNotice role="DISTRIBUTOR" session={session} />;
  const { m } = await getI18n();
  const d = db();
  const [holdings, recipients, outgoing] = await Promise.all([
    holdingsOf(d, organisation.account),
    recipientsFor(d, organisation.account),
    outgoingShipments(d, organisation.account, 50),
  ]);
  const { batch } = await searchParams;
  return (
    <main className="custody">
      <h1>{m.custody.ship.title}</h1>
      <p className="lede">{m.custody.ship.lede}</p>
      <ShipForm
        holdings={holdings.filter((h) => h.held > 0)}
        recipients={recipients}
        gln={organisation.gln}
        origin={env.PUBLIC_ORIGIN.origin}
        initialBatch={batch ?? null}
      />
      <section aria-labelledby="ship-outgoing">
        <h2 id="ship-outgoing">{m.custody.ship.outgoingTitle}</h2>
        <OutgoingShipments rows={outgoing} />
      </section>
    </main>
  );
}
