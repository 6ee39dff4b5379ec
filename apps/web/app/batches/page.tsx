import { describeLedgerError, readNetwork, type BatchView } from "@tracemed/chain";
import { ledger, publicClient, chain } from "../../lib/ledger";

// The page reads the chain on every request: it must show what is on the ledger now.
export const dynamic = "force-dynamic";

const STATUS_LABEL: Record<BatchView["status"], string> = {
  none: "Unknown",
  active: "✓ Active",
  quarantined: "⏸ Quarantined",
  recalled: "✕ Recalled",
};

export default async function BatchesPage() {
  const deployment = ledger();
  if (!deployment) {
    return (
      <main>
        <h1>Batches on the ledger</h1>
        <p className="notice">No ledger is deployed on chain {chain.id}. Run the start command, or npm run deploy.</p>
      </main>
    );
  }
  let network: Awaited<ReturnType<typeof readNetwork>>;
  try {
    network = await readNetwork(publicClient, deployment);
  } catch (error) {
    return (
      <main>
        <h1>Batches on the ledger</h1>
        <p className="notice" role="alert">
          {describeLedgerError(error).message}
        </p>
      </main>
    );
  }
  const { batches, organisations } = network;
  const nameOf = (account: string) =>
    organisations.find((o) => o.account.toLowerCase() === account.toLowerCase())?.name ?? account;
  return (
    <main>
      <h1>Batches on the ledger</h1>
      <p className="lede">
        {batches.length} batches, {organisations.length} organisations — read live from {chain.name} (chain {chain.id}),
        ledger <code>{deployment.address}</code>.
      </p>
      <table aria-label="Batches and their current holders">
        <thead>
          <tr>
            <th scope="col">GTIN / lot</th>
            <th scope="col">Manufacturer</th>
            <th scope="col">Status</th>
            <th scope="col">Expires</th>
            <th scope="col" className="num">
              Packs
            </th>
            <th scope="col">Held by</th>
            <th scope="col" className="num">
              In transit
            </th>
            <th scope="col" className="num">
              Dispensed
            </th>
            <th scope="col" className="num">
              Written off
            </th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => {
            const dispensed = b.holders.reduce((s, h) => s + h.dispensed, 0n);
            const writtenOff = b.holders.reduce((s, h) => s + h.writtenOff, 0n);
            return (
              <tr key={b.batchId} data-batch={b.lot}>
                <td>
                  <code>{b.gtin}</code>
                  <br />
                  Lot <strong>{b.lot}</strong>
                </td>
                <td>{nameOf(b.manufacturer)}</td>
                <td>
                  <span className={`status status-${b.status}`}>{STATUS_LABEL[b.status]}</span>
                  {b.recallReason ? <div>{b.recallReason}</div> : null}
                </td>
                <td>{b.expiresAt.toISOString().slice(0, 10)}</td>
                <td className="num">{b.packCount}</td>
                <td>
                  <ul className="holders">
                    {b.holders
                      .filter((h) => h.held > 0n)
                      .map((h) => (
                        <li key={h.account}>
                          {h.name}: <strong>{h.held.toString()}</strong>
                        </li>
                      ))}
                  </ul>
                </td>
                <td className="num">{b.inTransit.toString()}</td>
                <td className="num">{dispensed.toString()}</td>
                <td className="num">{writtenOff.toString()}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <section>
        <h2>Organisations</h2>
        <table aria-label="Organisations">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Roles</th>
              <th scope="col">GLN</th>
              <th scope="col">Country</th>
              <th scope="col">Account</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {organisations.map((o) => (
              <tr key={o.account}>
                <td>{o.name}</td>
                <td>{o.roles.map((r) => r.toLowerCase()).join(", ")}</td>
                <td>
                  <code>{o.gln}</code>
                </td>
                <td>{o.country}</td>
                <td>
                  <code>{o.account}</code>
                </td>
                <td>{o.suspended ? "Suspended" : "Active"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}
