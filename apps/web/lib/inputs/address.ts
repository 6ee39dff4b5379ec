/**
 * An account address as it is typed (browser-safe): what is wrong with it so far, or the account.
 * All-lower or all-upper hex is taken as typed; mixed case must be the address's EIP-55 checksum
 * (a capital typed wrong is a typing error).
 */
import { getAddress } from "viem";

export type AddressInput =
  | { status: "empty" }
  | { status: "no_prefix" }
  /** 0x and hexadecimal digits so far, fewer than 40 */
  | { status: "incomplete"; digits: number }
  | { status: "not_hex"; position: number }
  | { status: "too_long"; digits: number }
  | { status: "checksum" }
  | { status: "zero" }
  | { status: "valid"; account: `0x${string}` };

export function readAddressInput(raw: string): AddressInput {
  const text = raw.trim();
  if (!text) return { status: "empty" };
  if (!text.startsWith("0x"))
    return "0x".startsWith(text) ? { status: "incomplete", digits: 0 } : { status: "no_prefix" };
  const hex = text.slice(2);
  const bad = hex.search(/[^0-9a-fA-F]/);
  if (bad >= 0) return { status: "not_hex", position: bad + 3 };
  if (hex.length > 40) return { status: "too_long", digits: hex.length };
  if (hex.length < 40) return { status: "incomplete", digits: hex.length };
  const mixed = hex !== hex.toLowerCase() && hex !== hex.toUpperCase();
  if (mixed && getAddress(text) !== text) return { status: "checksum" };
  if (/^0+$/.test(hex)) return { status: "zero" };
  return { status: "valid", account: `0x${hex.toLowerCase()}` };
}
