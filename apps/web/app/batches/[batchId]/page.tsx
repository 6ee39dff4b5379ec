import { ROLE } from "@tracemed/chain";
import { db } from "../../../lib/db";
import { ApiError } from "../../../lib/http";
import { getI18n } from "../../../lib/i18n/server";
import { fmt } from "../../../lib/i18n/locales";
import type { Messages } from "../../../lib/i18n/messages";
import {
  batchProvenance,
  type BatchProvenance,
  type CustodyNode,
  type LedgerRef,
  type Party,
} from "../../../lib/provenance";
import { canSeeBatch } from "../../../lib/regulator/batchList";
import { listReports, reportScope, type StoredReport } from "../../../lib/reports/consumerReports";
import { formatUtc, shortHex } from "../../../lib/reports/format";
import { getSession } from "../../../lib/session/server";
import { BatchActions } from "../../regulator/BatchActions";
import { ReportsTable } from "../../regulator/ReportsTable";
import { StatusBadge } from "../StatusBadge";
import "../../regulator/office.css";

export const dynamic = "force-dynamic";

function PartyName({ p, m }: { p: Party; m: Messages }) {
  return p.name ? (
    <span title={`${p.account}${p.gln ? ` · GLN ${p.gln}` : ""}`}>
      {p.name}
      {p.country ? <span className="note"> ({p.country})</span> : null}
    </span>
  ) : (
    <span>{fmt(m.provenance.detail.unnamed, { account: p.account })}</span>
  );
}

function Tx({ r }: { r: LedgerRef }) {
  return (
    <>
      <code title={r.txHash}>{shortHex(r.txHash)}</code>
      <br />
      <span className="note">#{r.blockNumber}</span>
    </>
  );
}

function TreeNode({ node, m }: { node: CustodyNode; m: Messages }) {
  const t = m.provenance.detail;
  const short = node.received !== null ? node.quantity - node.received : null;
  return (
    <li data-testid="custody-node" data-shipment={node.shipmentId} data-status={node.status}>
      <span className="node">
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
          ) : node.status === "in_transit" ? (
            <>
              <span aria-hidden="true">→ </span>
              {m.common.status.in_transit}
            </>
          ) : (
            <>
              <span aria-hidden="true">✕ </span>
              {m.common.status.voided}
            </>
          )}
        </span>
        {short ? (
          <strong className="status status-recalled">
            <span aria-hidden="true">⚠ </span>
            {fmt(t.shortfall, { n: short })}
          </strong>
        ) : null}
      </span>
      {node.children.length > 0 ? (
        <ul>
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
  const { locale, m } = await getI18n();
  const t = m.provenance.detail;
  const session = await getSession();
  const org = session?.organisation;
  const fail = (text: string, testid = "batch-problem") => (
    <main className="office">
      <p>
        <a href="/batches">← {t.back}</a>
      </p>
      <p className="notice" role="alert" data-testid={testid}>
        {text}
      </p>
    </main>
  );
  if (!org) return fail(m.provenance.needStaff, "sign-in-needed");
  let p: BatchProvenance;
  try {
    p = await batchProvenance(db(), batchId);
  } catch (e) {
    if (e instanceof ApiError && e.status === 400) return fail(t.invalidId);
    if (e instanceof ApiError && e.status === 404) return fail(t.notFound);
    throw e;
  }
  if (!(await canSeeBatch(db(), org, p.batch.id))) return fail(t.notVisible);
  const scope = reportScope(org.account, org.roles);
  const seesReports =
    scope !== null && (scope.manufacturerAccount === undefined || p.batch.manufacturer.account === org.account);
  const reports: StoredReport[] = seesReports ? await listReports(db(), { batchId: p.batch.id }) : [];
  const isRegulator = (org.roles & ROLE.REGULATOR) !== 0;
  const b = p.batch;
  const tot = p.totals;
  return (
    <main className="office" data-testid="batch-provenance" data-batch-id={b.id}>
      <p>
        <a href="/batches">← {t.back}</a>
      </p>
      <h1>
        {fmt(t.title, { lot: b.lot })}
        {b.product ? ` — ${b.product.name} ${b.product.strength}` : ""}
      </h1>
      <p className="lede">{p.indexedThroughBlock !== null ? fmt(t.asOf, { block: p.indexedThroughBlock }) : null}</p>
      <div className="grid-2">
        <section aria-labelledby="facts">
          <h2 id="facts">{t.facts}</h2>
          <dl className="facts">
            <dt>{t.product}</dt>
            <dd>
              {b.product
                ? `${b.product.name} ${b.product.strength}, ${b.product.dosageForm}, ${b.product.packSize}`
                : "—"}
            </dd>
            <dt>{t.gtin}</dt>
            <dd>
              <code>{b.gtin}</code>
            </dd>
            <dt>{t.lot}</dt>
            <dd>{b.lot}</dd>
            <dt>{t.manufacturer}</dt>
            <dd>
              <PartyName p={b.manufacturer} m={m} />
            </dd>
            <dt>{t.expires}</dt>
            <dd>{b.expiresAt.slice(0, 10)}</dd>
            <dt>{t.packs}</dt>
            <dd>{b.packCount}</dd>
            <dt>{t.status}</dt>
            <dd>
              <StatusBadge row={b} words={m.common.status} />
              {b.statusReason && b.status !== "active" ? <div className="reason">{b.statusReason}</div> : null}
            </dd>
            <dt>{t.registered}</dt>
            <dd>
              {formatUtc(b.registered.at)} · <Tx r={b.registered} />
            </dd>
            <dt>{t.batchId}</dt>
            <dd>
              <code>{b.id}</code>
            </dd>
          </dl>
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
          <p className={tot.conserved ? "hint-ok" : "notice"}>{tot.conserved ? t.conserved : t.notConserved}</p>
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
        <p className="note">{t.treeNote}</p>
        <ul className="tree" data-testid="custody-tree">
          <li>
            <span className="node">
              <strong>
                {fmt(t.registeredBy, { name: b.manufacturer.name ?? b.manufacturer.account, n: b.packCount })}
              </strong>
            </span>
            {p.custodyTree.children.length > 0 ? (
              <ul>
                {p.custodyTree.children.map((c) => (
                  <TreeNode key={c.shipmentId} node={c} m={m} />
                ))}
              </ul>
            ) : null}
          </li>
        </ul>
      </section>

      <section aria-labelledby="hops">
        <h2 id="hops">{t.hops}</h2>
        {p.hops.length === 0 ? (
          <p className="note">{t.noHops}</p>
        ) : (
          <div className="table-scroll">
            <table aria-labelledby="hops" data-testid="hops-table">
              <thead>
                <tr>
                  <th scope="col">{t.from}</th>
                  <th scope="col">{t.to}</th>
                  <th scope="col" className="num">
                    {t.quantity}
                  </th>
                  <th scope="col" className="num">
                    {t.received}
                  </th>
                  <th scope="col" className="num">
                    {t.short}
                  </th>
                  <th scope="col">{t.hopStatus}</th>
                  <th scope="col">{t.shipped}</th>
                  <th scope="col">{t.closed}</th>
                  <th scope="col">{t.reference}</th>
                </tr>
              </thead>
              <tbody>
                {p.hops.map((h) => (
                  <tr key={h.shipmentId} data-shipment={h.shipmentId}>
                    <td>
                      <PartyName p={h.from} m={m} />
                    </td>
                    <td>
                      <PartyName p={h.to} m={m} />
                    </td>
                    <td className="num">{h.quantity}</td>
                    <td className="num">{h.received ?? "—"}</td>
                    <td className="num">{h.shortfall ? <strong>⚠ {h.shortfall}</strong> : (h.shortfall ?? "—")}</td>
                    <td>{m.common.status[h.status]}</td>
                    <td>
                      {formatUtc(h.shipped.at)}
                      <br />
                      <Tx r={h.shipped} />
                    </td>
                    <td>
                      {h.closed ? (
                        <>
                          {formatUtc(h.closed.at)}
                          <br />
                          <Tx r={h.closed} />
                        </>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td>
                      <code title={h.ref}>{shortHex(h.ref)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="holdings">
        <h2 id="holdings">{t.holdings}</h2>
        <table aria-labelledby="holdings" data-testid="holdings-table">
          <thead>
            <tr>
              <th scope="col">{t.holder}</th>
              <th scope="col" className="num">
                {t.held}
              </th>
              <th scope="col" className="num">
                {t.inTransitOut}
              </th>
              <th scope="col" className="num">
                {t.dispensed}
              </th>
              <th scope="col" className="num">
                {t.writtenOff}
              </th>
            </tr>
          </thead>
          <tbody>
            {p.holdings.map((h) => (
              <tr key={h.party.account}>
                <td>
                  <PartyName p={h.party} m={m} />
                </td>
                <td className="num">{h.held}</td>
                <td className="num">{h.inTransitOut}</td>
                <td className="num">{h.dispensed}</td>
                <td className="num">{h.writtenOff}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="status-history">
        <h2 id="status-history">{t.statusHistory}</h2>
        {p.statusEvents.length === 0 ? (
          <p className="note">{t.noStatus}</p>
        ) : (
          <table aria-labelledby="status-history">
            <thead>
              <tr>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.reason}</th>
                <th scope="col">{t.by}</th>
                <th scope="col">{t.when}</th>
                <th scope="col">{m.regulator.overview.tx}</th>
              </tr>
            </thead>
            <tbody>
              {p.statusEvents.map((s) => (
                <tr key={s.txHash + s.kind}>
                  <td>{t.kind[s.kind]}</td>
                  <td className="report-text">{s.reason ?? "—"}</td>
                  <td>
                    <PartyName p={s.by} m={m} />
                  </td>
                  <td>{formatUtc(s.at)}</td>
                  <td>
                    <Tx r={s} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {p.writeOffs.length > 0 ? (
        <section aria-labelledby="write-offs">
          <h2 id="write-offs">{t.writeOffs}</h2>
          <table aria-labelledby="write-offs">
            <thead>
              <tr>
                <th scope="col">{t.holder}</th>
                <th scope="col" className="num">
                  {t.quantity}
                </th>
                <th scope="col">{t.reason}</th>
                <th scope="col">{t.when}</th>
                <th scope="col">{m.regulator.overview.tx}</th>
              </tr>
            </thead>
            <tbody>
              {p.writeOffs.map((w) => (
                <tr key={w.txHash + w.party.account}>
                  <td>
                    <PartyName p={w.party} m={m} />
                  </td>
                  <td className="num">{w.quantity}</td>
                  <td className="report-text">{w.reason}</td>
                  <td>{formatUtc(w.at)}</td>
                  <td>
                    <Tx r={w} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {seesReports ? (
        <section aria-labelledby="reports">
          <h2 id="reports">{t.reports}</h2>
          {reports.length === 0 ? (
            <p className="note">{t.noReports}</p>
          ) : (
            <ReportsTable reports={reports} m={m} locale={locale} />
          )}
        </section>
      ) : null}
    </main>
  );
}
