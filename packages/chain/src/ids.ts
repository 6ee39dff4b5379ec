import { encodeAbiParameters, encodePacked, hexToString, keccak256, stringToHex, type Address, type Hex } from "viem";

/**
 * The id a (GTIN-14, lot) pair registers under: keccak256(abi.encodePacked(uint64 gtin, bytes lot)),
 * gtin being the GTIN-14 as a number (check digit included) and lot the AI 10 value's bytes. The one
 * implementation in TypeScript, equal to `CustodyLedger.batchIdOf(gtin, lot)` (test/codes/proofs.test.ts);
 * it checks neither argument: validate them first (@tracemed/codes: `normalizeGtin`, `packElements`).
 */
export function batchIdOf(gtin: bigint, lot: string): Hex {
  return keccak256(encodePacked(["uint64", "string"], [gtin, lot]));
}

/** The id of a custody hop: keccak256(abi.encode(batchId, from, to, quantity, ref)). */
export function shipmentIdOf(batchId: Hex, from: Address, to: Address, quantity: bigint, ref: Hex): Hex {
  return keccak256(
    encodeAbiParameters(
      [{ type: "bytes32" }, { type: "address" }, { type: "address" }, { type: "uint64" }, { type: "bytes32" }],
      [batchId, from, to, quantity, ref],
    ),
  );
}

/** ISO 3166-1 alpha-2 country code <-> the contract's bytes2. */
export function countryToBytes2(country: string): Hex {
  if (!/^[A-Z]{2}$/.test(country)) throw new RangeError(`country must be two upper-case letters, got "${country}"`);
  return stringToHex(country, { size: 2 });
}

export function bytes2ToCountry(value: Hex): string {
  return hexToString(value, { size: 2 });
}

/** Unix seconds -> unix day number, the `day` argument of undoDispense. */
export const unixDay = (unixSeconds: bigint | number): number => Math.floor(Number(unixSeconds) / 86_400);
