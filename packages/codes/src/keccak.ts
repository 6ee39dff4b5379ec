import { keccak_256 } from "@noble/hashes/sha3.js";

/** keccak256 of bytes. Synchronous, pure JavaScript (audited @noble/hashes): browser-safe. */
export type Keccak256 = (data: Uint8Array) => Uint8Array;

export const keccak256: Keccak256 = (data) => keccak_256(data);
