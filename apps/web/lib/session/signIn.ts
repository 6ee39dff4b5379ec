/**
 * Sign-In with Ethereum (EIP-4361) for staff: the server issues a one-time nonce, the wallet signs
 * a message naming this deployment's public origin (PUBLIC_ORIGIN, never the request's Host), chain
 * and nonce, and the server checks all of it before it sets a session cookie. A replayed message
 * finds its nonce used; a message for another domain, URI, chain or time (expired, not yet valid,
 * issued in the future) is refused; a contract wallet is checked through the chain (ERC-1271); and
 * only a member of an organisation of the network that is not suspended may sign in.
 */
import { randomBytes } from "node:crypto";
import type { Db } from "@tracemed/db";
import { verifyMessage, type Hex, type PublicClient } from "viem";
import { parseSiweMessage, validateSiweMessage } from "viem/siwe";
import { DomainError, type DomainErrorDetails } from "@tracemed/errors";
import { fmt, type Locale } from "@/lib/i18n/locales";
import { messagesFor, type Messages } from "@/lib/i18n/messages";
import type { PublicOrigin } from "@tracemed/config/publicOrigin";
import { memberOrganisation, type LedgerWord } from "./membership";
import { organisationRefusal } from "./organisationStatus";
import { SESSION_SECONDS } from "./signInMessage";
import type { SessionClaims } from "./token";

const NONCE_SECONDS = 10 * 60;
/** How far ahead of this server's clock a wallet's clock may be (a message "issued" later is refused). */
export const CLOCK_SKEW_SECONDS = 60;

export interface SignInDeps {
  db: Db;
  chainId: number;
  /** For contract wallets only (ERC-1271 / ERC-6492); plain accounts are checked offline. */
  publicClient?: PublicClient;
  now?: () => Date;
  /** The ledger's word on the member and its organisation while the indexed data may be behind it (verify/chainStatus.ts). */
  ledger?: LedgerWord;
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

type SignInRefusal = keyof Messages["common"]["signInRefused"];

/** The refusal of a sign-in message that does not open a session, in the reader's language. */
export function signInRefusal(
  code: SignInRefusal,
  locale: Locale,
  vars: Record<string, string | number> = {},
  details: DomainErrorDetails = {},
): DomainError {
  // SignInWrongUri is a second sentence for the same refusal: the message is for another site.
  const apiCode = code === "SignInWrongUri" ? "SignInWrongHost" : code;
  return new DomainError(apiCode, fmt(messagesFor(locale).common.signInRefused[code], vars), details);
}

/**
 * Checks a signed sign-in message for the public `origin` and consumes its nonce; returns the session
 * to set. Its shape (text, hex) is `signInRequest`'s (lib/inputs/signIn.ts). `locale` chooses the language of a refusal that staff must act on (a suspension).
 */
export async function signIn(
  deps: SignInDeps,
  input: { message: string; signature: `0x${string}`; origin: PublicOrigin; locale?: Locale },
): Promise<SessionClaims> {
  const now = deps.now?.() ?? new Date();
  const locale = input.locale ?? "en";
  const refuse = (code: SignInRefusal, vars: Record<string, string | number> = {}) => signInRefusal(code, locale, vars);
  const fields = parseSiweMessage(input.message);
  if (!fields.address || !fields.nonce || !fields.domain || fields.chainId === undefined)
    throw new DomainError("MalformedSignIn", "The sign-in message is not an EIP-4361 message.");
  const { host, origin } = input.origin;
  // A signature a phishing page obtained names the phishing domain: it signs in nowhere else.
  if (fields.domain !== host) throw refuse("SignInWrongHost", { domain: fields.domain, host });
  if (!fields.uri || !isOn(fields.uri, origin)) throw refuse("SignInWrongUri", { uri: fields.uri ?? "-", origin });
  if (fields.chainId !== deps.chainId) throw refuse("SignInWrongChain", { want: deps.chainId, got: fields.chainId });
  // A message "issued" in the future was made to be used later (or on a wrong clock): refuse it.
  if (!fields.issuedAt || fields.issuedAt.getTime() > now.getTime() + CLOCK_SKEW_SECONDS * 1000)
    throw refuse("SignInFromTheFuture");
  if (!validateSiweMessage({ message: fields, time: now })) throw refuse("SignInExpired");
  const signature = input.signature as Hex;
  let valid = await verifyMessage({ address: fields.address, message: input.message, signature }).catch(() => false);
  if (!valid && deps.publicClient) {
    const code = await deps.publicClient.getCode({ address: fields.address }).catch(() => undefined);
    if (code && code !== "0x")
      valid = await deps.publicClient
        .verifyMessage({ address: fields.address, message: input.message, signature })
        .catch(() => false);
  }
  if (!valid) throw refuse("SignInBadSignature");
  const account = fields.address.toLowerCase() as `0x${string}`;
  // Consume the nonce in one statement: of two concurrent uses, exactly one succeeds.
  const used = await deps.db.signInNonce.updateMany({
    where: { nonce: fields.nonce, consumedAt: null, expiresAt: { gt: now } },
    data: { consumedAt: now, account },
  });
  if (used.count !== 1) throw refuse("SignInReplayed");
  // Checked after the nonce is spent, so that a refused message cannot be replayed once reinstated. The signer
  // is a member; its organisation is the one that must be active.
  const { organisation: org } = await memberOrganisation(deps.db, account, deps.ledger);
  const refusal = organisationRefusal(org, locale);
  if (refusal) throw refusal;
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = Math.min(
    issuedAt + SESSION_SECONDS,
    fields.expirationTime ? Math.floor(fields.expirationTime.getTime() / 1000) : Infinity,
  );
  return { account, chainId: deps.chainId, issuedAt, expiresAt };
}

/** Whether `uri` is the public origin or a page of it (same scheme, host and port, no userinfo). */
function isOn(uri: string, origin: string): boolean {
  try {
    const url = new URL(uri);
    return url.origin === origin && !url.username && !url.password;
  } catch {
    return false;
  }
}
