/**
 * Manufacturers' PIN keys, read from PIN_KEYS_DIR/<account>.key (64 hex characters), outside the
 * database. Loaded once per process and kept in memory; a missing key means the manufacturer's
 * packs cannot be PIN-checked here (the service says so rather than guessing).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { createPinKey, type PinKey } from "@tracemed/codes";

export type PinKeyLookup = (manufacturerAccount: string) => Promise<PinKey | undefined>;

export function pinKeysFromDirectory(dir: string): PinKeyLookup {
  const cache = new Map<string, Promise<PinKey | undefined>>();
  return (account) => {
    const key = account.toLowerCase();
    if (!/^0x[0-9a-f]{40}$/.test(key)) return Promise.resolve(undefined);
    let found = cache.get(key);
    if (!found) {
      found = readFile(path.join(dir, `${key}.key`), "utf8").then(
        (hex) => (/^[0-9a-f]{64}$/.test(hex.trim()) ? createPinKey(Buffer.from(hex.trim(), "hex")) : undefined),
        () => undefined,
      );
      cache.set(key, found);
    }
    return found;
  };
}
