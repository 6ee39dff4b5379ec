/**
 * Sign-In with Ethereum (EIP-4361) for staff: the server issues a one-time nonce, the wallet signs
 * a message naming this host, chain and nonce, and the server checks all of it before it sets a
 * session cookie. A replayed message finds its nonce used; a message for another host, chain or
 * time is refused; a contract wallet is checked through the chain (ERC-1271).
 */
import { randomBytes } from "node:crypto";
import type { Db } from "@tracemed/db";
import { verifyMessage, type Hex, type PublicClient } from "viem";
import { parseSiweMessage, validateSiweMessage } from "viem/siwe";
import { ApiError } from "../http";
import { SESSION_SECONDS } from "./signInMessage";
import type { SessionClaims } from "./token";

const NONCE_SECONDS = 10 * 60;

export interface SignInDeps {
  db: Db;
  chainId: number;
  /** For contract wallets only (ERC-1271 / ERC-6492); plain accounts are checked offline. */
  publicClient?: PublicClient;
  now?: () => Date;
}

/** A fresh nonce, remembered until it is used or ten minutes pass. */
export async function issueNonce(deps: SignInDeps): Promise<{ nonce: string; expiresAt: Date }> {
  const now = deps.now?.() ?? new Date();
  const nonce = randomBytes(16).toString("hex");
  const expiresAt = new Date(now.getTime() + NONCE_SECONDS * 1000);
  await deps.db.signInNonce.create({ data: { nonce, issuedAt: now, expiresAt } });
  // Keep the table small: nonces nobody used are worthless after they expire.
  if (Math.random() < 0.05) await deps.db.signInNonce.deleteMany({ where: { expiresAt: { lt: now } } });
  return { nonce, expiresAt };
}

const refuse = (code: string, message: string) => new ApiError(401, code, message);

/** Checks a signed sign-in message for `host` and consumes its nonce; returns the session to set. */
export async function signIn(
  deps: SignInDeps,
  input: { message: unknown; signature: unknown; host: string },
): Promise<SessionClaims> {
  if (typeof input.message !== "string" || input.message.length > 4096)
    throw new ApiError(400, "MalformedSignIn", "Send the sign-in message as text of at most 4,096 characters.");
  if (typeof input.signature !== "string" || !/^0x[0-9a-fA-F]{130,}$/.test(input.signature))
    throw new ApiError(400, "MalformedSignIn", "Send the signature as 0x-prefixed hex.");
  const now = deps.now?.() ?? new Date();
  const fields = parseSiweMessage(input.message);
  if (!fields.address || !fields.nonce || !fields.domain || fields.chainId === undefined)
    throw new ApiError(400, "MalformedSignIn", "The sign-in message is not an EIP-4361 message.");
  if (fields.domain !== input.host)
    throw refuse("SignInWrongHost", `This sign-in message was made for ${fields.domain}, not for ${input.host}.`);
  if (fields.chainId !== deps.chainId)
    throw refuse("SignInWrongChain", `Sign in on chain ${deps.chainId}; the message names chain ${fields.chainId}.`);
  if (!validateSiweMessage({ message: fields, time: now }))
    throw refuse("SignInExpired", "This sign-in message has expired or is not valid yet. Sign in again.");
  const signature = input.signature as Hex;
  let valid = await verifyMessage({ address: fields.address, message: input.message, signature }).catch(() => false);
  if (!valid && deps.publicClient) {
    const code = await deps.publicClient.getCode({ address: fields.address }).catch(() => undefined);
    if (code && code !== "0x")
      valid = await deps.publicClient
        .verifyMessage({ address: fields.address, message: input.message, signature })
        .catch(() => false);
  }
  if (!valid) throw refuse("SignInBadSignature", "The signature does not match the account in the message.");
  const account = fields.address.toLowerCase() as `0x${string}`;
  // Consume the nonce in one statement: of two concurrent uses, exactly one succeeds.
  const used = await deps.db.signInNonce.updateMany({
    where: { nonce: fields.nonce, consumedAt: null, expiresAt: { gt: now } },
    data: { consumedAt: now, account },
  });
  if (used.count !== 1)
    throw refuse("SignInReplayed", "This sign-in message was already used or its nonce expired. Sign in again.");
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = Math.min(
    issuedAt + SESSION_SECONDS,
    fields.expirationTime ? Math.floor(fields.expirationTime.getTime() / 1000) : Infinity,
  );
  return { account, chainId: deps.chainId, issuedAt, expiresAt };
}
