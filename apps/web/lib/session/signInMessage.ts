/**
 * The Sign-In with Ethereum (EIP-4361) message staff sign: the one the staff menu asks the wallet
 * for, and the one tests sign to act as staff. It names what signIn.ts checks: the deployment's
 * public origin (PUBLIC_ORIGIN), the chain, the server's nonce, and an expiry no later than one session.
 * Client-safe (the staff menu is a client component, Playwright's loader reads it too): it imports
 * viem and nothing of the server.
 */
import type { Address } from "viem";
import { createSiweMessage } from "viem/siwe";

/** One working shift: how long a staff session, and the message that opens it, lasts at most. */
export const SESSION_SECONDS = 8 * 3600;

/** The message to sign in at `url` (the web app's public origin) as `address` with the server's `nonce`. */
export function signInMessage(input: {
  url: string | URL;
  address: Address;
  nonce: string;
  chainId: number;
  now?: Date;
}): string {
  const { host, origin } = new URL(input.url);
  const now = input.now ?? new Date();
  return createSiweMessage({
    domain: host,
    address: input.address,
    statement: "Sign in to TraceMed as staff of your organisation.",
    uri: origin,
    version: "1",
    chainId: input.chainId,
    nonce: input.nonce,
    issuedAt: now,
    expirationTime: new Date(now.getTime() + SESSION_SECONDS * 1000),
  });
}
