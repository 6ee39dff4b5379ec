import { handler, json, readInput } from "@/lib/http";
import { enrolRequest } from "@/lib/inputs/passkey";
import { enrol } from "@/lib/passkey/ceremony";
import { passkeyDeps } from "@/lib/passkey/server";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";

export const dynamic = "force-dynamic";

/**
 * POST /api/join/{token} {response}: checks the new passkey, keeps its public key and spends the invitation. The
 * answer's code is what the admin sees beside the waiting passkey.
 */
export const POST = handler(async (request: Request, ctx: { params: Promise<{ token: string }> }) => {
  const { token } = await ctx.params;
  const { response } = await readInput(request, enrolRequest, 16_384);
  const { member, code } = await enrol(passkeyDeps(request), token, response as unknown as RegistrationResponseJSON);
  return json({ member, code }, { status: 201 });
});
