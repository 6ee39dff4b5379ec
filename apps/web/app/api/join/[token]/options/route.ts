import { handler, json } from "@/lib/http";
import { enrolOptions } from "@/lib/passkey/ceremony";
import { passkeyDeps } from "@/lib/passkey/server";
import { throttleSignIn } from "@/lib/session/signInLimit";

export const dynamic = "force-dynamic";

/** POST /api/join/{token}/options: the passkey creation options for an open invitation (a one-use challenge). */
export const POST = handler(async (request: Request, ctx: { params: Promise<{ token: string }> }) => {
  throttleSignIn(request);
  const { token } = await ctx.params;
  return json(
    { options: await enrolOptions(passkeyDeps(request), token) },
    { headers: { "cache-control": "no-store" } },
  );
});
