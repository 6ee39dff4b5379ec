import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { handler, json } from "@/lib/http";
import { requestLocale } from "@/lib/session/server";
import { issueNonce, signInRefusal } from "@/lib/session/signIn";
import { clientAddress } from "@tracemed/verification/clientInfo";
import { RateLimiter } from "@tracemed/verification/rateLimit";

export const dynamic = "force-dynamic";

/**
 * Nonces are rows in the database: per client, 20 at once and then one every 3 s (a person signs
 * in a few times a day; a script asking in a loop would fill the table).
 */
const nonces = new RateLimiter(20, 1 / 3);

/** A one-time nonce for a Sign-In with Ethereum message. */
export const POST = handler(async (request: Request) => {
  const wait = nonces.take(clientAddress(request.headers));
  if (wait > 0)
    throw signInRefusal("TooManySignIns", requestLocale(request), { seconds: wait }, 429, {
      "retry-after": String(wait),
    });
  const { nonce, expiresAt } = await issueNonce({ db: db(), chainId: env.CHAIN_ID });
  return json({ nonce, expiresAt, chainId: env.CHAIN_ID }, { headers: { "cache-control": "no-store" } });
});
