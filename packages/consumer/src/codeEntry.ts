/**
 * Where a typed, pasted or scanned code leads: the pack's page (with the expiry the code carried), or a
 * sentence saying why it does not. Shared by GET /go (no JavaScript) and the scan page's camera.
 */
import { CodesError, normalizeGtin } from "@tracemed/codes/browser";
import { fmt, type Locale } from "./locales";
import { consumerMessages } from "./messages";
import { packPath } from "./pages/paths";
import { CodeReadError, readCode } from "./readCode";

export type CodeTarget = { path: string } | { error: string };

/** The pack page of a whole code (a Digital Link, an element string, bracketed text). */
export function targetOfCode(text: string, locale: Locale): CodeTarget {
  const t = consumerMessages(locale);
  const e = t.home.errors;
  try {
    const code = readCode(text);
    if (code.kind === "shipment") return { error: t.scan.shipmentCode };
    return { path: packPath(code) + (code.expiry ? `?17=${code.expiry}` : "") };
  } catch (err) {
    if (!(err instanceof CodeReadError)) throw err;
    switch (err.reason) {
      case "empty":
        return { error: e.empty };
      case "china-code":
        return { error: e.chinaCode };
      case "product-only":
      case "incomplete-pack":
        return { error: e.notAPack };
      default:
        return { error: fmt(e.unreadable, { reason: err.detail ?? err.reason }) };
    }
  }
}

/** The pack page of the three numbers typed one by one. */
export function targetOfParts(parts: { gtin: string; lot: string; serial: string }, locale: Locale): CodeTarget {
  const e = consumerMessages(locale).home.errors;
  const gtin = parts.gtin.replace(/\s/g, "");
  const lot = parts.lot.trim();
  const serial = parts.serial.trim();
  if (!gtin || !lot || !serial) return { error: e.parts };
  try {
    return { path: packPath({ gtin: normalizeGtin(gtin), lot, serial }) };
  } catch (err) {
    if (!(err instanceof CodesError)) throw err;
    return { error: fmt(e.gtin, { reason: err.message }) };
  }
}
