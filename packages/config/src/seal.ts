/**
 * Secrets the server must use again but never show again (a system member's private key, a webhook's signing
 * secret), sealed at rest with AES-256-GCM under a key derived from SYSTEM_KEY_SECRET (HKDF-SHA-256). A database
 * reader without that secret learns nothing of them; a changed byte fails to open (GCM's tag).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";

export interface Sealer {
  seal(plain: string): string;
  /** The plain text; throws when the sealed text was altered or sealed under another secret. */
  open(sealed: string): string;
}

/** A sealer under `secret` (SYSTEM_KEY_SECRET: at least 32 characters). */
export function sealer(secret: string): Sealer {
  if (secret.length < 32) throw new Error("SYSTEM_KEY_SECRET must be at least 32 characters");
  const key = Buffer.from(hkdfSync("sha256", secret, "tracemed", "system-key-seal/v1", 32));
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), data]
        .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
        .join(".");
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split(".");
      if (version !== VERSION || !iv || !tag || data === undefined) throw new Error("not a sealed secret");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
    },
  };
}
