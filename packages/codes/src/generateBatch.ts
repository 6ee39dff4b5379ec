import { randomFillSync } from "node:crypto";
import { batchIdOf } from "@tracemed/chain/ids";
import { fillPacks, type BatchKernelContext } from "./batchKernel";
import { hashLevels } from "./buildPackTree";
import type { PackRecord } from "./commitment";
import { ArgumentError } from "./errors";
import { expiryToUnixSeconds, parseYymmdd } from "./expiry";
import { assertAiValue } from "./gs1Data";
import { toBytes, toHex, type Hex } from "./hex";
import { loadFastKeccak } from "./fastKeccak";
import { normalizeGtin } from "./keys";
import { PackTree } from "./packTree";
import { PIN_LENGTH } from "./pinFormat";
import type { PinKey } from "./pinKey";
import { checkSerialSpace, DEFAULT_SERIAL_LENGTH } from "./serialFormat";
import { checkSerialList } from "./serialList";
import { defaultWorkerCount, WorkerPool } from "./workerPool";

export interface BatchSpec {
  /** GTIN-8/12/13/14 */
  gtin: string;
  /** AI 10 value, 1-20 GS1 characters */
  lot: string;
  /** AI 17, YYMMDD (day 00 = end of month) */
  expiry: string;
  /** number of packs (1 to 2^32-1, the contract's uint32; memory is about 130 bytes a pack) */
  count: number;
  /** serial length, 8 to 12 characters (default 12 = 60 bits) */
  serialLength?: number;
  /**
   * the manufacturer's own serials (AI 21, 1-20 characters of GS1 character set 82, unique), one a
   * pack in this order, instead of generated ones: from its packaging line or contract
   * manufacturer. PINs and commitments are still made here. `count` must equal their number.
   */
  serials?: readonly string[];
}

export interface GenerateOptions {
  /** the manufacturer's PIN key (createPinKey(secret)) */
  pinKey: PinKey;
  /** worker threads: 0 = the calling thread only; default 2 for 50,000 packs and more */
  workers?: number;
  /** reference year for the expiry's century (default: this year) */
  referenceYear?: number;
}

/** Everything printed on one pack: the identifiers and the scratch-off PIN. */
export interface PrintablePack {
  index: number;
  gtin: string;
  lot: string;
  expiry: string;
  serial: string;
  /** canonical 20 digits; print with formatPin() */
  pin: string;
}

/** The arguments of `CustodyLedger.registerBatch(gtin, lot, expiresAt, packCount, packsRoot)`. */
export type RegisterBatchArgs = readonly [
  gtin: bigint,
  lot: string,
  expiresAt: number,
  packCount: number,
  packsRoot: Hex,
];

const MAX_PACKS = 2 ** 32 - 1;

/**
 * A generated batch: serials, PINs and commitments of every pack in flat buffers, and the Merkle
 * tree over the commitments. PINs exist only here, in memory, until `wipePins()`: print them
 * (labels, CSV) and store `records()` (no PIN) in the database, then wipe.
 */
export class GeneratedBatch {
  readonly batchId: Hex;
  readonly tree: PackTree;
  private pinsWiped = false;

  constructor(
    readonly gtin: string,
    readonly lot: string,
    readonly expiry: string,
    readonly packCount: number,
    readonly serialLength: number,
    /** fingerprint of the secret whose key made the PIN tags: store it with the batch */
    readonly keyFingerprint: Hex,
    batchId: Uint8Array,
    private readonly serialChars: Uint8Array,
    /** imported serials' lengths (generated serials all have serialLength) */
    private readonly serialLengths: Uint8Array | undefined,
    private readonly pins: Uint8Array,
    commitments: Uint8Array,
    nodes: Uint8Array,
    private readonly referenceYear: number | undefined,
  ) {
    this.batchId = toHex(batchId);
    this.tree = new PackTree(nodes, commitments);
  }

  /** The Merkle root `registerBatch` takes. */
  get root(): Hex {
    return this.tree.root;
  }

  serial(index: number): string {
    this.tree.commitment(index); // range check
    return Buffer.from(
      this.serialChars.buffer,
      this.serialChars.byteOffset + index * this.serialLength,
      this.serialLengths ? this.serialLengths[index]! : this.serialLength,
    ).toString("ascii");
  }

  /** The canonical 20-digit PIN of a pack. Never log it. */
  pin(index: number): string {
    if (this.pinsWiped) throw new ArgumentError("the PINs of this batch were wiped after printing", { field: "PIN" });
    this.tree.commitment(index);
    return Buffer.from(this.pins.buffer, this.pins.byteOffset + index * PIN_LENGTH, PIN_LENGTH).toString("ascii");
  }

  commitment(index: number): Hex {
    return this.tree.commitment(index);
  }

  /** What to print on pack `index`. */
  pack(index: number): PrintablePack {
    return {
      index,
      gtin: this.gtin,
      lot: this.lot,
      expiry: this.expiry,
      serial: this.serial(index),
      pin: this.pin(index),
    };
  }

  /** The packs [from, to) to print, one object at a time (nothing is materialised for the whole batch). */
  *packs(from = 0, to = this.packCount): Generator<PrintablePack> {
    for (let i = from; i < to; i++) yield this.pack(i);
  }

  /** The database records [from, to): no PIN, nothing a PIN can be tested against without the key. */
  *records(from = 0, to = this.packCount): Generator<PackRecord> {
    for (let i = from; i < to; i++)
      yield { batchId: this.batchId, index: i, serial: this.serial(i), commitment: this.commitment(i) };
  }

  /** Overwrites the PINs in memory with zeros; `pin()` throws afterwards. */
  wipePins(): void {
    this.pins.fill(0);
    this.pinsWiped = true;
  }

  /** [gtin, lot, expiresAt, packCount, packsRoot] for CustodyLedger.registerBatch. */
  registerBatchArgs(): RegisterBatchArgs {
    return [
      BigInt(this.gtin),
      this.lot,
      expiryToUnixSeconds(this.expiry, this.referenceYear),
      this.packCount,
      this.root,
    ] as const;
  }
}

/** Fills `values` with unique random numbers below 2^bits (32 < bits <= 60). */
export function randomUniqueValues(values: BigUint64Array, bits: number): void {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const hiMask = 2 ** (bits - 32) - 1;
  const fill = (from: number, to: number) => {
    randomFillSync(words, 2 * from, 2 * (to - from));
    for (let i = from; i < to; i++) words[2 * i + 1]! &= hiMask;
  };
  fill(0, values.length);
  for (;;) {
    const sorted = values.slice().sort();
    const dups = new Set<bigint>();
    for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) dups.add(sorted[i]!);
    if (dups.size === 0) return;
    // Keep the first pack holding each repeated value; draw again for the others.
    const seen = new Set<bigint>();
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (!dups.has(v)) continue;
      if (seen.has(v)) fill(i, i + 1);
      else seen.add(v);
    }
  }
}

/**
 * Generates a batch: unique random serials, random scratch-off PINs, the keyed commitment of
 * every pack and the Merkle tree the chain stores the root of. 1,000,000 packs take a few seconds
 * on two cores (worker threads, WebAssembly keccak, shared buffers) and about 130 MB.
 * @throws ArgumentError / Gs1KeyError / ElementStringError for a bad spec
 */
export async function generateBatch(spec: BatchSpec, options: GenerateOptions): Promise<GeneratedBatch> {
  const gtin = normalizeGtin(spec.gtin);
  assertAiValue("10", spec.lot);
  parseYymmdd(spec.expiry, {
    allowDayZero: true,
    field: "expiry (17)",
    ...(options.referenceYear === undefined ? {} : { referenceYear: options.referenceYear }),
  });
  const n = spec.count;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PACKS)
    throw new ArgumentError(`count must be an integer from 1 to ${MAX_PACKS}`, { field: "count" });
  const imported = spec.serials;
  if (imported) {
    const [problem] = checkSerialList(imported, n, 1);
    if (problem) throw new ArgumentError(problem.message, { field: "serials", details: { line: problem.line } });
  }
  // Imported serials sit in fixed slots as long as the longest; generated ones fill theirs.
  const L = imported
    ? imported.reduce((max, x) => Math.max(max, x.length), 1)
    : (spec.serialLength ?? DEFAULT_SERIAL_LENGTH);
  if (!imported) checkSerialSpace(n, L);
  if (!options.pinKey?.key)
    throw new ArgumentError("a PIN key (createPinKey(secret)) is required", { field: "pinKey" });

  const batchId = toBytes(batchIdOf(BigInt(gtin), spec.lot));
  const sab = {
    serialValues: new SharedArrayBuffer(imported ? 8 : n * 8),
    serialChars: new SharedArrayBuffer(n * L),
    serialLengths: imported ? new SharedArrayBuffer(n) : undefined,
    pins: new SharedArrayBuffer(n * PIN_LENGTH),
    commitments: new SharedArrayBuffer(n * 32),
    nodes: new SharedArrayBuffer((2 * n - 1) * 32),
  };
  const serialValues = new BigUint64Array(sab.serialValues);
  const serialChars = new Uint8Array(sab.serialChars);
  const serialLengths = sab.serialLengths ? new Uint8Array(sab.serialLengths) : undefined;
  if (imported && serialLengths) {
    // CSET 82 is ASCII: one byte a character.
    imported.forEach((serial, i) => {
      serialChars.set(Buffer.from(serial, "ascii"), i * L);
      serialLengths[i] = serial.length;
    });
  } else randomUniqueValues(serialValues, 5 * L);

  const hash = await loadFastKeccak();
  const ctx: BatchKernelContext = {
    n,
    serialLength: L,
    batchId,
    key: options.pinKey.key,
    hash,
    buffers: {
      serialValues,
      serialChars,
      ...(serialLengths ? { serialLengths } : {}),
      pins: new Uint8Array(sab.pins),
      commitments: new Uint8Array(sab.commitments),
      nodes: new Uint8Array(sab.nodes),
    },
  };
  const workers = options.workers ?? defaultWorkerCount(n);
  const pool = await WorkerPool.start(workers, {
    n,
    nodes: sab.nodes,
    commitments: sab.commitments,
    batch: {
      serialLength: L,
      batchId,
      key: options.pinKey.key,
      serialValues: sab.serialValues,
      serialChars: sab.serialChars,
      ...(sab.serialLengths ? { serialLengths: sab.serialLengths } : {}),
      pins: sab.pins,
    },
  });
  try {
    await pool.run("packs", 0, n, (a, b) => fillPacks(ctx, a, b));
    await hashLevels(pool, ctx.buffers.nodes, n, hash);
  } finally {
    await pool.close();
  }
  return new GeneratedBatch(
    gtin,
    spec.lot,
    spec.expiry,
    n,
    L,
    options.pinKey.fingerprint,
    batchId,
    ctx.buffers.serialChars,
    serialLengths,
    ctx.buffers.pins,
    ctx.buffers.commitments,
    ctx.buffers.nodes,
    options.referenceYear,
  );
}
