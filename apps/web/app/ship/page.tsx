import { Page } from "@/components/Page";
import { SignInNotice } from "@/components/SignInNotice";
import { db } from "@/lib/db";
import { holdingsOf, outgoingShipments, recipientsFor } from "@tracemed/provenance/custody";
import { pageStaff } from "@/lib/session/server";
import { env } from "@/lib/env";
import { getI18n } from "@/lib/i18n/server";
import { OutgoingShipments } from "./OutgoingShipments";
import { ShipForm } from "./ShipForm";
import { UnitShip } from "./UnitShip";
import { units } from "@/lib/ledger";

export const dynamic = "force-dynamic";

/** Ship packs of a held batch to another organisation; each shipment gets an SSCC label. */
export default async function ShipPage({ searchParams }: { searchParams: Promise<{ batch?: string }> }) {
  const { session, organisation } = await pageStaff(["MANUFACTURER", "DISTRIBUTOR"]);
  if (!organisation) return <SignInNotice role="DISTRIBUTOR" session={session} />;
  const { m } = await getI18n();
  const d = db();
  const [holdings, recipients, outgoing, unitsContract] = await Promise.all([
    holdingsOf(d, organisation.account),
    recipientsFor(d, organisation.account),
    outgoingShipments(d, organisation.account, 50),
    units(),
  ]);
  const { batch } = await searchParams;
  return (
    <Page className="max-w-4xl" title={m.custody.ship.title} lede={m.custody.ship.lede}>
      <ShipForm
        holdings={holdings.filter((h) => h.held > 0)}
        recipients={recipients}
        gln={organisation.gln}
        origin={env.PUBLIC_ORIGIN.origin}
        initialBatch={batch ?? null}
      />
      {unitsContract ? <UnitShip holdings={holdings} recipients={recipients} /> : null}
      <OutgoingShipments rows={outgoing} heading={{ id: "ship-outgoing", text: m.custody.ship.outgoingTitle }} />
    </Page>
  );
}
