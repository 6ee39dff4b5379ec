import { createHmac, timingSafeEqual } from "node:crypto";
import { ArgumentError } from "./errors";
import { assertAiValue } from "./gs1Data";
import { toBytes, toHex, type Hex } from "./hex";
import { keccak256, type Keccak256 } from "./keccak";
import { readPinInput, PIN_LENGTH } from "./pinFormat";
import type { PinKey } from "./pinKey";

/**
 * The pack commitment the chain's Merkle tree is built over (Node-only):
 *
 *   tag        = HMAC-SHA256(pinKey, "tracemed:pin-tag:v1" || batchId || uint8(len) || serial || pin)
 *   commitment = keccak256("tracemed:pack:v1" || batchId || uint8(len) || serial || tag)
 *
 * `pin` is the canonical 20-digit PIN (ASCII), `serial` the AI 21 value (ASCII, 1-20 bytes).
 * The tag binds the PIN to this pack and is keyed, so neither the commitment (public in calldata)
 * nor a database copy lets anyone test a PIN without the key. In Solidity:
 *   keccak256(abi.encodePacked(bytes16("tracemed:pack:v1"), batchId, uint8(bytes(serial).length), serial, tag))
 */
export const PIN_TAG_DOMAIN = Buffer.from("tracemed:pin-tag:v1", "ascii");
export const PACK_DOMAIN = Buffer.from("tracemed:pack:v1", "ascii");

/** The bytes the tag HMAC runs over; `out` must hold 19 + 32 + 1 + serial + 20 bytes. */
export function tagMessageInto(out: Uint8Array, batchId: Uint8Array, serial: Uint8Array, pin: Uint8Array): number {
  out.set(PIN_TAG_DOMAIN, 0);
  out.set(batchId, 19);
  out[51] = serial.length;
  out.set(serial, 52);
  out.set(pin, 52 + serial.length);
  return 52 + serial.length + pin.length;
}

/** The bytes the commitment keccak runs over; `out` must hold 16 + 32 + 1 + serial + 32 bytes. */
export function commitmentMessageInto(
  out: Uint8Array,
  batchId: Uint8Array,
  serial: Uint8Array,
  tag: Uint8Array,
): number {
  out.set(PACK_DOMAIN, 0);
  out.set(batchId, 16);
  out[48] = serial.length;
  out.set(serial, 49);
  out.set(tag, 49 + serial.length);
  return 49 + serial.length + 32;
}

function serialBytes(serial: string): Uint8Array {
  assertAiValue("21", serial);
  return Buffer.from(serial, "ascii");
}

/** The keyed PIN verifier tag of one pack. `pin` must be the canonical 20 digits. */
export function pinTag(key: PinKey, batchId: Hex | Uint8Array, serial: string, pin: string): Uint8Array {
  if (!/^[0-9]+$/.test(pin) || pin.length !== PIN_LENGTH)
    throw new ArgumentError("the PIN must be the canonical 20 digits", { field: "PIN" });
  const s = serialBytes(serial);
  const msg = new Uint8Array(52 + s.length + PIN_LENGTH);
  tagMessageInto(msg, toBytes(batchId, 32, "batchId"), s, Buffer.from(pin, "ascii"));
  return createHmac("sha256", key.key).update(msg).digest();
}

/** The pack commitment from its tag (what the auditor checks when shown a tag, without the PIN). */
export function commitmentFromTag(
  batchId: Hex | Uint8Array,
  serial: string,
  tag: Uint8Array,
  hash: Keccak256 = keccak256,
): Hex {
  const s = serialBytes(serial);
  const msg = new Uint8Array(81 + s.length);
  commitmentMessageInto(msg, toBytes(batchId, 32, "batchId"), s, toBytes(tag, 32, "tag"));
  return toHex(hash(msg));
}

/** The pack commitment of (batch, serial, PIN). */
export function packCommitment(
  key: PinKey,
  batchId: Hex | Uint8Array,
  serial: string,
  pin: string,
  hash: Keccak256 = keccak256,
): Hex {
  return commitmentFromTag(batchId, serial, pinTag(key, batchId, serial, pin), hash);
}

/** What the database keeps of a pack: enough to find it, prove it on chain and check a PIN, never the PIN. */
export interface PackRecord {
  batchId: Hex;
  /** leaf index in the batch's Merkle tree (the contract's `index`) */
  index: number;
  serial: string;
  commitment: Hex;
}

/** The database record of a pack (no PIN, no tag: nothing a PIN can be tested against without the key). */
export function packRecord(
  key: PinKey,
  pack: { batchId: Hex; index: number; serial: string; pin: string },
): PackRecord {
  return {
    batchId: pack.batchId,
    index: pack.index,
    serial: pack.serial,
    commitment: packCommitment(key, pack.batchId, pack.serial, pack.pin),
  };
}

const DUMMY_PIN = "0".repeat(PIN_LENGTH);

/**
 * Whether `typedPin` is the PIN of the pack in `record`. Accepts what a person typed (spaces,
 * dashes, full-width digits); runs the same HMAC and keccak whatever the input, and compares in
 * constant time, so neither the answer's timing nor its content tells a malformed PIN from a wrong
 * one. Never throws on the typed PIN and never logs it. A server may pass a faster keccak (`loadFastKeccak`).
 */
export function checkPin(
  key: PinKey,
  record: Pick<PackRecord, "batchId" | "serial" | "commitment">,
  typedPin: string,
  hash: Keccak256 = keccak256,
): boolean {
  const typed = readPinInput(typedPin);
  const wellFormed = typed.status === "ok";
  // The two messages built once each from bytes (no hex round trips): this runs for every consumer check.
  const batchId = toBytes(record.batchId, 32, "batchId");
  const serial = serialBytes(record.serial);
  const tagMessage = new Uint8Array(52 + serial.length + PIN_LENGTH);
  tagMessageInto(tagMessage, batchId, serial, Buffer.from(wellFormed ? typed.digits : DUMMY_PIN, "latin1"));
  const tag = createHmac("sha256", key.key).update(tagMessage).digest();
  const packMessage = new Uint8Array(81 + serial.length);
  commitmentMessageInto(packMessage, batchId, serial, tag);
  const computed = hash(packMessage);
  return timingSafeEqual(computed, toBytes(record.commitment, 32, "commitment")) && wellFormed;
}
