/**
 * Reading a GTIN as it is typed (browser-safe): what is wrong with it so far, and the check digit
 * it should end with. The server runs the same check before storing a product.
 */
import { readKeyInput, type KeyInput } from "@tracemed/codes/browser";

export type GtinInput = Exclude<KeyInput, { status: "valid" }> | { status: "valid"; gtin14: string };

/** Spaces, dashes and full-width digits are accepted as typed; anything else is pointed at. */
export function readGtinInput(raw: string): GtinInput {
  const r = readKeyInput(raw, [8, 12, 13, 14]);
  return r.status === "valid" ? { status: "valid", gtin14: r.key.padStart(14, "0") } : r;
}
