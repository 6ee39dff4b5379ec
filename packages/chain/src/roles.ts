/** Role bits of an organisation, as the contract stores them. */
export const ROLE = {
  REGULATOR: 1,
  MANUFACTURER: 2,
  DISTRIBUTOR: 4,
  PHARMACY: 8,
  VERIFIER: 16,
} as const;

export type RoleName = keyof typeof ROLE;

/** Permission bits of a member inside its organisation's roles, as the contract stores them. */
export const PERMIT = {
  ADMIN: 1, // add, remove and change members
  REGISTER: 2, // register batches, recall its own
  SHIP: 4, // ship, confirm receipt, refuse, cancel
  DISPENSE: 8, // dispense, undo a dispense
  WRITE_OFF: 16,
  REGULATE: 32, // quarantine, release, onboard non-regulator organisations
  CLAIM: 64, // record consumer claims
} as const;
export const ALL_PERMITS = 127;

export type PermitName = keyof typeof PERMIT;

/** The permission names in a bitmask, e.g. 5 -> ["ADMIN", "SHIP"]. */
export function permitNames(permissions: number): PermitName[] {
  return (Object.keys(PERMIT) as PermitName[]).filter((name) => (permissions & PERMIT[name]) !== 0);
}

/** The permissions an organisation's founding admin gets on onboarding: every permit its roles use. */
export function founderPermissions(roles: number): number {
  let p = PERMIT.ADMIN;
  if (roles & ROLE.REGULATOR) p |= PERMIT.REGULATE;
  if (roles & ROLE.MANUFACTURER) p |= PERMIT.REGISTER;
  if (roles & (ROLE.MANUFACTURER | ROLE.DISTRIBUTOR | ROLE.PHARMACY)) p |= PERMIT.SHIP | PERMIT.WRITE_OFF;
  if (roles & ROLE.PHARMACY) p |= PERMIT.DISPENSE;
  if (roles & ROLE.VERIFIER) p |= PERMIT.CLAIM;
  return p;
}

export const BATCH_STATUS = ["none", "active", "quarantined", "recalled"] as const;
export type BatchStatus = (typeof BATCH_STATUS)[number];

export const SHIPMENT_STATUS = ["none", "in_transit", "received", "voided", "refused", "cancel_requested"] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUS)[number];

/** The role names in a bitmask, e.g. 6 -> ["MANUFACTURER", "DISTRIBUTOR"]. */
export function roleNames(roles: number): RoleName[] {
  return (Object.keys(ROLE) as RoleName[]).filter((name) => (roles & ROLE[name]) !== 0);
}

/**
 * Whether a batch has expired at `now`: after its expiresAt (the last second of the expiry day), the
 * moment the ledger stops moving its packs (CustodyLedger: `block.timestamp > expiresAt`). The one rule
 * for every page, list and verdict.
 */
export const isExpired = (expiresAt: Date, now: Date): boolean => now.getTime() > expiresAt.getTime();

/** How long a recipient may contest a cancellation (CustodyLedger.CANCEL_NOTICE), in seconds. */
export const CANCEL_NOTICE_SECONDS = 48 * 3600;
/** How long after the start of the hour of dispensing a dispense may be undone (CustodyLedger.UNDO_WINDOW_HOURS). */
export const UNDO_WINDOW_HOURS = 240;
/** The unix hour number of a moment, as the ledger buckets dispenses (`block.timestamp / 3600`). */
export const unixHour = (at: Date): number => Math.floor(at.getTime() / 3_600_000);
/** The last moment a dispense made in `hour` may be undone. */
export const undoWindowEnds = (hour: number): Date => new Date((hour + UNDO_WINDOW_HOURS) * 3_600_000);
/** The most packs a batch may have (CustodyLedger.MAX_PACK_COUNT). */
export const MAX_PACK_COUNT = 10_000_000;
