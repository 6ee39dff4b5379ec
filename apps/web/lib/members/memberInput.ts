/**
 * The members form's checks, before anything is signed: an address as typed (its checksum when it has
 * capitals), a member already there, at least one permission, and never the organisation's last
 * administrator removed or demoted (the ledger refuses it too: OrgLastAdmin). Browser-safe.
 */
import { readAddressInput } from "@/lib/inputs/address";
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
  const read = readAddressInput(typed);
  if (read.status === "checksum" || read.status === "zero") return { problem: read.status };
  if (read.status !== "valid") return { problem: "address" };
  const account = read.account;
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
