/**
 * What an identifier field says under itself as it is typed: progress while the value is short
 * (never a scolding for a number half typed), a problem as soon as typing more cannot mend it (a
 * letter, too many digits, a wrong check digit, a wrong checksum), and a tick once it is valid. A
 * form that is sent turns a value still short into a problem (`sent`). Browser-safe.
 */
import { readKeyInput } from "@tracemed/codes/browser";
import { fmt } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/messages";
import { parsePrefixes } from "@/lib/regulator/organisationInput";
import { readAddressInput } from "./address";

export interface Feedback {
  tone: "hint" | "ok" | "bad";
  text: string;
}

const KEY_LENGTH = { gln: 13, sscc: 18 } as const;

/** A GLN (13 digits) or an SSCC (18 digits) as typed; null for an empty field. */
export function keyFeedback(m: Messages, kind: keyof typeof KEY_LENGTH, raw: string, sent = false): Feedback | null {
  const t = m.pages.keys;
  const length = KEY_LENGTH[kind];
  const key = t[kind];
  const r = readKeyInput(raw, [length]);
  switch (r.status) {
    case "empty":
      return null;
    case "incomplete":
      if (sent) return { tone: "bad", text: fmt(t.short, { key, length, n: r.digits }) };
      return {
        tone: "hint",
        text: r.checkDigit
          ? fmt(t.progressCheck, { n: r.digits, length, digit: r.checkDigit })
          : fmt(t.progress, { n: r.digits, length }),
      };
    case "not_digits":
      return { tone: "bad", text: fmt(t.notDigits, { position: r.position }) };
    case "too_long":
      return { tone: "bad", text: fmt(t.tooLong, { key, length, n: r.digits }) };
    case "wrong_check_digit":
      return { tone: "bad", text: fmt(t.checkDigit, { expected: r.expected, found: r.found }) };
    case "valid":
      return { tone: "ok", text: fmt(t.valid, { key }) };
  }
}

/** An account address as typed; null for an empty field. */
export function addressFeedback(m: Messages, raw: string, sent = false): Feedback | null {
  const t = m.pages.address;
  const r = readAddressInput(raw);
  switch (r.status) {
    case "empty":
      return null;
    case "no_prefix":
      return { tone: "bad", text: t.start };
    case "incomplete":
      return { tone: sent ? "bad" : "hint", text: fmt(t.progress, { n: r.digits }) };
    case "not_hex":
      return { tone: "bad", text: fmt(t.notHex, { position: r.position }) };
    case "too_long":
      return { tone: "bad", text: fmt(t.tooLong, { n: r.digits }) };
    case "checksum":
      return { tone: "bad", text: t.checksum };
    case "zero":
      return { tone: "bad", text: t.zero };
    case "valid":
      return { tone: "ok", text: t.valid };
  }
}

/**
 * Company prefixes as typed (separated by commas or spaces). The last one may still be short while it
 * is typed (no separator after it yet): it is left out of `check`, the form's own rules
 * (organisationInput), which says what is wrong with the others, or null.
 */
export function prefixesFeedback(
  m: Messages,
  text: string,
  check: (prefixes: string) => string | null,
  sent = false,
): Feedback | null {
  const list = parsePrefixes(text);
  const last = list[list.length - 1];
  if (last === undefined) return null;
  const typing = !sent && /^[0-9]{1,3}$/.test(last) && !/[\s,，、]$/.test(text);
  const problem = check(typing ? list.slice(0, -1).join(", ") : text);
  if (problem) return { tone: "bad", text: problem };
  if (typing) return { tone: "hint", text: fmt(m.pages.prefixes.short, { prefix: last }) };
  return { tone: "hint", text: fmt(m.pages.prefixes.progress, { n: list.length }) };
}

/** A two-letter country code as typed; null when empty or fine so far. */
export function countryFeedback(m: Messages, raw: string): Feedback | null {
  const bad = raw.trim().search(/[^A-Za-z]/);
  return bad >= 0 ? { tone: "bad", text: fmt(m.pages.country.letters, { position: bad + 1 }) } : null;
}

/**
 * A shipment code typed at the receive desk: an SSCC (with or without its "00" or "(00)" in front)
 * is read as it is typed; anything else (a label's Digital Link, a scanner's element string) is
 * left to the desk to read when it is sent (null).
 */
export function shipmentCodeFeedback(m: Messages, raw: string): Feedback | null {
  const text = raw.trim();
  if (!/^(\(00\))?[0-9０-９\s-]+$/.test(text)) return null;
  const digits = text.replace(/^\(00\)/, "").replace(/[\s-]/g, "");
  return keyFeedback(m, "sscc", /^00[0-9]{18}$/.test(digits) ? digits.slice(2) : digits);
}
