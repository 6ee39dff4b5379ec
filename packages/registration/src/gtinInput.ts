/**
 * Reading a GTIN as it is typed (browser-safe): what is wrong with it so far, and the check digit
 * it should end with. The server runs the same check before storing a product.
 */
import { gs1CheckDigit } from "@tracemed/codes/browser";

export type GtinInput =
  | { status: "empty" }
  /** only digits so far, not yet a GTIN length; `checkDigit` = what a GTIN ending here would append */
  | { status: "incomplete"; digits: number; checkDigit: string | null }
  | { status: "not_digits"; position: number }
  | { status: "too_long"; digits: number }
  | { status: "wrong_check_digit"; expected: string; found: string }
  | { status: "valid"; gtin14: string };

const LENGTHS = [8, 12, 13, 14];

/** Spaces, dashes and full-width digits are accepted as typed; anything else is pointed at. */
export function readGtinInput(raw: string): GtinInput {
  const text = raw.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s-]/g, "");
  if (text === "") return { status: "empty" };
  const bad = text.search(/[^0-9]/);
  if (bad >= 0) return { status: "not_digits", position: bad + 1 };
  if (text.length > 14) return { status: "too_long", digits: text.length };
  if (!LENGTHS.includes(text.length))
    return {
      status: "incomplete",
      digits: text.length,
      checkDigit: text.length >= 7 && text.length <= 13 ? String(gs1CheckDigit(text)) : null,
    };
  const expected = String(gs1CheckDigit(text.slice(0, -1)));
  const found = text.slice(-1);
  if (expected !== found) return { status: "wrong_check_digit", expected, found };
  return { status: "valid", gtin14: text.padStart(14, "0") };
}
