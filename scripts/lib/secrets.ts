/**
 * Manufacturers' PIN secrets on the embedded setup: one 32-byte random secret per manufacturer in
 * DATA_DIR/secrets/<account>.key (hex, mode 0600), outside the database, which is what makes a
 * database copy useless for testing PINs. Production keeps them in a KMS or a secrets volume and
 * points PIN_KEYS_DIR at it.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { createPinKey, type PinKey } from "@tracemed/codes";

export async function manufacturerPinKey(dir: string, account: string): Promise<PinKey> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${account.toLowerCase()}.key`);
  let hex = await readFile(file, "utf8").catch(() => "");
  if (!/^[0-9a-f]{64}$/.test(hex.trim())) {
    hex = randomBytes(32).toString("hex");
    await writeFile(file, hex, { mode: 0o600 });
  }
  return createPinKey(Buffer.from(hex.trim(), "hex"));
}
