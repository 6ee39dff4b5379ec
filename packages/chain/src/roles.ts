/** Role bits of an organisation, as the contract stores them. */
export const ROLE = {
  REGULATOR: 1,
  MANUFACTURER: 2,
  DISTRIBUTOR: 4,
  PHARMACY: 8,
  VERIFIER: 16,
} as const;

export type RoleName = keyof typeof ROLE;

export const BATCH_STATUS = ["none", "active", "quarantined", "recalled"] as const;
export type BatchStatus = (typeof BATCH_STATUS)[number];

export const SHIPMENT_STATUS = ["none", "in_transit", "received", "voided"] as const;
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
