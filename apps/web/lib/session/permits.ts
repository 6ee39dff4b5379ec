/**
 * A member's permissions as pages use them (the ledger's PERMIT_* bits, `PERMIT` in @tracemed/chain), in
 * the order pages list them. Client components read it too: keep it free of server code.
 */
import { PERMIT, type PermitName } from "@tracemed/chain";

export { permitNames, type PermitName } from "@tracemed/chain";

export const PERMIT_NAMES = Object.keys(PERMIT) as PermitName[];

/** Whether a member's bits include `permit`. */
export const holds = (bits: number, permit: PermitName): boolean => (bits & PERMIT[permit]) !== 0;
