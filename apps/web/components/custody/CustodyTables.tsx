/**
 * The custody dashboards (distributor, pharmacy) and the lists they share with the desks: stock,
 * shipments, dispenses, recent events. Server components; status always as icon + word.
 */
import { datesFor, type Dates } from "@/lib/dates";
import { displayText } from "@tracemed/codes/browser";
import type { RoleName } from "@tracemed/chain";
import { Page } from "@/components/Page";
import { SignInNotice } from "@/components/SignInNotice";
import { DataTable, type Column, type TableHeading } from "@/components/table/DataTable";
import {
  BatchCell,
  dispenseColumns,
  dispenseKey,
  dispenseSigner,
  shipmentColumns,
  SignedBy,
} from "@/components/custody/columns";
import { StatusBadge } from "@/components/StatusBadge";
import { Button } from "@/components/ui/button";
import { PackageCheck, ScanLine, Truck } from "lucide-react";
import { db } from "@/lib/db";
import {
  holdingsOf,
  incomingShipments,
  outgoingShipments,
  recentDispenses,
  recentEvents,
  type EventRow,
  type HoldingRow,
  type ShipmentRow,
} from "@tracemed/provenance/custody";
import { getI18n } from "@/lib/i18n/server";
import type { Messages } from "@/lib/i18n/messages";
import { eventWords } from "@/lib/i18n/eventWords";
import { pageStaff } from "@/lib/session/server";

/** Shipments under a heading, as the dashboards and the receive desk list them. */
export async function ShipmentsTable({
  rows,
  testId,
  heading,
}: {
  rows: ShipmentRow[];
  testId: string;
  heading: TableHeading;
}) {
  const i18n = await getI18n();
  const m = i18n.m;
  const col = shipmentColumns(m, datesFor(i18n));
  return (
    <DataTable
      heading={heading}
      testid={testId}
      rows={rows}
      rowKey={(s) => s.id}
      rowData={(s) => ({ "data-shipment": s.id })}
      empty={m.custody.common.none}
      columns={[col.code, col.batch, col.from, col.to, col.quantity, col.status, col.shipped, col.signer]}
    />
  );
}

function holdingColumns(m: Messages, d: Dates, showDispensed: boolean): Column<HoldingRow>[] {
  const c = m.custody.common;
  return [
    {
      head: c.batch,
      cell: (r) => <BatchCell m={m} d={d} b={r} />,
      sortValue: (r) => `${r.productName ?? ""} ${r.lot}`,
    },
    { head: c.gtin, cell: (r) => <code>{r.gtin}</code>, sortValue: (r) => r.gtin },
    {
      head: c.status,
      cell: (r) => <StatusBadge m={m} status={r.expired && r.status === "active" ? "expired" : r.status} />,
    },
    { head: c.held, num: true, cell: (r) => r.held, sortValue: (r) => r.held },
    ...(showDispensed
      ? [
          {
            head: c.dispensed,
            num: true,
            cell: (r: HoldingRow) => r.dispensed,
            sortValue: (r: HoldingRow) => r.dispensed,
          },
        ]
      : []),
    { head: c.writtenOff, num: true, cell: (r) => r.writtenOff, sortValue: (r) => r.writtenOff },
  ];
}

/**
 * The latest events' columns. `ours`: the organisation's members and its name, so that the signer of an event
 * reads as one of ours, or as a member of the other party.
 */
function eventColumns(m: Messages, d: Dates, ours: { members: ReadonlySet<string>; name: string }): Column<EventRow>[] {
  const c = m.custody.common;
  return [
    { head: c.when, cell: (e) => d.at(e.occurredAt), sortValue: (e) => e.occurredAt },
    { head: c.event, cell: (e) => eventWords(m, e.eventName), sortValue: (e) => eventWords(m, e.eventName) },
    {
      head: c.batch,
      cell: (e) => (e.batch ? `${e.batch.productName ?? e.batch.gtin} · ${displayText(e.batch.lot)}` : "—"),
    },
    { head: c.quantity, num: true, cell: (e) => e.quantity ?? "" },
    { head: c.counterparty, cell: (e) => e.counterparty ?? "", sortValue: (e) => e.counterparty },
    {
      head: m.org.signer,
      cell: (e) => (
        <SignedBy
          m={m}
          account={e.signedBy}
          org={e.signedBy && ours.members.has(e.signedBy.toLowerCase()) ? ours.name : e.counterparty}
        />
      ),
    },
    { head: c.tx, cell: (e) => <code title={e.txHash}>{e.txHash.slice(0, 10)}…</code> },
  ];
}

/**
 * A custody organisation's day: stock, what is arriving, then what went out (a distributor) or what
 * was dispensed (a pharmacy), and the latest events.
 */
export async function CustodyDashboard({ role }: { role: Extract<RoleName, "DISTRIBUTOR" | "PHARMACY"> }) {
  const { session, organisation } = await pageStaff([role]);
  if (!organisation) return <SignInNotice role={role} session={session} />;
  const i18n = await getI18n();
  const m = i18n.m;
  const dates = datesFor(i18n);
  const t = m.custody.dash;
  const d = db();
  const account = organisation.account;
  const pharmacy = role === "PHARMACY";
  const [holdings, incoming, events, outgoing, dispenses, members] = await Promise.all([
    holdingsOf(d, account),
    incomingShipments(d, account),
    recentEvents(d, account, 20),
    pharmacy ? [] : outgoingShipments(d, account, 30),
    pharmacy ? recentDispenses(d, account, new Date(), 20) : [],
    d.member.findMany({ where: { organisation: account }, select: { account: true } }),
  ]);
  const ours = { members: new Set(members.map((x) => x.account)), name: organisation.name };
  const none = m.custody.common.none;
  const disp = dispenseColumns(m, dates);
  return (
    <Page
      title={`${pharmacy ? t.pharmacyTitle : t.distributorTitle}: ${displayText(organisation.name)}`}
      actions={
        <>
          {pharmacy ? (
            <Button asChild size="lg">
              <a href="/pharmacy/dispense" data-testid="dash-dispense">
                <ScanLine aria-hidden="true" /> {t.toDispense}
              </a>
            </Button>
          ) : null}
          <Button asChild size="lg" variant={pharmacy ? "secondary" : "primary"}>
            <a href="/receive" data-testid="dash-receive">
              <PackageCheck aria-hidden="true" /> {t.toReceive} ({incoming.length})
            </a>
          </Button>
          {pharmacy ? null : (
            <Button asChild size="lg" variant="secondary">
              <a href="/ship" data-testid="dash-ship">
                <Truck aria-hidden="true" /> {t.toShip}
              </a>
            </Button>
          )}
        </>
      }
    >
      <DataTable
        heading={{ id: "dash-stock", text: t.holdingsTitle }}
        testid="holdings-table"
        rows={holdings}
        rowKey={(r) => r.batchId}
        rowData={(r) => ({ "data-lot": r.lot })}
        empty={none}
        columns={holdingColumns(m, dates, pharmacy)}
      />
      <ShipmentsTable heading={{ id: "dash-in", text: t.incomingTitle }} rows={incoming} testId="incoming-table" />
      {pharmacy ? (
        <DataTable
          heading={{ id: "dash-disp", text: t.dispensesTitle }}
          testid="dispenses-table"
          rows={dispenses}
          rowKey={dispenseKey}
          empty={none}
          columns={[disp.when, disp.product, disp.lot, disp.serial, dispenseSigner(m, organisation.name)]}
        />
      ) : (
        <ShipmentsTable heading={{ id: "dash-out", text: t.outgoingTitle }} rows={outgoing} testId="outgoing-table" />
      )}
      <DataTable
        heading={{ id: "dash-events", text: t.eventsTitle }}
        testid="events-table"
        rows={events}
        rowKey={(e) => e.id}
        empty={none}
        columns={eventColumns(m, dates, ours)}
      />
    </Page>
  );
}
