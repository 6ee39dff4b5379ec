"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { codeErrorText } from "@/components/scan/codeError";
import { ScanProblemPanel, type ScanProblem } from "@/components/scan/ScanFeedback";
import { Scanner } from "@/components/scan/Scanner";
import { readCode } from "@/lib/custody/readCode";
import { useI18n } from "@/lib/i18n/client";

/** Scans a pack's QR (Digital Link) or DataMatrix (element string) and opens the pack's page. */
export function ConsumerScanner() {
  const { m } = useI18n();
  const t = m.custody.consumerScan;
  const router = useRouter();
  const [error, setError] = useState<ScanProblem | null>(null);
  const [opening, setOpening] = useState(false);

  const onScan = (text: string) => {
    try {
      const code = readCode(text);
      if (code.kind === "shipment") {
        setError({ text: t.shipmentCode });
        return false;
      }
      setError(null);
      setOpening(true);
      const seg = encodeURIComponent;
      const q = code.expiry ? `?17=${code.expiry}` : "";
      router.push(`/pack/${code.gtin}/${seg(code.lot)}/${seg(code.serial)}${q}`);
      return true;
    } catch (e) {
      setError(codeErrorText(m, e));
      return false;
    }
  };

  return (
    <div>
      <Scanner onScan={onScan} label={t.inputLabel} submitLabel={t.submit} testId="consumer-scan" cameraFirst />
      {opening ? (
        <p role="status" className="hint" data-testid="consumer-scan-opening">
          <span aria-hidden="true">⏳ </span>
          {t.opening}
        </p>
      ) : null}
      <ScanProblemPanel problem={error} testId="consumer-scan-error" className="notice" />
    </div>
  );
}
