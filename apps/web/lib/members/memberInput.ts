/**
 * The members form's checks, before anything is signed: an address as typed (its checksum when it has
 * capitals), a member already there, at least one permission, and never the organisation's last
 * administrator removed or demoted (the ledger refuses it too: OrgLastAdmin). Browser-safe.
 */
import { getAddress, isAddress } from "viem";
import { holds } from "@/lib/session/permits";

export type AddressProblem = "address" | "checksum" | "zero" | "already";

/**
 * The account an admin typed, lower-case, or what is wrong with it. All-lower or all-upper hex is taken
 * as typed; mixed case must be the address's EIP-55 checksum (a capital typed wrong is a typing error).
 */
export function checkMemberAddress(
  typed: string,
  members: readonly { account: string }[],
): { account: `0x${string}` } | { problem: AddressProblem } {
  const text = typed.trim();
  if (!isAddress(text, { strict: false })) return { problem: "address" };
  const hex = text.slice(2);
  const mixed = hex !== hex.toLowerCase() && hex !== hex.toUpperCase();
  if (mixed && getAddress(text) !== text) return { problem: "checksum" };
  const account = text.toLowerCase() as `0x${string}`;
  if (/^0x0{40}$/.test(account)) return { problem: "zero" };
  if (members.some((x) => x.account.toLowerCase() === account)) return { problem: "already" };
  return { account };
}

/**
 * Whether giving `account` the bits `next` (0: removing it) would leave the organisation without an
 * administrator.
 */
export function leavesNoAdmin(
  members: readonly { account: string; permissions: number }[],
  account: string,
  next: number,
): boolean {
  const admins = members.filter((x) => holds(x.permissions, "ADMIN"));
  const isAdmin = admins.some((x) => x.account.toLowerCase() === account.toLowerCase());
  return isAdmin && admins.length === 1 && !holds(next, "ADMIN");
}
