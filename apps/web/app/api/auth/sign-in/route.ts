import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { handler, json, readInput } from "@/lib/http";
import { signInRequest } from "@/lib/inputs/signIn";
import { publicClient } from "@/lib/ledger";
import { getSession, requestLocale, setSessionCookie } from "@/lib/session/server";
import { memberOrganisation } from "@/lib/session/membership";
import { signIn } from "@/lib/session/signIn";
import { statusGuard } from "@/lib/verification";

export const dynamic = "force-dynamic";

/**
 * Checks a signed sign-in message and sets the staff session cookie. The message must name the
 * configured public origin (PUBLIC_ORIGIN): the request's Host and X-Forwarded-Host play no part.
 */
export const POST = handler(async (request: Request) => {
  const { message, signature } = await readInput(request, signInRequest, 8_192);
  const claims = await signIn(
    {
      db: db(),
      chainId: env.CHAIN_ID,
      publicClient,
      ledger: {
        member: async (account) => (await statusGuard())?.confirmMember(account),
        organisation: async (account) => (await statusGuard())?.confirmOrganisation(account),
      },
    },
    { message, signature, origin: env.PUBLIC_ORIGIN, locale: requestLocale(request) },
  );
  await setSessionCookie(claims);
  const { organisation } = await memberOrganisation(db(), claims.account);
  return json({ account: claims.account, expiresAt: claims.expiresAt, organisation: organisation?.name ?? null });
});

/** Lets a client check the session without reading the httpOnly cookie. */
export const GET = handler(async () => json({ session: await getSession() }));
