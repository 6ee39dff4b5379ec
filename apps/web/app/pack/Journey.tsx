import type { Hop, PackProvenance, Party } from "../../lib/provenance";
import { fmt } from "../../lib/i18n/locales";
import type { Messages } from "../../lib/i18n/messages";
import { formatDate, regionName } from "../../lib/reports/format";

const who = (locale: string, p: Party) =>
  p.name ? `${p.name}${p.country ? ` (${regionName(locale, p.country)})` : ""}` : p.account;

/**
 * A pack's journey for the person holding it: made by, then each hop to the pharmacy. A dispensed
 * pack shows the exact path to its dispenser; otherwise the batch's hops (the pack is on one of them).
 */
export function Journey({ locale, m, provenance }: { locale: string; m: Messages; provenance: PackProvenance }) {
  const t = m.consumer.journey;
  const b = provenance.batch;
  const exact = provenance.pathToDispenser;
  const hops: Hop[] = (exact ?? b.hops).filter((h) => h.status !== "voided");
  const day = (iso: string) => formatDate(locale, iso);
  return (
    <section className="journey" aria-labelledby="journey-title">
      <h2 id="journey-title">{t.title}</h2>
      <p className="note">{exact || hops.length === 0 ? t.note : `${t.note} ${t.batchNote}`}</p>
      <ol className="journey-steps" data-testid="journey">
        <li data-testid="journey-step" data-step="made">
          <span className="journey-icon" aria-hidden="true">
            ●
          </span>
          <strong>{fmt(t.made, { name: who(locale, b.batch.manufacturer) })}</strong>
          <span className="journey-when">{day(b.batch.registered.at)}</span>
        </li>
        {hops.map((h) => (
          <li key={h.shipmentId} data-testid="journey-step" data-step={h.status}>
            <span className="journey-icon" aria-hidden="true">
              {h.status === "received" ? "●" : "○"}
            </span>
            <strong>{fmt(t.moved, { from: who(locale, h.from), to: who(locale, h.to) })}</strong>
            <span className="journey-when">
              {fmt(t.shippedOn, { date: day(h.shipped.at) })}
              {" · "}
              {h.closed ? fmt(t.receivedOn, { date: day(h.closed.at) }) : t.inTransit}
            </span>
          </li>
        ))}
        {provenance.pack.dispensed ? (
          <li data-testid="journey-step" data-step="dispensed">
            <span className="journey-icon" aria-hidden="true">
              ✓
            </span>
            <strong>{fmt(t.dispensedBy, { name: who(locale, provenance.pack.dispensed.by) })}</strong>
            <span className="journey-when">{day(provenance.pack.dispensed.at)}</span>
          </li>
        ) : null}
      </ol>
    </section>
  );
}
