import { db } from "../../../../../lib/db";
import { ApiError } from "../../../../../lib/http";
import { packInfo, type PackInfo } from "../../../../../lib/verify/packInfo";
import { PinForm } from "./PinForm";

export const dynamic = "force-dynamic";

export default async function PackPage({ params }: { params: Promise<{ gtin: string; lot: string; serial: string }> }) {
  const p = await params;
  let info: PackInfo | null = null;
  let problem: string | null = null;
  try {
    info = await packInfo(db(), {
      gtin: decodeURIComponent(p.gtin),
      lot: decodeURIComponent(p.lot),
      serial: decodeURIComponent(p.serial),
    });
  } catch (e) {
    problem = e instanceof ApiError ? e.message : "This pack cannot be looked up right now. Please try again shortly.";
  }
  return (
    <main className="pack">
      <h1>Check this medicine</h1>
      {problem ? (
        <p className="notice" role="alert">
          {problem}
        </p>
      ) : info && !info.known ? (
        <section className="verdict verdict-unknown" role="status">
          <p className="verdict-word">⚠ Unknown code</p>
          <p>
            This code (GTIN {info.gtin}, lot {info.lot}, serial {info.serial}) is not registered by any manufacturer on
            the ledger. The pack may be counterfeit: do not take it, and show it to a pharmacist.
          </p>
        </section>
      ) : info ? (
        <>
          <dl className="facts">
            <dt>Product</dt>
            <dd>
              {info.product
                ? `${info.product.name} ${info.product.strength}, ${info.product.dosageForm}, ${info.product.packSize}`
                : info.gtin}
            </dd>
            <dt>Manufacturer</dt>
            <dd>{info.manufacturer ? `${info.manufacturer.name} (${info.manufacturer.country})` : "—"}</dd>
            <dt>Lot</dt>
            <dd>{info.lot}</dd>
            <dt>Serial</dt>
            <dd>{info.serial}</dd>
            <dt>Expires</dt>
            <dd>{info.expiresAt?.slice(0, 10)}</dd>
          </dl>
          {info.status === "recalled" ? (
            <p className="notice" role="alert">
              ✕ This batch has been recalled{info.statusReason ? `: ${info.statusReason}` : ""}. Do not take it.
            </p>
          ) : null}
          <PinForm gtin={info.gtin} lot={info.lot} serial={info.serial} />
        </>
      ) : null}
    </main>
  );
}
