import { handler, json } from "@/lib/http";
import { clearSessionCookie } from "@/lib/session/server";

export const dynamic = "force-dynamic";

export const POST = handler(async () => {
  await clearSessionCookie();
  return json({ signedOut: true });
});
