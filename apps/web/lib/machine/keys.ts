import "server-only";
import { DomainError } from "@tracemed/errors";
import { sealer, type Sealer } from "@tracemed/config/seal";
import { env } from "@/lib/env";

let one: Sealer | undefined;

/**
 * The sealer of system members' keys and webhook secrets (SYSTEM_KEY_SECRET). Without the secret there are no
 * system clients or webhooks here: SystemKeyUnavailable (the start command always gives one).
 */
export function systemSealer(): Sealer {
  if (!env.SYSTEM_KEY_SECRET)
    throw new DomainError("SystemKeyUnavailable", "SYSTEM_KEY_SECRET is not set: system clients are off here.");
  one ??= sealer(env.SYSTEM_KEY_SECRET);
  return one;
}
