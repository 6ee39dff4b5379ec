import { displayText } from "@tracemed/codes/browser";
import { qrSvg } from "@tracemed/codes";
import { SignInNotice } from "@/components/SignInNotice";
import "@/components/scan/custody.css";
import { db } from "@/lib/db";
import { shipmentsByRef } from "@tracemed/provenance/custody";
import { pageStaff } from "@/lib/session/server";
import { env } from "@/lib/env";
import { formatSscc, ssccDigitalLink, ssccToRef } from "@tracemed/codes/browser";
import { fmt } from "@/lib/i18n/locales";
import { getI18n } from "@/lib/i18n/server";
import { PrintButton } from "./PrintButton";

export const dynamic = "force-dynamic";

/** A printable shipment label: QR of the Digital Link `<origin>/00/<sscc>`, the SSCC as text, parties and contents. */
export default async function ShipmentLabelPage({ params }: { params: Promise<{ sscc: string }> }) {
  const { session, organisation } = await pageStaff(["MANUFACTURER", "DISTRIBUTOR", "PHARMACY"]);
  if (!organisation) return <SignInNotice role="DISTRIBUTOR" session={session} />;
  const { m } = await getI18n();
  const t = m.custody.label;
  const c = m.custody.common;
  const { sscc } = await params;
  let ref: string | null = null;
  try {
    ref = ssccToRef(sscc);
  } catch {
    ref = null;
  }
  const shipment = ref
    ? (await shipmentsByRef(db(), ref)).find((s) => s.from === organisation.account || s.to === organisation.account)
    : undefined;
  if (!shipment) {
    return (
      <main className="custody">
        <h1>{t.title}</h1>
        <p className="notice" role="alert">
          {t.notFound}
        </p>
        <a href="/ship">{t.back}</a>
      </main>
    );
  }
  const link = ssccDigitalLink(env.PUBLIC_ORIGIN.origin, sscc);
  const svg = await qrSvg(link);
  const orgs = await db().organisation.findMany({
    where: { account: { in: [shipment.from, shipment.to] } },
    select: { account: true, gln: true },
  });
  const glnOf = (a: string) => orgs.find((o) => o.account === a)?.gln ?? "";
  const b = shipment.batch;
  return (
    <main className="custody">
      <div className="actions no-print">
        <a href="/ship">{t.back}</a>
        <PrintButton label={t.print} />
      </div>
      <article className="label-sheet" data-testid="shipment-label" data-sscc={sscc}>
        <h1>{t.title}</h1>
        <div className="actions">
          {/* The SVG comes from our own QR encoder (npm qrcode), not from user input. */}
          <div className="label-qr" role="img" aria-label={link} dangerouslySetInnerHTML={{ __html: svg }} />
          <dl className="facts">
            <dt>{t.shipFrom}</dt>
            <dd>
              {displayText(shipment.fromName ?? "")} <small>GLN {glnOf(shipment.from)}</small>
            </dd>
            <dt>{t.shipTo}</dt>
            <dd>
              {displayText(shipment.toName ?? "")} <small>GLN {glnOf(shipment.to)}</small>
            </dd>
            <dt>{t.contents}</dt>
            <dd>
              {displayText(b?.productName ?? b?.gtin ?? "")}
              <br />
              {c.gtin} {b?.gtin} · {c.lot} {b?.lot} · {c.expiry} {b?.expiresAt.slice(0, 10)}
              <br />
              <strong>{fmt(c.packs, { n: shipment.quantity })}</strong>
            </dd>
          </dl>
        </div>
        <p className="sscc-hri" data-testid="label-sscc">
          {formatSscc(sscc)}
        </p>
        <p>
          <small>{link}</small>
        </p>
      </article>
    </main>
  );
}
