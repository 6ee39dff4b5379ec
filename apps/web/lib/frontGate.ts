import { NextResponse, type NextRequest } from "next/server";
import { FRONT_HEADER } from "@tracemed/config/frontHeader";

/** Equal strings, in time that does not depend on where they differ. */
function same(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Behind the front, the app's internal port answers only what came through the front: a request
 * without the front's secret (someone on the machine calling the internal port directly, past the
 * front's rate limits and client checks) is refused. Without FRONT_SECRET (the app run on its own)
 * everything is served.
 */
export function refuseDirect(request: NextRequest): NextResponse | null {
  // The per-start secret `npm start` gives the front and this app, read at run time. Read here rather than
  // through env.ts: the proxy's bundle must not take in env.ts's server-only schema for one optional string.
  const secret = process.env.FRONT_SECRET ?? "";
  if (!secret || same(request.headers.get(FRONT_HEADER) ?? "", secret)) return null;
  return NextResponse.json(
    {
      error: {
        code: "DirectAccessRefused",
        message: "This is the web app's internal address. Open the address the start command printed instead.",
      },
    },
    { status: 403 },
  );
}
