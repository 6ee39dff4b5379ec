/**
 * The two WebAuthn ceremonies of staff passkeys, checked with @simplewebauthn/server against this deployment's
 * public origin (its host is the relying party): enrolment through an invitation (ES256 only, resident key, user
 * verification required) and sign-in with a discoverable passkey. Every challenge is a database row used once
 * within five minutes. Framework-free (tests call it).
 */
import { randomBytes } from "node:crypto";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";
import { cose } from "@simplewebauthn/server/helpers";
import type { Db } from "@tracemed/db";
import { DomainError } from "@tracemed/errors";
import { passkeysPossible, type PublicOrigin } from "@tracemed/config/publicOrigin";
import type { Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import { memberOrganisation, type LedgerWord } from "@/lib/session/membership";
import { organisationRefusal } from "@/lib/session/organisationStatus";
import { SESSION_SECONDS } from "@/lib/session/signInMessage";
import type { SessionClaims } from "@/lib/session/token";
import { enrolmentCode } from "./code";
import { openInvitation, spendInvitation } from "./invitation";
import { p256PublicKeyFromCose } from "@tracemed/chain";
import { coseFromP256, passkeyMember } from "./publicKey";

const CHALLENGE_SECONDS = 5 * 60;
const RP_NAME = "TraceMed";

export interface PasskeyDeps {
  db: Db;
  origin: PublicOrigin;
  chainId: number;
  now?: () => Date;
  /** The ledger's word on the member while the indexed data may be behind it. */
  ledger?: LedgerWord;
  /** The reader's language, for refusals. */
  locale?: Locale;
}

/** The relying party: the public origin's host name. Refused on an IP address, which browsers do not accept. */
export function relyingParty(origin: PublicOrigin, locale: Locale = "en"): { rpID: string; origin: string } {
  if (!passkeysPossible(origin.origin)) throw refusal("PasskeyUnavailable", locale);
  return { rpID: new URL(origin.origin).hostname, origin: origin.origin };
}

/** A refusal in the reader's language (the API's message is what the page shows). */
const refusal = (code: "PasskeyRefused" | "PasskeyNotMember" | "PasskeyUnavailable", locale: Locale) =>
  new DomainError(code, messagesFor(locale).passkey.refused[code]);

async function issueChallenge(deps: PasskeyDeps, ceremony: "enrol" | "signIn", invitationId?: string) {
  const now = deps.now?.() ?? new Date();
  const challenge = randomBytes(32).toString("base64url");
  await deps.db.passkeyChallenge.create({
    data: {
      challenge,
      ceremony,
      invitationId: invitationId ?? null,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + CHALLENGE_SECONDS * 1000),
    },
  });
  // Keep the table small: challenges nobody answered are worthless once expired.
  if (Math.random() < 0.05) await deps.db.passkeyChallenge.deleteMany({ where: { expiresAt: { lt: now } } });
  return challenge;
}

/** Whether `challenge` was issued for this ceremony (and invitation) and is unused; spends it (one use). */
function spendChallenge(deps: PasskeyDeps, ceremony: "enrol" | "signIn", invitationId?: string) {
  return async (challenge: string) => {
    const now = deps.now?.() ?? new Date();
    const { count } = await deps.db.passkeyChallenge.updateMany({
      where: {
        challenge,
        ceremony,
        consumedAt: null,
        expiresAt: { gt: now },
        ...(invitationId ? { invitationId } : {}),
      },
      data: { consumedAt: now },
    });
    return count === 1;
  };
}

/** The creation options for the invitation of `token` (InvitationInvalid when it cannot be used). */
export async function enrolOptions(deps: PasskeyDeps, token: string) {
  const rp = relyingParty(deps.origin, deps.locale);
  const invitation = await openInvitation(deps.db, token, deps.now?.());
  const challenge = await issueChallenge(deps, "enrol", invitation.id);
  return generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.rpID,
    userName: invitation.label,
    userDisplayName: invitation.label,
    challenge: Buffer.from(challenge, "base64url"),
    attestationType: "none",
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    // The ledger checks P-256 signatures only.
    supportedAlgorithmIDs: [cose.COSEALG.ES256],
  });
}

/**
 * Checks the new passkey of the invitation of `token`, stores its public key (never a secret) and spends the
 * invitation. Returns the passkey's member address (for the admin's approval) and the code both screens show.
 */
export async function enrol(
  deps: PasskeyDeps,
  token: string,
  response: RegistrationResponseJSON,
): Promise<{ member: `0x${string}`; code: string; organisation: string }> {
  const locale = deps.locale ?? "en";
  const rp = relyingParty(deps.origin, locale);
  const now = deps.now?.() ?? new Date();
  const invitation = await openInvitation(deps.db, token, now);
  const verified = await verifyRegistrationResponse({
    response,
    expectedChallenge: spendChallenge(deps, "enrol", invitation.id),
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    requireUserVerification: true,
    supportedAlgorithmIDs: [cose.COSEALG.ES256],
  }).catch(() => {
    throw refusal("PasskeyRefused", locale);
  });
  if (!verified.verified) throw refusal("PasskeyRefused", locale);
  const { credential } = verified.registrationInfo;
  const { qx, qy } = (() => {
    try {
      return p256PublicKeyFromCose(credential.publicKey);
    } catch {
      throw refusal("PasskeyRefused", locale);
    }
  })();
  const member = passkeyMember(qx, qy);
  await spendInvitation(deps.db, invitation.id, member, now);
  await deps.db.passkey.create({
    data: {
      credentialId: credential.id,
      member,
      organisation: invitation.organisation,
      label: invitation.label,
      permissions: invitation.permissions,
      publicKeyX: qx,
      publicKeyY: qy,
      signCount: BigInt(credential.counter),
      transports: credential.transports ?? [],
      createdAt: now,
    },
  });
  return { member, code: enrolmentCode(member), organisation: invitation.organisation };
}

/** The request options of a passkey sign-in: any discoverable passkey of this site, user verification required. */
export async function signInOptions(deps: PasskeyDeps) {
  const rp = relyingParty(deps.origin, deps.locale);
  const challenge = await issueChallenge(deps, "signIn");
  return generateAuthenticationOptions({
    rpID: rp.rpID,
    challenge: Buffer.from(challenge, "base64url"),
    userVerification: "required",
  });
}

/**
 * Checks a passkey assertion against the stored public key and returns the session it opens: the passkey's member
 * address as the account, `method: "passkey"` and the credential. A passkey that is no member (not approved yet,
 * or removed) and a member of a suspended organisation are refused, as for a wallet.
 */
export async function passkeySignIn(
  deps: PasskeyDeps,
  response: AuthenticationResponseJSON,
  locale: Locale = deps.locale ?? "en",
): Promise<SessionClaims> {
  const rp = relyingParty(deps.origin, deps.locale);
  const now = deps.now?.() ?? new Date();
  const key = await deps.db.passkey.findUnique({ where: { credentialId: response.id } });
  if (!key) throw refusal("PasskeyRefused", locale);
  const verified = await verifyAuthenticationResponse({
    response,
    expectedChallenge: spendChallenge(deps, "signIn"),
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpID,
    requireUserVerification: true,
    credential: {
      id: key.credentialId,
      publicKey: coseFromP256(key.publicKeyX as `0x${string}`, key.publicKeyY as `0x${string}`),
      counter: Number(key.signCount),
      transports: key.transports,
    },
  }).catch(() => {
    throw refusal("PasskeyRefused", locale);
  });
  if (!verified.verified) throw refusal("PasskeyRefused", locale);
  await deps.db.passkey.update({
    where: { credentialId: key.credentialId },
    data: { signCount: BigInt(verified.authenticationInfo.newCounter), lastUsedAt: now },
  });
  const { membership, organisation } = await memberOrganisation(deps.db, key.member, deps.ledger);
  if (!membership)
    throw new DomainError(
      "PasskeyNotMember",
      "This passkey is no member of an organisation (not approved, or removed).",
    );
  const standing = organisationRefusal(organisation, locale);
  if (standing) throw standing;
  const issuedAt = Math.floor(now.getTime() / 1000);
  return {
    account: key.member as `0x${string}`,
    chainId: deps.chainId,
    issuedAt,
    expiresAt: issuedAt + SESSION_SECONDS,
    method: "passkey",
    credentialId: key.credentialId,
  };
}
