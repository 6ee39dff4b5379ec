import { handler, json } from "@/lib/http";
import { signInOptions } from "@/lib/passkey/ceremony";
import { passkeyDeps } from "@/lib/passkey/server";
import { throttleSignIn } from "@/lib/session/signInLimit";

export const dynamic = "force-dynamic";

/** POST /api/auth/passkey/options: the request options of a passkey sign-in (a one-use challenge). */
export const POST = handler(async (request: Request) => {
  throttleSignIn(request);
  return json({ options: await signInOptions(passkeyDeps(request)) }, { headers: { "cache-control": "no-store" } });
});
