import { db } from "../../lib/db";
import { getI18n } from "../../lib/i18n/server";
import { fmt } from "../../lib/i18n/locales";
import { listBatches } from "../../lib/regulator/batchList";
import { formatUtc } from "../../lib/reports/format";
import { getSession } from "../../lib/session/server";
import { ROLE } from "@tracemed/chain";
import "../regulator/office.css";
import { StatusBadge } from "./StatusBadge";

export const dynamic = "force-dynamic";

const STATUSES = ["active", "quarantined", "recalled", "expired"] as const;
type Filter = (typeof STATUSES)[number];

/** Every batch the signed-in organisation may see, from the database (the indexed ledger). */
export default async function BatchesPage({ searchParams }: { searchParams: Promise<{ status?: string }> }) {
  const { m } = await getI18n();
  const t = m.provenance.list;
  const session = await getSession();
  const org = session?.organisation;
  if (!org) {
    return (
      <main>
        <h1>{t.title}</h1>
        <p className="notice" role="alert" data-testid="sign-in-needed">
          {m.provenance.needStaff}
        </p>
      </main>
    );
  }
  const wanted = (await searchParams).status;
  const status = (STATUSES as readonly string[]).includes(wanted ?? "") ? (wanted as Filter) : undefined;
  const [rows, cursor] = await Promise.all([
    listBatches(db(), { viewer: org, status }),
    db().indexerCursor.findFirst({ orderBy: { lastBlock: "desc" } }),
  ]);
  const all = (org.roles & ROLE.REGULATOR) !== 0;
  const block = cursor ? cursor.lastBlock.toString() : "—";
  return (
    <main className="office">
      <h1>{t.title}</h1>
      <p className="lede">
        {all ? fmt(t.ledeAll, { n: rows.length, block }) : fmt(t.ledeMine, { name: org.name, n: rows.length, block })}
      </p>
      <nav aria-label={t.filter} className="filters">
        <span>{t.filter}:</span>
        <a href="/batches" aria-current={!status ? "page" : undefined}>
          {t.all}
        </a>
        {STATUSES.map((s) => (
          <a key={s} href={`/batches?status=${s}`} aria-current={status === s ? "page" : undefined}>
            {m.common.status[s]}
          </a>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="note">{t.none}</p>
      ) : (
        <div className="table-scroll">
          <table aria-label={t.caption} data-testid="batches-table">
            <thead>
              <tr>
                <th scope="col">{t.product}</th>
                <th scope="col">{t.lot}</th>
                <th scope="col">{t.manufacturer}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.expires}</th>
                <th scope="col" className="num">
                  {t.packs}
                </th>
                <th scope="col">{t.heldBy}</th>
                <th scope="col" className="num">
                  {t.inTransit}
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
              {rows.map((b) => (
                <tr key={b.id} data-batch={b.lot} data-batch-id={b.id}>
                  <td>
                    {b.productName ?? "—"}
                    <br />
                    <code>{b.gtin}</code>
                  </td>
                  <td>
                    <a href={`/batches/${b.id}`} aria-label={fmt(t.open, { lot: b.lot })}>
                      <strong>{b.lot}</strong>
                    </a>
                  </td>
                  <td>{b.manufacturer}</td>
                  <td>
                    <StatusBadge row={b} words={m.common.status} />
                    {b.statusReason && b.status !== "active" ? <div className="reason">{b.statusReason}</div> : null}
                  </td>
                  <td>{formatUtc(b.expiresAt).slice(0, 10)}</td>
                  <td className="num">{b.packCount}</td>
                  <td>
                    <ul className="holders">
                      {b.holders.map((h) => (
                        <li key={h.account}>
                          {h.name}: <strong>{h.held}</strong>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="num">{b.inTransit}</td>
                  <td className="num">{b.dispensed}</td>
                  <td className="num">{b.writtenOff}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}
