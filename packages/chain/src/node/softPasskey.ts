/**
 * A passkey in software, for tests, seeds and benchmarks on Node: a P-256 key that answers a WebAuthn
 * challenge with the bytes a browser and an authenticator would give (authenticator data with the rpIdHash,
 * flags and counter; clientDataJSON as the browser serialises it; a DER signature), and a helper that signs a
 * ledger intent with it. Real passkeys never leave the authenticator; this one is for machines only.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { bytesToHex, concat, hashTypedData, hexToBytes, type Address, type Hex } from "viem";
import {
  executeIntentArgs,
  intentTypedData,
  passkeyMemberAddress,
  webAuthnAuthFrom,
  type IntentFields,
  type P256PublicKey,
} from "../intents";

/** WebAuthn authenticator data flags: user present, user verified. */
export const FLAG_UP = 0x01;
export const FLAG_UV = 0x04;

const sha256 = (data: Uint8Array | string): Uint8Array => new Uint8Array(createHash("sha256").update(data).digest());
const base64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64url");

export interface SoftAssertion {
  authenticatorData: Uint8Array;
  clientDataJSON: Uint8Array;
  /** DER, as WebAuthn gives it (s may be high: authenticators do not normalise it). */
  signature: Uint8Array;
}

export interface AssertOptions {
  /** Authenticator data flags (default user present and verified). */
  flags?: number;
  /** clientDataJSON's type (default "webauthn.get"). */
  type?: string;
}

export interface SoftPasskey {
  publicKey: P256PublicKey;
  /** Its member address on the ledger (passkeyMemberAddress). */
  member: Address;
  /** Its SubjectPublicKeyInfo (what a browser's `getPublicKey()` returns). */
  spki: Uint8Array;
  /** Answers a WebAuthn challenge (the 32-byte digest) as a browser with this authenticator would. */
  assert(challenge: Hex, options?: AssertOptions): SoftAssertion;
  /**
   * Signs an intent for the ledger and returns `executeIntent`'s arguments (the member is this passkey's).
   */
  signIntent(intent: Omit<IntentFields, "member">, options?: AssertOptions): ReturnType<typeof executeIntentArgs>;
}

/** A new software passkey for the relying party `rpId` at `origin`. */
export function createSoftPasskey({
  rpId = "localhost",
  origin = "http://localhost:3000",
}: { rpId?: string; origin?: string } = {}): SoftPasskey {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const coordinate = (v: string | undefined): Hex => bytesToHex(Buffer.from(v ?? "", "base64url"));
  const key = { qx: coordinate(jwk.x), qy: coordinate(jwk.y) };
  const member = passkeyMemberAddress(key.qx, key.qy);
  let counter = 0;
  const assert = (challenge: Hex, { flags = FLAG_UP | FLAG_UV, type = "webauthn.get" }: AssertOptions = {}) => {
    const count = new Uint8Array(4);
    new DataView(count.buffer).setUint32(0, ++counter);
    const authenticatorData = hexToBytes(
      concat([bytesToHex(sha256(rpId)), bytesToHex(Uint8Array.of(flags)), bytesToHex(count)]),
    );
    const clientDataJSON = new TextEncoder().encode(
      JSON.stringify({ type, challenge: base64url(hexToBytes(challenge)), origin, crossOrigin: false }),
    );
    return { authenticatorData, clientDataJSON, signature: signDer(privateKey, authenticatorData, clientDataJSON) };
  };
  return {
    publicKey: key,
    member,
    spki: new Uint8Array(publicKey.export({ type: "spki", format: "der" })),
    assert,
    signIntent(intent, options) {
      const full = { ...intent, member };
      const assertion = assert(hashTypedData(intentTypedData(full)), options);
      return executeIntentArgs({ ...full, publicKey: key, auth: webAuthnAuthFrom(assertion) });
    },
  };
}

/** The authenticator's signature over authenticatorData ‖ sha256(clientDataJSON) (WebAuthn §6.3.3). */
function signDer(privateKey: KeyObject, authenticatorData: Uint8Array, clientDataJSON: Uint8Array): Uint8Array {
  const signed = Buffer.concat([authenticatorData, sha256(clientDataJSON)]);
  return new Uint8Array(sign("sha256", signed, { key: privateKey, dsaEncoding: "der" }));
}
