import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { statusGuard } from "@/lib/verification";
import { requestLocale } from "@/lib/session/server";
import type { PasskeyDeps } from "./ceremony";

/** The passkey ceremonies' dependencies in this app: its database, public origin, chain and the ledger's word. */
export function passkeyDeps(request: Request): PasskeyDeps {
  return {
    locale: requestLocale(request),
    db: db(),
    origin: env.PUBLIC_ORIGIN,
    chainId: env.CHAIN_ID,
    ledger: {
      member: async (account) => (await statusGuard())?.confirmMember(account),
      organisation: async (account) => (await statusGuard())?.confirmOrganisation(account),
    },
  };
}
