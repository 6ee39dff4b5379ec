import { ArgumentError } from "./errors";

/** A 0x-prefixed hex string, as viem and the contracts' ABI use. */
export type Hex = `0x${string}`;

const NIBBLE = new Uint8Array(128).fill(255);
for (let i = 0; i < 16; i++) {
  NIBBLE["0123456789abcdef".charCodeAt(i)] = i;
  NIBBLE["0123456789ABCDEF".charCodeAt(i)] = i;
}
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

export function toHex(bytes: Uint8Array): Hex {
  let out = "0x";
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out as Hex;
}

/** Bytes of a 0x hex string (or the bytes themselves); `length` checks the byte count. */
export function toBytes(value: Hex | Uint8Array, length?: number, what = "value"): Uint8Array {
  let bytes: Uint8Array;
  if (value instanceof Uint8Array) bytes = value;
  else {
    if (typeof value !== "string" || value.length % 2 !== 0 || value[0] !== "0" || value[1] !== "x")
      throw new ArgumentError(`${what} must be 0x-prefixed hex`);
    bytes = new Uint8Array((value.length - 2) / 2);
    for (let i = 0; i < bytes.length; i++) {
      const hi = NIBBLE[value.charCodeAt(2 + 2 * i)] ?? 255;
      const lo = NIBBLE[value.charCodeAt(3 + 2 * i)] ?? 255;
      if ((hi | lo) > 15) throw new ArgumentError(`${what} must be 0x-prefixed hex`);
      bytes[i] = (hi << 4) | lo;
    }
  }
  if (length !== undefined && bytes.length !== length) throw new ArgumentError(`${what} must be ${length} bytes`);
  return bytes;
}

/** Lexicographic (= uint256) comparison of two 32-byte words stored at offsets of two buffers. */
export function compare32(a: Uint8Array, aOff: number, b: Uint8Array, bOff: number): number {
  for (let i = 0; i < 32; i++) {
    const d = a[aOff + i]! - b[bOff + i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Constant-time equality of two byte strings of the same length (no early exit). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
