/**
 * A manufacturer's secret, from PIN_KEYS_DIR/<account>.key (64 hex characters, mode 0600), the same
 * file the verification service and the demo seed read. A manufacturer registering its first batch
 * here gets one made. Two keys come from it, under different labels: the PIN key (packages/codes)
 * and the key of its encrypted print files (printFiles.ts).
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createPinKey, type PinKey } from "@tracemed/codes";

const HEX_SECRET = /^[0-9a-f]{64}$/;

function keyFile(dir: string, account: string): string {
  const a = account.toLowerCase();
  if (!/^0x[0-9a-f]{40}$/.test(a)) throw new Error("a manufacturer account is a 20-byte hex address");
  return path.join(dir, `${a}.key`);
}

async function readSecret(file: string): Promise<Buffer | null> {
  const hex = (await readFile(file, "utf8").catch(() => "")).trim();
  return HEX_SECRET.test(hex) ? Buffer.from(hex, "hex") : null;
}

/** The manufacturer's secret, or null when it has none yet (nothing is created). */
export function manufacturerSecretIfAny(dir: string, account: string): Promise<Buffer | null> {
  return readSecret(keyFile(dir, account));
}

/** The manufacturer's secret, created (32 random bytes, mode 0600) when it has none yet. */
export async function manufacturerSecret(dir: string, account: string): Promise<Buffer> {
  const file = keyFile(dir, account);
  const found = await readSecret(file);
  if (found) return found;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // "wx": when two requests race, the first file wins and both read it back.
  await writeFile(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  });
  const made = await readSecret(file);
  if (!made) throw new Error(`the key file of ${account} is not 64 hex characters; it was left untouched`);
  return made;
}

export function pinKeyOf(secret: Buffer): PinKey {
  return createPinKey(secret);
}
