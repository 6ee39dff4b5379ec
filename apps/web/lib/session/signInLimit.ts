import { clientAddress } from "@tracemed/verification/clientInfo";
import { RateLimiter } from "@tracemed/verification/rateLimit";
import { requestLocale } from "./server";
import { signInRefusal } from "./signIn";

/**
 * Sign-in nonces and passkey challenges are rows in the database: per client, 20 at once and then one every 3 s
 * (a person signs in a few times a day; a script asking in a loop would fill the table).
 */
const issued = new RateLimiter(20, 1 / 3);

/** Refuses (TooManySignIns, with when to retry) a client that asked for too many nonces or challenges. */
export function throttleSignIn(request: Request): void {
  const wait = issued.take(clientAddress(request.headers));
  if (wait > 0)
    throw signInRefusal("TooManySignIns", requestLocale(request), { seconds: wait }, { retryAfterSeconds: wait });
}
