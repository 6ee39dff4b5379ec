import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { handler, json } from "@/lib/http";
import { issueNonce } from "@/lib/session/signIn";
import { throttleSignIn } from "@/lib/session/signInLimit";

export const dynamic = "force-dynamic";

/** A one-time nonce for a Sign-In with Ethereum message. */
export const POST = handler(async (request: Request) => {
  throttleSignIn(request);
  const { nonce, expiresAt } = await issueNonce({ db: db(), chainId: env.CHAIN_ID });
  return json({ nonce, expiresAt, chainId: env.CHAIN_ID }, { headers: { "cache-control": "no-store" } });
});
