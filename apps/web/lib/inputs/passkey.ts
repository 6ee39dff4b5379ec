/**
 * Passkey inputs: an admin's invitation (built by the members page), the WebAuthn answers of enrolment and
 * sign-in (built by @simplewebauthn/browser), an admin's decline, and a signed intent for the relayer.
 */
import * as z from "zod/mini";
import { refusing } from "./refusal";

const hex = (bytes?: number) =>
  z.pipe(
    z.string().check(z.regex(bytes ? new RegExp(`^0x[0-9a-fA-F]{${bytes * 2}}$`) : /^0x(?:[0-9a-fA-F]{2})*$/)),
    z.transform((s: string) => s.toLowerCase() as `0x${string}`),
  );
const address = hex(20);
const b64url = z.string().check(z.regex(/^[A-Za-z0-9_-]+$/), z.maxLength(8192));

/** A person's or a system's label as staff type it (trimmed, 1 to 80 characters), refused with `sentence`. */
export const shortLabel = (sentence: string) =>
  refusing(
    z
      .pipe(
        z.string(),
        z.transform((s: string) => s.trim()),
      )
      .check(z.minLength(1), z.maxLength(80)),
    "InvalidBody",
    sentence,
  );

/** POST /api/members/invitations */
export const invitationRequest = refusing(
  z.object({
    permissions: refusing(
      z.number().check(z.int(), z.minimum(1), z.maximum(255)),
      "InvalidBody",
      "Choose at least one permission.",
    ),
    label: shortLabel("Write who the invitation is for (1 to 80 characters)."),
  }),
  "InvalidBody",
  "Send { permissions, label }.",
);

/** A WebAuthn answer as @simplewebauthn/browser returns it; the library checks the rest. */
const credential = <R extends z.core.$ZodType>(response: R) =>
  z.looseObject({ id: b64url, rawId: b64url, type: z.literal("public-key"), response });

const registrationResponse = credential(
  z.looseObject({ clientDataJSON: b64url, attestationObject: b64url, transports: z.optional(z.array(z.string())) }),
);
const authenticationResponse = credential(
  z.looseObject({
    clientDataJSON: b64url,
    authenticatorData: b64url,
    signature: b64url,
    userHandle: z.optional(b64url),
  }),
);

/** POST /api/join/{token}: the new passkey's registration. */
export const enrolRequest = refusing(
  z.object({ response: registrationResponse }),
  "InvalidBody",
  "Send { response } as @simplewebauthn/browser's startRegistration returns it.",
);

/** POST /api/auth/passkey: a passkey's assertion. */
export const passkeySignInRequest = refusing(
  z.object({ response: authenticationResponse }),
  "InvalidBody",
  "Send { response } as @simplewebauthn/browser's startAuthentication returns it.",
);

/** POST /api/members/enrolments/decline */
export const declineRequest = refusing(
  z.object({ member: address }),
  "InvalidBody",
  "Send { member } as a 0x-prefixed 20-byte address.",
);

/** POST /api/relay: one intent signed with the session's passkey (see @tracemed/chain's intents). */
export const relayRequest = refusing(
  z.object({
    /** the contract the intent is signed for: the ledger (the default) or LogisticUnits */
    target: z.optional(z.enum(["ledger", "units"])),
    call: hex().check(z.minLength(10), z.maxLength(16_386)),
    organisation: address,
    member: address,
    nonce: z.pipe(
      z.string().check(z.regex(/^[0-9]{1,20}$/)),
      z.transform((s: string) => BigInt(s)),
    ),
    deadline: z.number().check(z.int(), z.minimum(0), z.maximum(2 ** 48 - 1)),
    /** the passkey's public key; optional: the relay uses the signed-in passkey's stored key, which these must match */
    qx: z.optional(hex(32)),
    qy: z.optional(hex(32)),
    auth: z.object({
      r: hex(32),
      s: hex(32),
      challengeIndex: z.pipe(
        z.union([z.string().check(z.regex(/^[0-9]{1,6}$/)), z.number().check(z.int(), z.minimum(0))]),
        z.transform((v: string | number) => BigInt(v)),
      ),
      typeIndex: z.pipe(
        z.union([z.string().check(z.regex(/^[0-9]{1,6}$/)), z.number().check(z.int(), z.minimum(0))]),
        z.transform((v: string | number) => BigInt(v)),
      ),
      authenticatorData: hex().check(z.maxLength(2_050)),
      clientDataJSON: z.string().check(z.minLength(1), z.maxLength(2_048)),
    }),
  }),
  "InvalidBody",
  "Send { call, organisation, member, nonce, deadline, qx, qy, auth } as the passkey write builds it.",
);

export type RelayRequest = z.input<typeof relayRequest>;
