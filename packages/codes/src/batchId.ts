import { assertAiValue } from "./gs1Data";
import { toHex, type Hex } from "./hex";
import { keccak256 } from "./keccak";
import { normalizeGtin } from "./keys";

/**
 * The id a batch registers under on chain: keccak256(abi.encodePacked(uint64 gtin, bytes lot)),
 * gtin being the GTIN-14 as a number (check digit included) and lot the AI 10 value's ASCII bytes.
 * Same as `CustodyLedger.batchIdOf(gtin, lot)`.
 * @throws Gs1KeyError / ElementStringError for a bad GTIN or lot
 */
export function batchIdOf(gtin: string, lot: string): Hex {
  return toHex(batchIdBytes(gtin, lot));
}

export function batchIdBytes(gtin: string, lot: string): Uint8Array {
  const g = BigInt(normalizeGtin(gtin));
  assertAiValue("10", lot);
  const lotBytes = new TextEncoder().encode(lot);
  const packed = new Uint8Array(8 + lotBytes.length);
  new DataView(packed.buffer).setBigUint64(0, g);
  packed.set(lotBytes, 8);
  return keccak256(packed);
}
