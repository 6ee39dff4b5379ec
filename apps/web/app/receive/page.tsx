import { Page } from "@/components/Page";
import { SignInNotice } from "@/components/SignInNotice";
import { db } from "@/lib/db";
import { incomingShipments, receivedShipments } from "@tracemed/provenance/custody";
import { pageStaff } from "@/lib/session/server";
import { getI18n } from "@/lib/i18n/server";
import { ShipmentsTable } from "@/components/custody/CustodyTables";
import { ReceiveDesk } from "./ReceiveDesk";
import { units } from "@/lib/ledger";

export const dynamic = "force-dynamic";

/** Receive shipments: scan the label (or pick from the list), check, confirm the quantity that arrived. */
export default async function ReceivePage({ searchParams }: { searchParams: Promise<{ sscc?: string }> }) {
  const { session, organisation } = await pageStaff(["DISTRIBUTOR", "PHARMACY", "MANUFACTURER"]);
  if (!organisation) return <SignInNotice role="DISTRIBUTOR" session={session} />;
  const { m } = await getI18n();
  const d = db();
  const [incoming, received, unitsContract] = await Promise.all([
    incomingShipments(d, organisation.account),
    receivedShipments(d, organisation.account, 10),
    units(),
  ]);
  const { sscc } = await searchParams;
  return (
    <Page className="max-w-4xl" title={m.custody.receive.title} lede={m.custody.receive.lede}>
      <ReceiveDesk
        incoming={incoming}
        account={organisation.account}
        initialSscc={sscc ?? null}
        units={unitsContract !== undefined}
      />
      <ShipmentsTable
        heading={{ id: "recv-done", text: m.common.status.received }}
        rows={received}
        testId="received-table"
      />
    </Page>
  );
}
