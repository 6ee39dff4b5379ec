/**
 * A pack's journey for the person holding it: made by, then each hop to the pharmacy. A dispensed pack shows
 * the exact path to its dispenser; otherwise its batch's hops. The public view of the read policy: names,
 * countries and days only.
 */
import type { PublicParty, PublicPackView } from "@tracemed/provenance/readPolicy";
import { formatDate, regionName } from "../format";
import { html, type Html } from "../html";
import { fmt, type Locale } from "../locales";
import { consumerMessages } from "../messages";
import { nameIn } from "./verdict";

export function renderJourney(locale: Locale, journey: PublicPackView): Html {
  const t = consumerMessages(locale).journey;
  const who = (p: PublicParty) => {
    const name = p.name ? nameIn(locale, { name: p.name, nameZh: (p as { nameZh?: string | null }).nameZh }) : null;
    return name ? `${name}${p.country ? ` (${regionName(locale, p.country)})` : ""}` : t.unnamed;
  };
  const day = (ymd: string) => formatDate(locale, ymd, "UTC");
  const hops = journey.journey;
  const step = (testStep: string, icon: string, what: string, when: string) =>
    html`<li data-testid="journey-step" data-step="${testStep}">
      <span class="journey-icon" aria-hidden="true">${icon}</span><strong>${what}</strong
      ><span class="journey-when">${when}</span>
    </li>`;
  return html`<section class="journey" aria-labelledby="journey-title">
    <h2 id="journey-title">${t.title}</h2>
    <p class="note">${journey.exact || hops.length === 0 ? t.note : `${t.note} ${t.batchNote}`}</p>
    <ol class="journey-steps" data-testid="journey">
      ${step("made", "●", fmt(t.made, { name: who(journey.batch.manufacturer) }), day(journey.batch.madeOn))}
      ${hops.map((h) =>
        step(
          h.status,
          h.status === "received" ? "●" : "○",
          fmt(t.moved, { from: who(h.from), to: who(h.to) }),
          `${fmt(t.shippedOn, { date: day(h.shippedOn) })} · ${h.receivedOn ? fmt(t.receivedOn, { date: day(h.receivedOn) }) : t.inTransit}`,
        ),
      )}
      ${journey.pack.dispensed ? step("dispensed", "✓", fmt(t.dispensedBy, { name: who(journey.pack.dispensed.by) }), day(journey.pack.dispensed.on)) : null}
    </ol>
  </section>`;
}
