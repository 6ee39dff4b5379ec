import { displayText } from "@tracemed/codes/browser";
import { ROLE } from "@tracemed/chain";
import { Facts } from "@/components/Facts";
import { staffNoticeText } from "@/components/SignInNotice";
import { DataTable } from "@/components/table/DataTable";
import { db } from "@/lib/db";
import { DomainError } from "@tracemed/errors";
import { errorSentence } from "@/lib/errors";
import { getI18n } from "@/lib/i18n/server";
import { fmt } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import {
  batchProvenance,
  type BatchProvenance,
  type CustodyNode,
  type LedgerRef,
  type Party,
} from "@tracemed/provenance/provenance";
import { listReports, reportScope, type StoredReport } from "@tracemed/verification/reports/consumerReports";
import { shortHex } from "@/lib/format";
import { datesFor, type Dates } from "@/lib/dates";
import { batchAudience } from "@tracemed/provenance/readPolicy";
import { ANY_ORGANISATION, pageStaff } from "@/lib/session/server";
import { confirmProvenance } from "@tracemed/verification/chainStatus";
import { statusGuard } from "@/lib/verification";
import { BatchActions } from "@/components/batches/BatchActions";
import { ReportsTable } from "@/components/reports/ReportsTable";
import { StatusBadge } from "@/components/StatusBadge";
import { SignedBy } from "@/components/custody/columns";
import "@/components/office/office.css";
import { StaffReason } from "@/components/StaffReason";
import { Notice } from "@/components/Notice";
import { Page } from "@/components/Page";
import { Badge } from "@/components/ui/badge";
import { BatchStatus } from "@/components/batches/BatchTable";

export const dynamic = "force-dynamic";

/** The custody tree: each level indented under a line, each hop a small framed node. */
const BRANCH = "m-0 list-none border-l-2 border-line pl-5";
const NODE =
  "inline-flex flex-wrap items-center gap-x-2.5 gap-y-1 rounded-control border border-line bg-surface px-2.5 py-1.5";
const REPORT = "max-w-[40ch] whitespace-pre-wrap [overflow-wrap:anywhere]";

function PartyName({ p, m }: { p: Party; m: Messages }) {
  return p.name ? (
    <span title={`${p.account}${p.gln ? ` · GLN ${p.gln}` : ""}`}>
      {displayText(p.name)}
      {p.country ? <span className="m-0 text-sm text-muted"> ({p.country})</span> : null}
    </span>
  ) : (
    <span>{fmt(m.provenance.detail.unnamed, { account: p.account })}</span>
  );
}

/** When a ledger write happened, its transaction and block, and who signed it (a member of `org`). */
function When({ r, org, m, d }: { r: LedgerRef; org: Party; m: Messages; d: Dates }) {
  return (
    <>
      {d.at(r.at)}
      <br />
      <code title={r.txHash}>{shortHex(r.txHash)}</code>{" "}
      <span className="m-0 text-sm text-muted">#{r.blockNumber}</span>
      <br />
      <small>
        {m.org.signer}: <SignedBy m={m} account={r.signedBy} org={org.name ?? org.account} />
      </small>
    </>
  );
}

function TreeNode({ node, m }: { node: CustodyNode; m: Messages }) {
  const t = m.provenance.detail;
  const short = node.received !== null ? node.quantity - node.received : null;
  return (
    <li data-testid="custody-node" data-shipment={node.shipmentId} data-status={node.status} className="my-1.5">
      <span className={NODE}>
        <span>
          <PartyName p={node.from} m={m} /> → <PartyName p={node.to} m={m} />
        </span>
        <span>{fmt(t.shippedQty, { quantity: node.quantity })}</span>
        <span>
          {node.status === "received" ? (
            <>
              <span aria-hidden="true">✓ </span>
              {fmt(t.receivedOf, { received: node.received ?? 0 })}
            </>
          ) : (
            // in transit, a cancellation requested, refused (back to the sender) or cancelled
            <StatusBadge status={node.status} m={m} />
          )}
        </span>
        {short ? (
          <Badge tone="bad">
            <span aria-hidden="true">⚠</span>
            {fmt(t.shortfall, { n: short })}
          </Badge>
        ) : null}
      </span>
      {node.children.length > 0 ? (
        <ul className={BRANCH}>
          {node.children.map((c) => (
            <TreeNode key={c.shipmentId} node={c} m={m} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** One batch's full provenance for staff: custody tree with splits and shortfalls, hops, holdings, status history, exports. */
export default async function BatchPage({ params }: { params: Promise<{ batchId: string }> }) {
  const { batchId } = await params;
  const { locale, m, timeZone } = await getI18n();
  const dates = datesFor({ locale, timeZone });
  const t = m.provenance.detail;
  const { session, organisation: org } = await pageStaff(ANY_ORGANISATION);
  const back = { href: "/batches", text: t.back };
  const fail = (text: string, testid = "batch-problem") => (
    <Page back={back} title={m.provenance.list.title}>
      <Notice role="alert" data-testid={testid}>
        {text}
      </Notice>
    </Page>
  );
  if (!org) return fail(staffNoticeText(m, session, null, m.provenance.needStaff), "sign-in-needed");
  let p: BatchProvenance;
  try {
    // While the indexed data is behind the chain, the batch's status is the chain's (as on every other route).
    p = await confirmProvenance(await batchProvenance(db(), batchId), await statusGuard());
  } catch (e) {
    // InvalidBatchId, BatchNotFound, StatusUnconfirmed: the page says which, in the reader's language.
    if (e instanceof DomainError) return fail(errorSentence(m, e.code));
    throw e;
  }
  if ((await batchAudience(db(), org, p.batch.id)) !== "party") return fail(t.notVisible);
  const scope = reportScope(org.account, org.roles);
  const seesReports =
    scope !== null && (scope.manufacturerAccount === undefined || p.batch.manufacturer.account === org.account);
  const reports: StoredReport[] = seesReports ? await listReports(db(), { batchId: p.batch.id }) : [];
  const isRegulator = (org.roles & ROLE.REGULATOR) !== 0;
  const b = p.batch;
  const tot = p.totals;
  return (
    <Page
      back={back}
      title={`${fmt(t.title, { lot: b.lot })}${b.product ? ` — ${displayText(`${b.product.name} ${b.product.strength}`)}` : ""}`}
      lede={p.indexedThroughBlock !== null ? fmt(t.asOf, { block: p.indexedThroughBlock }) : undefined}
    >
      <div data-testid="batch-provenance" data-batch-id={b.id}>
        <div className="grid gap-6 lg:grid-cols-2">
          <section aria-labelledby="facts">
            <h2 id="facts">{t.facts}</h2>
            <Facts
              facts={[
                {
                  term: t.product,
                  value: b.product
                    ? displayText(
                        `${b.product.name} ${b.product.strength}, ${b.product.dosageForm}, ${b.product.packSize}`,
                      )
                    : "—",
                },
                { term: t.gtin, value: <code>{b.gtin}</code> },
                { term: t.lot, value: displayText(b.lot) },
                { term: t.manufacturer, value: <PartyName p={b.manufacturer} m={m} /> },
                { term: t.expires, value: dates.day(b.expiresAt) },
                { term: t.packs, value: b.packCount },
                {
                  term: t.status,
                  value: <BatchStatus batch={b} m={m} />,
                },
                { term: t.registered, value: <When r={b.registered} org={b.manufacturer} m={m} d={dates} /> },
                { term: t.batchId, value: <code>{b.id}</code> },
              ]}
            />
            {isRegulator ? <BatchActions batchId={b.id as `0x${string}`} lot={b.lot} status={b.status} /> : null}
          </section>
          <section aria-labelledby="totals">
            <h2 id="totals">{t.totals}</h2>
            <p data-testid="totals">
              {fmt(t.totalsLine, {
                registered: tot.registered,
                held: tot.held,
                inTransit: tot.inTransit,
                dispensed: tot.dispensed,
                writtenOff: tot.writtenOff,
              })}
            </p>
            <Notice tone={tot.conserved ? "ok" : "warn"}>{tot.conserved ? t.conserved : t.notConserved}</Notice>
            <h3>{t.exports}</h3>
            <ul>
              <li>
                <a href={`/api/batches/${b.id}/epcis`} download data-testid="export-epcis">
                  {t.epcis}
                </a>
              </li>
              <li>
                <a href={`/api/batches/${b.id}/csv`} download data-testid="export-csv">
                  {t.csv}
                </a>
              </li>
            </ul>
          </section>
        </div>

        <section aria-labelledby="tree">
          <h2 id="tree">{t.tree}</h2>
          <p className="m-0 text-sm text-muted">{t.treeNote}</p>
          <ul className={`${BRANCH} pl-0 border-l-0`} data-testid="custody-tree">
            <li>
              <span className={NODE}>
                <strong>
                  {fmt(t.registeredBy, { name: b.manufacturer.name ?? b.manufacturer.account, n: b.packCount })}
                </strong>
              </span>
              {p.custodyTree.children.length > 0 ? (
                <ul className={BRANCH}>
                  {p.custodyTree.children.map((c) => (
                    <TreeNode key={c.shipmentId} node={c} m={m} />
                  ))}
                </ul>
              ) : null}
            </li>
          </ul>
        </section>

        <DataTable
          heading={{ id: "hops", text: t.hops }}
          testid="hops-table"
          rows={p.hops}
          rowKey={(h) => h.shipmentId}
          rowData={(h) => ({ "data-shipment": h.shipmentId, "data-status": h.status })}
          empty={t.noHops}
          columns={[
            { head: t.from, cell: (h) => <PartyName p={h.from} m={m} /> },
            { head: t.to, cell: (h) => <PartyName p={h.to} m={m} /> },
            { head: t.quantity, num: true, cell: (h) => h.quantity, sortValue: (h) => h.quantity },
            { head: t.received, num: true, cell: (h) => h.received ?? "—" },
            {
              head: t.short,
              num: true,
              cell: (h) => (h.shortfall ? <strong>⚠ {h.shortfall}</strong> : (h.shortfall ?? "—")),
            },
            {
              head: t.hopStatus,
              cell: (h) => (
                <>
                  <StatusBadge status={h.status} m={m} />
                  {h.cancelRequested ? (
                    // the sender's request to cancel: a ledger write of its own, with its signer
                    <small>
                      <br />
                      {m.common.status.cancel_requested}: {dates.at(h.cancelRequested.at)}
                      <br />
                      {m.org.signer}:{" "}
                      <SignedBy m={m} account={h.cancelRequested.signedBy} org={h.from.name ?? h.from.account} />
                    </small>
                  ) : null}
                </>
              ),
            },
            { head: t.shipped, cell: (h) => <When r={h.shipped} org={h.from} m={m} d={dates} /> },
            {
              head: t.closed,
              // received or refused by the recipient's member; a completed cancellation by the sender's
              cell: (h) =>
                h.closed ? <When r={h.closed} org={h.status === "voided" ? h.from : h.to} m={m} d={dates} /> : "—",
            },
            { head: t.reference, cell: (h) => <code title={h.ref}>{shortHex(h.ref)}</code> },
          ]}
        />

        <DataTable
          heading={{ id: "holdings", text: t.holdings }}
          testid="holdings-table"
          rows={p.holdings}
          rowKey={(h) => h.party.account}
          columns={[
            { head: t.holder, cell: (h) => <PartyName p={h.party} m={m} /> },
            { head: t.held, num: true, cell: (h) => h.held, sortValue: (h) => h.held },
            { head: t.inTransitOut, num: true, cell: (h) => h.inTransitOut },
            { head: t.dispensed, num: true, cell: (h) => h.dispensed },
            { head: t.writtenOff, num: true, cell: (h) => h.writtenOff },
          ]}
        />

        <DataTable
          heading={{ id: "status-history", text: t.statusHistory }}
          rows={p.statusEvents}
          rowKey={(e) => e.txHash + e.kind}
          empty={t.noStatus}
          columns={[
            { head: t.status, cell: (e) => t.kind[e.kind] },
            { head: t.reason, cell: (e) => (e.reason ? <StaffReason text={e.reason} /> : "—"), className: REPORT },
            { head: t.by, cell: (e) => <PartyName p={e.by} m={m} /> },
            { head: t.when, cell: (e) => <When r={e} org={e.by} m={m} d={dates} /> },
          ]}
        />

        {p.writeOffs.length > 0 ? (
          <DataTable
            heading={{ id: "write-offs", text: t.writeOffs }}
            rows={p.writeOffs}
            rowKey={(w) => w.txHash + w.party.account}
            columns={[
              { head: t.holder, cell: (w) => <PartyName p={w.party} m={m} /> },
              { head: t.quantity, num: true, cell: (w) => w.quantity },
              { head: t.reason, cell: (w) => displayText(w.reason), className: REPORT },
              { head: t.when, cell: (w) => <When r={w} org={w.party} m={m} d={dates} /> },
            ]}
          />
        ) : null}

        {seesReports ? (
          <ReportsTable
            reports={reports}
            m={m}
            locale={locale}
            timeZone={timeZone}
            heading={{ id: "reports", text: t.reports }}
            empty={t.noReports}
          />
        ) : null}
      </div>
    </Page>
  );
}
