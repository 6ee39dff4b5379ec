/**
 * Manufacturers' secrets: one file PIN_KEYS_DIR/<account>.key each (64 hex characters, mode 0600),
 * outside the database, which is what makes a database copy useless for testing PINs. Production
 * keeps them on a secrets volume or behind a KMS and points PIN_KEYS_DIR at it.
 *
 * The one reader and writer of those files: the batch job (packages/registration) makes a secret
 * the first time a manufacturer registers a batch, the demo seed does the same, and both
 * verification services read PIN keys from it. One rule for a malformed file everywhere: it is
 * never overwritten, and it counts as no key (verification says it cannot check; making a new
 * batch stops with an error naming the file).
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createPinKey, type PinKey } from "@tracemed/codes";

const HEX_SECRET = /^[0-9a-f]{64}$/;
const ACCOUNT = /^0x[0-9a-f]{40}$/;

export type PinKeyLookup = (manufacturerAccount: string) => Promise<PinKey | undefined>;

/** The key file of `account`, or null for anything that is not a 20-byte hex address. */
function keyFile(dir: string, account: string): string | null {
  const a = account.toLowerCase();
  return ACCOUNT.test(a) ? path.join(dir, `${a}.key`) : null;
}

async function readSecret(file: string): Promise<Buffer | null> {
  const hex = (await readFile(file, "utf8").catch(() => "")).trim();
  return HEX_SECRET.test(hex) ? Buffer.from(hex, "hex") : null;
}

/** The manufacturer's secret, or null when it has none (or its file is malformed); nothing is created. */
export function manufacturerSecretIfAny(dir: string, account: string): Promise<Buffer | null> {
  const file = keyFile(dir, account);
  return file ? readSecret(file) : Promise.resolve(null);
}

/** The manufacturer's secret, made (32 random bytes, mode 0600) when it has none yet. */
export async function manufacturerSecret(dir: string, account: string): Promise<Buffer> {
  const file = keyFile(dir, account);
  if (!file) throw new Error("a manufacturer account is a 20-byte hex address");
  const found = await readSecret(file);
  if (found) return found;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // "wx": when two requests race, the first file wins and both read it back; a malformed file stays as it is.
  await writeFile(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  });
  const made = await readSecret(file);
  if (!made) throw new Error(`the key file ${file} is not 64 hex characters; it was left untouched`);
  return made;
}

/** The PIN key a manufacturer's secret gives (packages/codes derives it under its own label). */
export function pinKeyOf(secret: Buffer): PinKey {
  return createPinKey(secret);
}

/**
 * PIN keys for verification: read once per process and kept in memory; a manufacturer without a
 * (well-formed) key gets undefined, and the service says it cannot check rather than guessing.
 */
export function pinKeysFromDirectory(dir: string): PinKeyLookup {
  const cache = new Map<string, Promise<PinKey | undefined>>();
  return (account) => {
    const key = account.toLowerCase();
    if (!ACCOUNT.test(key)) return Promise.resolve(undefined);
    let found = cache.get(key);
    if (!found) {
      found = manufacturerSecretIfAny(dir, key).then((secret) => (secret ? pinKeyOf(secret) : undefined));
      cache.set(key, found);
    }
    return found;
  };
}
