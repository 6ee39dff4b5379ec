import { displayText } from "@tracemed/codes/browser";
import { qrSvg } from "@tracemed/codes";
import { SignInNotice } from "@/components/SignInNotice";
import { Page } from "@/components/Page";
import { Facts } from "@/components/Facts";
import { Notice } from "@/components/Notice";
import { Button } from "@/components/ui/button";
import "./print.css";
import { db } from "@/lib/db";
import { shipmentsByRef } from "@tracemed/provenance/custody";
import { pageStaff } from "@/lib/session/server";
import { env } from "@/lib/env";
import { formatSscc, ssccDigitalLink, ssccToRef } from "@tracemed/codes/browser";
import { fmt } from "@/lib/i18n/locales";
import { getI18n } from "@/lib/i18n/server";
import { datesFor } from "@/lib/dates";
import { logisticLabelFor } from "@/lib/labels/logisticLabel";
import { PrintButton } from "./PrintButton";

export const dynamic = "force-dynamic";

/**
 * The shipment label's preview: QR of the Digital Link `<origin>/00/<sscc>`, the SSCC as text, parties and
 * contents; "Download PDF" gives the print-ready GS1 logistic label (./pdf).
 */
export default async function ShipmentLabelPage({ params }: { params: Promise<{ sscc: string }> }) {
  const { session, organisation } = await pageStaff(["MANUFACTURER", "DISTRIBUTOR", "PHARMACY"]);
  if (!organisation) return <SignInNotice role="DISTRIBUTOR" session={session} />;
  const i18n = await getI18n();
  const m = i18n.m;
  const dates = datesFor(i18n);
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
      <Page title={t.title} back={{ href: "/ship", text: t.back }}>
        <Notice role="alert">{t.notFound}</Notice>
      </Page>
    );
  }
  const link = ssccDigitalLink(env.PUBLIC_ORIGIN.origin, sscc);
  const label = await logisticLabelFor(db(), organisation.account, sscc);
  const svg = await qrSvg(link);
  const orgs = await db().organisation.findMany({
    where: { account: { in: [shipment.from, shipment.to] } },
    select: { account: true, gln: true },
  });
  const glnOf = (a: string) => orgs.find((o) => o.account === a)?.gln ?? "";
  const b = shipment.batch;
  return (
    <main className="mx-auto w-full max-w-4xl px-4 pt-5 pb-16 print:p-0">
      <div className="mb-4 flex flex-wrap items-center gap-3 print:hidden">
        <Button asChild variant="secondary">
          <a href="/ship">{t.back}</a>
        </Button>
        <Button asChild>
          <a href={`/ship/label/${sscc}/pdf`} download={`sscc-${sscc}.pdf`} data-testid="shipment-label-pdf">
            {t.downloadPdf}
          </a>
        </Button>
        <PrintButton label={t.print} />
      </div>
      {/* Black on white at its printed size: a label, not a screen card. */}
      <article
        className="max-w-[150mm] border-2 border-black bg-white p-4 text-black"
        data-testid="shipment-label"
        data-sscc={sscc}
      >
        <h1 className="mb-3 text-2xl font-bold">{t.title}</h1>
        <div className="flex flex-wrap items-start gap-4">
          {/* The SVG comes from our own QR encoder (npm qrcode), not from user input. */}
          <div
            className="size-[60mm] shrink-0 [&_svg]:size-full"
            role="img"
            aria-label={link}
            dangerouslySetInnerHTML={{ __html: svg }}
          />
          <div className="min-w-0 flex-[1_1_14rem]">
            <Facts
              facts={[
                {
                  term: t.shipFrom,
                  value: (
                    <>
                      {displayText(shipment.fromName ?? "")} <small>GLN {glnOf(shipment.from)}</small>
                    </>
                  ),
                },
                {
                  term: t.shipTo,
                  value: (
                    <>
                      {displayText(shipment.toName ?? "")} <small>GLN {glnOf(shipment.to)}</small>
                    </>
                  ),
                },
                {
                  term: t.contents,
                  value: (
                    <>
                      {displayText(b?.productName ?? b?.gtin ?? "")}
                      <br />
                      {c.gtin} {b?.gtin} · {c.lot} {b?.lot} · {c.expiry} {dates.day(b?.expiresAt)}
                      <br />
                      <strong>{fmt(c.packs, { n: shipment.quantity })}</strong>
                    </>
                  ),
                },
              ]}
            />
          </div>
        </div>
        <p className="mt-4 mb-1 font-mono text-xl font-bold tracking-wide" data-testid="label-sscc">
          {formatSscc(sscc, label?.companyPrefixLength ?? null)}
        </p>
        <p className="m-0 text-sm break-all">{link}</p>
      </article>
    </main>
  );
}
