import { decodeSerial } from "@tracemed/codes";

/**
 * Serial -> leaf index for one batch, without an object per pack: generated serials (a 60-bit value in
 * at most 12 characters) sit in an open-addressed table of typed arrays (13 bytes a slot, half full), so
 * a batch of a million packs is ~26 MB the garbage collector never walks, against ~150 MB and two
 * million heap objects as a Map of strings. Serials the codes package could not have generated (none
 * today) go to a Map beside it.
 */
export class SerialIndex {
  private readonly mask: number;
  private readonly hi: Uint32Array;
  private readonly lo: Uint32Array;
  private readonly len: Uint8Array;
  /** leaf index + 1 (0: empty slot) */
  private readonly leaf: Uint32Array;
  private readonly other = new Map<string, number>();
  size = 0;

  constructor(capacity: number) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.mask = slots - 1;
    this.hi = new Uint32Array(slots);
    this.lo = new Uint32Array(slots);
    this.len = new Uint8Array(slots);
    this.leaf = new Uint32Array(slots);
  }

  private slot(hi30: number, lo30: number, length: number): number {
    let i = (Math.imul(lo30 ^ Math.imul(hi30, 0x9e3779b1) ^ length, 0x85ebca6b) >>> 0) & this.mask;
    while (this.leaf[i] !== 0 && !(this.lo[i] === lo30 && this.hi[i] === hi30 && this.len[i] === length))
      i = (i + 1) & this.mask;
    return i;
  }

  set(serial: string, leaf: number): void {
    const v = decodeSerial(serial);
    if (!v) {
      if (!this.other.has(serial)) this.size++;
      this.other.set(serial, leaf);
      return;
    }
    const i = this.slot(v.hi30, v.lo30, serial.length);
    if (this.leaf[i] === 0) {
      if (this.size * 2 >= this.mask) throw new Error("SerialIndex is full");
      this.size++;
    }
    this.hi[i] = v.hi30;
    this.lo[i] = v.lo30;
    this.len[i] = serial.length;
    this.leaf[i] = leaf + 1;
  }

  get(serial: string): number | undefined {
    const v = decodeSerial(serial);
    if (!v) return this.other.get(serial);
    const found = this.leaf[this.slot(v.hi30, v.lo30, serial.length)]!;
    return found === 0 ? undefined : found - 1;
  }

  has(serial: string): boolean {
    return this.get(serial) !== undefined;
  }
}
