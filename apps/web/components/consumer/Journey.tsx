import type { PublicParty, PublicPackView } from "@tracemed/provenance/readPolicy";
import { fmt } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import { formatDate, regionName } from "@/lib/format";

/**
 * A pack's journey for the person holding it: made by, then each hop to the pharmacy. A dispensed
 * pack shows the exact path to its dispenser; otherwise the batch's hops (the pack is on one of them).
 * It renders the public view of the read policy (lib/readPolicy.ts): names, countries and days only.
 */
export function Journey({ locale, m, journey }: { locale: string; m: Messages; journey: PublicPackView }) {
  const t = m.consumer.journey;
  const who = (p: PublicParty) =>
    p.name ? `${p.name}${p.country ? ` (${regionName(locale, p.country)})` : ""}` : t.unnamed;
  const day = (ymd: string) => formatDate(locale, ymd, "UTC");
  const hops = journey.journey;
  return (
    <section className="journey" aria-labelledby="journey-title">
      <h2 id="journey-title">{t.title}</h2>
      <p className="note">{journey.exact || hops.length === 0 ? t.note : `${t.note} ${t.batchNote}`}</p>
      <ol className="journey-steps" data-testid="journey">
        <li data-testid="journey-step" data-step="made">
          <span className="journey-icon" aria-hidden="true">
            ●
          </span>
          <strong>{fmt(t.made, { name: who(journey.batch.manufacturer) })}</strong>
          <span className="journey-when">{day(journey.batch.madeOn)}</span>
        </li>
        {hops.map((h, i) => (
          <li key={i} data-testid="journey-step" data-step={h.status}>
            <span className="journey-icon" aria-hidden="true">
              {h.status === "received" ? "●" : "○"}
            </span>
            <strong>{fmt(t.moved, { from: who(h.from), to: who(h.to) })}</strong>
            <span className="journey-when">
              {fmt(t.shippedOn, { date: day(h.shippedOn) })}
              {" · "}
              {h.receivedOn ? fmt(t.receivedOn, { date: day(h.receivedOn) }) : t.inTransit}
            </span>
          </li>
        ))}
        {journey.pack.dispensed ? (
          <li data-testid="journey-step" data-step="dispensed">
            <span className="journey-icon" aria-hidden="true">
              ✓
            </span>
            <strong>{fmt(t.dispensedBy, { name: who(journey.pack.dispensed.by) })}</strong>
            <span className="journey-when">{day(journey.pack.dispensed.on)}</span>
          </li>
        ) : null}
      </ol>
    </section>
  );
}
