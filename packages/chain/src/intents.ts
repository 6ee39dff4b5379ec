/**
 * Passkey members' writes (contracts/PasskeyIntents.sol): a passkey member's address, the EIP-712 intent its
 * passkey signs, and the conversion of a WebAuthn assertion (as a browser returns it) into the struct the
 * ledger's `executeIntent` checks. Browser-safe: no Node built-ins.
 */
import {
  bytesToHex,
  encodeAbiParameters,
  getAddress,
  keccak256,
  numberToHex,
  slice,
  type Address,
  type Hex,
} from "viem";

/** The EIP-712 domain's name and version (PasskeyVerifier.sol's NAME_HASH and VERSION_HASH). */
export const INTENT_DOMAIN = { name: "TraceMed CustodyLedger", version: "1" } as const;

/** The EIP-712 type of an intent, as the ledger hashes it. */
export const INTENT_TYPES = {
  Intent: [
    { name: "member", type: "address" },
    { name: "organisation", type: "address" },
    { name: "call", type: "bytes" },
    { name: "nonce", type: "uint64" },
    { name: "deadline", type: "uint48" },
  ],
} as const;

/** The order n of P-256: a signature's s above n / 2 is refused (OpenZeppelin P256), so it is sent as n - s. */
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** A passkey's P-256 public key, as the ledger takes it. */
export interface P256PublicKey {
  qx: Hex;
  qy: Hex;
}

/** OpenZeppelin WebAuthn.WebAuthnAuth, the last argument of `executeIntent`. */
export interface WebAuthnAuth {
  r: Hex;
  s: Hex;
  challengeIndex: bigint;
  typeIndex: bigint;
  authenticatorData: Hex;
  clientDataJSON: string;
}

/** Bytes that are not a passkey's key, signature or assertion (the message says which). */
export class PasskeyDataError extends Error {
  override name = "PasskeyDataError";
}

/** The member address of a passkey: `address(uint160(uint256(keccak256(abi.encode(qx, qy)))))`. */
export function passkeyMemberAddress(qx: Hex, qy: Hex): Address {
  const hash = keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "bytes32" }], [qx, qy]));
  return getAddress(slice(hash, 12));
}

export interface IntentFields {
  chainId: number;
  /** The ledger's (proxy's) address. */
  ledger: Address;
  member: Address;
  organisation: Address;
  /** The ledger call: selector and arguments (encodeFunctionData). */
  call: Hex;
  nonce: bigint;
  /** Unix seconds. */
  deadline: number;
}

/** The intent as typed data, for viem's `hashTypedData` (the WebAuthn challenge is that hash). */
export function intentTypedData({ chainId, ledger, member, organisation, call, nonce, deadline }: IntentFields) {
  return {
    domain: { ...INTENT_DOMAIN, chainId, verifyingContract: ledger },
    types: INTENT_TYPES,
    primaryType: "Intent" as const,
    message: { member, organisation, call, nonce, deadline },
  };
}

/** Bytes given as they come from the authenticator, or as the base64url text that SimpleWebAuthn passes on. */
export type WebAuthnBytes = Uint8Array | string;

function bytesOf(value: WebAuthnBytes, what: string): Uint8Array {
  if (typeof value !== "string") return value;
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(value)) throw new PasskeyDataError(`the ${what} is not base64url`);
  const base64 = value.replace(/=+$/, "").replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

function indexOf(haystack: Uint8Array, needle: string, what: string): bigint {
  const pattern = new TextEncoder().encode(needle);
  outer: for (let i = 0; i + pattern.length <= haystack.length; i++) {
    for (let j = 0; j < pattern.length; j++) if (haystack[i + j] !== pattern[j]) continue outer;
    return BigInt(i);
  }
  throw new PasskeyDataError(`the clientDataJSON has no ${what}`);
}

/** An unsigned DER INTEGER at `at` as 32 bytes, and the offset after it. */
function derInteger(der: Uint8Array, at: number): { value: bigint; next: number } {
  const length = der[at + 1];
  if (der[at] !== 0x02 || length === undefined || length < 1 || length > 33 || at + 2 + length > der.length) {
    throw new PasskeyDataError("the signature is not a DER-encoded ECDSA signature");
  }
  const value = BigInt(bytesToHex(der.subarray(at + 2, at + 2 + length)));
  if (value === 0n || value >= P256_N) throw new PasskeyDataError("the signature is not a P-256 signature");
  return { value, next: at + 2 + length };
}

/** r and s of a DER-encoded ECDSA signature (WebAuthn's format), with s made low (n - s when above n / 2). */
export function p256SignatureFromDer(signature: WebAuthnBytes): { r: Hex; s: Hex } {
  const der = bytesOf(signature, "signature");
  if (der[0] !== 0x30 || der[1] !== der.length - 2) {
    throw new PasskeyDataError("the signature is not a DER-encoded ECDSA signature");
  }
  const r = derInteger(der, 2);
  const s = derInteger(der, r.next);
  if (s.next !== der.length) throw new PasskeyDataError("the signature is not a DER-encoded ECDSA signature");
  const low = s.value > P256_N / 2n ? P256_N - s.value : s.value;
  return { r: numberToHex(r.value, { size: 32 }), s: numberToHex(low, { size: 32 }) };
}

/**
 * The `auth` argument of `executeIntent` from a WebAuthn assertion (navigator.credentials.get's response, or
 * SimpleWebAuthn's base64url fields): r and low s from the DER signature, and where `"challenge":"` and
 * `"type":"` start in clientDataJSON.
 */
export function webAuthnAuthFrom({
  authenticatorData,
  clientDataJSON,
  signature,
}: {
  authenticatorData: WebAuthnBytes;
  clientDataJSON: WebAuthnBytes;
  signature: WebAuthnBytes;
}): WebAuthnAuth {
  const data = bytesOf(authenticatorData, "authenticator data");
  if (data.length < 37) throw new PasskeyDataError("the authenticator data is shorter than 37 bytes");
  const client = bytesOf(clientDataJSON, "clientDataJSON");
  return {
    ...p256SignatureFromDer(signature),
    challengeIndex: indexOf(client, '"challenge":"', "challenge"),
    typeIndex: indexOf(client, '"type":"', "type"),
    authenticatorData: bytesToHex(data),
    clientDataJSON: new TextDecoder("utf-8", { fatal: true }).decode(client),
  };
}

/** A minimal CBOR reader for a COSE_Key: a map of integer keys to integers and byte strings. */
function readCose(cose: Uint8Array): Map<number, number | Uint8Array> {
  let at = 0;
  const head = (): { major: number; value: number } => {
    const first = cose[at++];
    if (first === undefined) throw new PasskeyDataError("the COSE key ends early");
    const info = first & 0x1f;
    let value = info;
    if (info >= 24) {
      const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : 0;
      if (size === 0 || at + size > cose.length) throw new PasskeyDataError("the COSE key is not a CBOR map");
      value = 0;
      for (let i = 0; i < size; i++) value = value * 256 + cose[at++]!;
    }
    return { major: first >> 5, value };
  };
  const item = (): number | Uint8Array => {
    const { major, value } = head();
    if (major === 0) return value;
    if (major === 1) return -1 - value;
    if (major === 2 && at + value <= cose.length) return cose.subarray(at, (at += value));
    throw new PasskeyDataError("the COSE key holds something other than integers and byte strings");
  };
  const map = head();
  if (map.major !== 5) throw new PasskeyDataError("the COSE key is not a CBOR map");
  const entries = new Map<number, number | Uint8Array>();
  for (let i = 0; i < map.value; i++) {
    const key = item();
    if (typeof key !== "number") throw new PasskeyDataError("the COSE key has a key that is not an integer");
    entries.set(key, item());
  }
  return entries;
}

const coordinate = (value: unknown): Hex => {
  if (!(value instanceof Uint8Array) || value.length !== 32) {
    throw new PasskeyDataError("the key's coordinates are not 32 bytes each");
  }
  return bytesToHex(value);
};

/**
 * A passkey's public key from its COSE_Key (the registration's credential public key, as SimpleWebAuthn's
 * `verifyRegistrationResponse` returns it). Only ES256 on P-256 (kty 2, crv 1, alg -7) is accepted.
 */
export function p256PublicKeyFromCose(cose: Uint8Array): P256PublicKey {
  const key = readCose(cose);
  const alg = key.get(3);
  if (key.get(1) !== 2 || key.get(-1) !== 1 || (alg !== undefined && alg !== -7)) {
    throw new PasskeyDataError("the passkey is not an ES256 (P-256) key");
  }
  return { qx: coordinate(key.get(-2)), qy: coordinate(key.get(-3)) };
}

/** DER SubjectPublicKeyInfo of a P-256 key, up to the uncompressed point's 0x04. */
const SPKI_PREFIX = "3059301306072a8648ce3d020106082a8648ce3d03010703420004";

/** A passkey's public key from its SubjectPublicKeyInfo (the browser's `response.getPublicKey()`). */
export function p256PublicKeyFromSpki(spki: Uint8Array): P256PublicKey {
  if (spki.length !== 91 || bytesToHex(spki.subarray(0, 27)).slice(2) !== SPKI_PREFIX) {
    throw new PasskeyDataError("the passkey is not an uncompressed P-256 public key");
  }
  return { qx: coordinate(spki.subarray(27, 59)), qy: coordinate(spki.subarray(59, 91)) };
}

/** The arguments of `executeIntent`, in order, for viem's writeContract / simulateContract. */
export function executeIntentArgs({
  call,
  organisation,
  nonce,
  deadline,
  publicKey,
  auth,
}: {
  call: Hex;
  organisation: Address;
  nonce: bigint;
  deadline: number;
  publicKey: P256PublicKey;
  auth: WebAuthnAuth;
}) {
  return [call, organisation, nonce, deadline, publicKey.qx, publicKey.qy, auth] as const;
}
