import { randomFillSync, type KeyObject } from "node:crypto";
import { commitmentMessageInto, tagMessageInto } from "./commitment";
import { createHmacSha256 } from "./hmacSha256";
import type { Keccak256 } from "./keccak";
import { PIN_DATA_DIGITS, PIN_LENGTH } from "./pinFormat";
import { encodeSerialInto } from "./serialFormat";
import { hashLeaves } from "./treeLayout";

/**
 * The per-pack work of batch generation over flat (shared) buffers, run on ranges of packs by
 * worker threads or by the calling thread. Node-only.
 */
export interface BatchBuffers {
  /** n random serial values (< 2^60), unique */
  serialValues: BigUint64Array;
  /** n * serialLength ASCII bytes (an imported serial shorter than serialLength is padded with zeros) */
  serialChars: Uint8Array;
  /** for imported serials: each serial's length; the serials are in serialChars already */
  serialLengths?: Uint8Array;
  /** n * 20 ASCII digits */
  pins: Uint8Array;
  /** n * 32 bytes */
  commitments: Uint8Array;
  /** (2n - 1) * 32 bytes, heap layout */
  nodes: Uint8Array;
}

export interface BatchKernelContext {
  n: number;
  serialLength: number;
  batchId: Uint8Array;
  key: KeyObject;
  buffers: BatchBuffers;
  hash: Keccak256;
}

// Damm table, duplicated from pinFormat as a flat typed array for the hot loop.
const DAMM = Uint8Array.from([
  0, 3, 1, 7, 5, 9, 8, 6, 4, 2, 7, 0, 9, 2, 1, 5, 4, 8, 6, 3, 4, 2, 0, 6, 8, 7, 1, 3, 5, 9, 1, 7, 5, 0, 9, 8, 3, 4, 2,
  6, 6, 1, 2, 3, 0, 4, 5, 9, 7, 8, 3, 6, 7, 4, 2, 0, 9, 5, 8, 1, 5, 8, 6, 9, 7, 2, 0, 1, 3, 4, 8, 9, 4, 5, 3, 6, 2, 0,
  1, 7, 9, 4, 3, 8, 6, 1, 7, 2, 0, 5, 2, 5, 8, 1, 4, 3, 6, 7, 9, 0,
]);

/** Uniform random decimal digits from the CSPRNG, by rejection of bytes >= 250 (no modulo bias). */
class DigitSource {
  private readonly pool = new Uint8Array(8192);
  private pos = this.pool.length;

  next(): number {
    for (;;) {
      if (this.pos === this.pool.length) {
        randomFillSync(this.pool);
        this.pos = 0;
      }
      const b = this.pool[this.pos++]!;
      if (b < 250) return b % 10;
    }
  }
}

/** Serials, PINs, tags, commitments and leaves of packs [from, to). */
export function fillPacks(ctx: BatchKernelContext, from: number, to: number): void {
  const { serialLength: L, batchId, key, hash } = ctx;
  const { serialValues, serialChars, serialLengths, pins, commitments, nodes } = ctx.buffers;
  const digits = new DigitSource();
  const tagMsg = new Uint8Array(52 + L + PIN_LENGTH);
  const commitMsg = new Uint8Array(81 + L);
  const tag = new Uint8Array(32);
  const hmac = createHmacSha256(key.export());
  const words = new Uint32Array(serialValues.buffer, serialValues.byteOffset, serialValues.length * 2);
  for (let i = from; i < to; i++) {
    if (!serialLengths) {
      const lo32 = words[2 * i]!;
      const hi32 = words[2 * i + 1]!;
      encodeSerialInto(hi32 * 4 + (lo32 >>> 30), lo32 & 0x3fffffff, L, serialChars, i * L);
    }
    const serial = serialChars.subarray(i * L, i * L + (serialLengths ? serialLengths[i]! : L));

    const p = i * PIN_LENGTH;
    let interim = 0;
    for (let d = 0; d < PIN_DATA_DIGITS; d++) {
      const digit = digits.next();
      pins[p + d] = 48 + digit;
      interim = DAMM[interim * 10 + digit]!;
    }
    pins[p + PIN_DATA_DIGITS] = 48 + interim;

    const tagLen = tagMessageInto(tagMsg, batchId, serial, pins.subarray(p, p + PIN_LENGTH));
    hmac(tagMsg.subarray(0, tagLen), tag);
    const commitLen = commitmentMessageInto(commitMsg, batchId, serial, tag);
    commitments.set(hash(commitMsg.subarray(0, commitLen)), i * 32);
  }
  hashLeaves(nodes, commitments, ctx.n, from, to, hash);
}
