import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import { db } from "@/lib/db";
import { handler, json, readInput } from "@/lib/http";
import { passkeySignInRequest } from "@/lib/inputs/passkey";
import { passkeySignIn } from "@/lib/passkey/ceremony";
import { passkeyDeps } from "@/lib/passkey/server";
import { memberOrganisation } from "@/lib/session/membership";
import { requestLocale, setSessionCookie } from "@/lib/session/server";

export const dynamic = "force-dynamic";

/**
 * POST /api/auth/passkey {response}: checks a passkey's assertion against its stored public key and sets the same
 * staff session as a wallet sign-in, with the passkey's member address as the account.
 */
export const POST = handler(async (request: Request) => {
  const { response } = await readInput(request, passkeySignInRequest, 16_384);
  const claims = await passkeySignIn(
    passkeyDeps(request),
    response as unknown as AuthenticationResponseJSON,
    requestLocale(request),
  );
  await setSessionCookie(claims);
  const { organisation } = await memberOrganisation(db(), claims.account);
  return json({ account: claims.account, expiresAt: claims.expiresAt, organisation: organisation?.name ?? null });
});
