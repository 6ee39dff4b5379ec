"use client";
import { CodesError, normalizeGtin, parseScan } from "@tracemed/codes/browser";
import { useRouter } from "next/navigation";
import { Fragment, useState } from "react";
import { useI18n } from "@/lib/i18n/client";
import { fmt } from "@/lib/i18n/locales";

/** The pack page of a GTIN, lot and serial. */
export const packPath = (gtin: string, lot: string, serial: string) =>
  `/pack/${gtin}/${encodeURIComponent(lot)}/${encodeURIComponent(serial)}`;

/**
 * Type or paste a pack's code: a Digital Link (the QR's text), an element string (what a scanner
 * types, or the bracketed text under a barcode), or the GTIN, lot and serial one by one.
 */
export function CodeEntry() {
  const { m } = useI18n();
  const t = m.consumer.home;
  const router = useRouter();
  const [code, setCode] = useState("");
  const [codeError, setCodeError] = useState<string | null>(null);
  const [parts, setParts] = useState({ gtin: "", lot: "", serial: "" });
  const [partsError, setPartsError] = useState<string | null>(null);

  function lookUp(e: React.FormEvent) {
    e.preventDefault();
    if (!code.trim()) return setCodeError(t.errors.empty);
    try {
      const r = parseScan(code);
      if (r.format === "china-nmpa") return setCodeError(t.errors.chinaCode);
      if (!r.gtin || !r.lot || !r.serial) return setCodeError(t.errors.notAPack);
      setCodeError(null);
      router.push(packPath(r.gtin, r.lot, r.serial));
    } catch (err) {
      setCodeError(fmt(t.errors.unreadable, { reason: err instanceof CodesError ? err.message : String(err) }));
    }
  }

  function byParts(e: React.FormEvent) {
    e.preventDefault();
    const gtin = parts.gtin.replace(/\s/g, "");
    const lot = parts.lot.trim();
    const serial = parts.serial.trim();
    if (!gtin || !lot || !serial) return setPartsError(t.errors.parts);
    try {
      const normal = normalizeGtin(gtin);
      setPartsError(null);
      router.push(packPath(normal, lot, serial));
    } catch (err) {
      setPartsError(fmt(t.errors.gtin, { reason: err instanceof CodesError ? err.message : String(err) }));
    }
  }

  return (
    <div className="code-entry">
      <form onSubmit={lookUp} className="stack" data-testid="code-form" noValidate>
        <label htmlFor="code">{t.codeLabel}</label>
        <input
          id="code"
          name="code"
          type="text"
          inputMode="url"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-describedby="code-hint code-error"
          aria-invalid={codeError ? true : undefined}
        />
        <p id="code-hint" className="hint">
          {t.codeHint}
        </p>
        <p id="code-error" className="field-error" role={codeError ? "alert" : undefined}>
          {codeError ? <>✕ {codeError}</> : null}
        </p>
        <button type="submit" className="primary">
          {t.lookUp}
        </button>
      </form>
      <details className="by-parts">
        <summary>{t.byParts}</summary>
        <form onSubmit={byParts} className="stack" data-testid="parts-form" noValidate>
          {(["gtin", "lot", "serial"] as const).map((f) => (
            <Fragment key={f}>
              <label htmlFor={f}>{t[f]}</label>
              <input
                id={f}
                name={f}
                inputMode={f === "gtin" ? "numeric" : undefined}
                autoComplete="off"
                autoCapitalize={f === "gtin" ? undefined : "characters"}
                spellCheck={false}
                value={parts[f]}
                onChange={(e) => setParts({ ...parts, [f]: e.target.value })}
              />
            </Fragment>
          ))}
          {partsError ? (
            <p className="field-error" role="alert">
              ✕ {partsError}
            </p>
          ) : null}
          <button type="submit" className="primary">
            {t.lookUp}
          </button>
        </form>
      </details>
    </div>
  );
}
