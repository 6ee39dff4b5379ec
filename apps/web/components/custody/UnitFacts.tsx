"use client";
import { displayText } from "@tracemed/codes/browser";
import type { UnitView } from "@tracemed/provenance/units";
import { Facts } from "@/components/Facts";
import { Badge } from "@/components/ui/badge";
import { datesFor } from "@/lib/dates";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";
import { unitSummary } from "./unitApi";

/** A case or pallet as a desk shows it: who packed it, sealed or opened, contents by batch, the cases on it. */
export function UnitFacts({ unit }: { unit: UnitView }) {
  const i18n = useI18n();
  const { m } = i18n;
  const t = m.custody.unit;
  const dates = datesFor(i18n);
  return (
    <Facts
      facts={[
        { term: t.sscc, value: <code>{unit.sscc}</code> },
        { term: t.packedBy, value: displayText(unit.organisationName ?? unit.organisation) },
        { term: t.packedAt, value: dates.at(unit.packedAt) },
        {
          term: t.seal,
          value: unit.status === "packed" ? <Badge tone="ok">{t.sealed}</Badge> : <Badge tone="warn">{t.opened}</Badge>,
          testid: "unit-seal",
        },
        {
          term: t.contents,
          value: (
            <>
              <span data-testid="unit-summary">{unitSummary(m, unit)}</span>
              <ul className="m-0 mt-1 list-none p-0" data-testid="unit-contents">
                {unit.contents.map((c) => (
                  <li key={c.batchId} data-lot={c.lot} data-quantity={c.quantity}>
                    {fmt(t.batchLine, { product: c.gtin, lot: c.lot, n: c.quantity })}
                  </li>
                ))}
              </ul>
            </>
          ),
        },
        unit.children.length > 0 && {
          term: t.cases,
          value: (
            <ul className="m-0 list-none p-0" data-testid="unit-cases">
              {unit.children.map((c) => (
                <li key={c.sscc} data-sscc={c.sscc}>
                  <code>{fmt(t.caseLine, { sscc: c.sscc, packs: c.packs })}</code>
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}
