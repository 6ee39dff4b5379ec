import { SignInNotice } from "@/components/SignInNotice";
import "@/components/scan/custody.css";
import { db } from "@/lib/db";
import { incomingShipments, receivedShipments } from "@tracemed/provenance/custody";
import { pageStaff } from "@/lib/session/server";
import { getI18n } from "@/lib/i18n/server";
import { ShipmentsTable } from "@/app/distributor/CustodyTables";
import { ReceiveDesk } from "./ReceiveDesk";

export const dynamic = "force-dynamic";

/** Receive shipments: scan the label (or pick from the list), check, confirm the quantity that arrived. */
export default async function ReceivePage({ searchParams }: { searchParams: Promise<{ sscc?: string }> }) {
  const { session, organisation } = await pageStaff(["DISTRIBUTOR", "PHARMACY", "MANUFACTURER"]);
  if (!organisation) return <SignInNotice role="DISTRIBUTOR" session={session} />;
  const { m } = await getI18n();
  const d = db();
  const [incoming, received] = await Promise.all([
    incomingShipments(d, organisation.account),
    receivedShipments(d, organisation.account, 10),
  ]);
  const { sscc } = await searchParams;
  return (
    <main className="custody">
      <h1>{m.custody.receive.title}</h1>
      <p className="lede">{m.custody.receive.lede}</p>
      <ReceiveDesk incoming={incoming} account={organisation.account} initialSscc={sscc ?? null} />
      <section aria-labelledby="recv-done">
        <h2 id="recv-done">{m.common.status.received}</h2>
        <ShipmentsTable rows={received} testId="received-table" />
      </section>
    </main>
  );
}
