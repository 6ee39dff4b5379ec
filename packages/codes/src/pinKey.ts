import { createHmac, createSecretKey, type KeyObject } from "node:crypto";
import { ArgumentError } from "./errors";
import { toHex, type Hex } from "./hex";

/**
 * The per-manufacturer key behind every PIN tag. It is derived from a secret of at least 32 random
 * bytes that lives outside the database (a KMS, an HSM, an environment secret of the verification
 * service). Node-only.
 */
export interface PinKey {
  /** HMAC-SHA256 key of the PIN verifier tags; a KeyObject, so it is not printed or serialised by accident */
  readonly key: KeyObject;
  /** first 8 bytes of HMAC(secret, "fingerprint"): stored with each batch to know which secret made it */
  readonly fingerprint: Hex;
}

export const MIN_SECRET_BYTES = 32;

function label(text: string): Buffer {
  return Buffer.from(`tracemed:codes:v1:${text}`, "ascii");
}

/**
 * Derives the PIN key from the manufacturer secret (HMAC-SHA256 with a fixed label, so that the
 * same secret could serve other purposes under other labels without related keys).
 * @throws ArgumentError for a secret under 32 bytes
 */
export function createPinKey(secret: Uint8Array): PinKey {
  if (!(secret instanceof Uint8Array) || secret.length < MIN_SECRET_BYTES) {
    throw new ArgumentError(`the manufacturer secret must be at least ${MIN_SECRET_BYTES} random bytes`, {
      field: "secret",
    });
  }
  const tagKey = createHmac("sha256", secret).update(label("pin-tag-key")).digest();
  const fingerprint = createHmac("sha256", secret).update(label("fingerprint")).digest().subarray(0, 8);
  return { key: createSecretKey(tagKey), fingerprint: toHex(fingerprint) };
}
