import { FRONT_HEADER } from "@tracemed/config/frontHeader";
import { DomainError } from "@tracemed/errors";
import type { NextRequest } from "next/server";
import { errorResponse } from "@/lib/http";

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
export function refuseDirect(request: NextRequest): Response | null {
  // The per-start secret `npm start` gives the front and this app, read at run time. Read here rather than
  // through env.ts: the proxy's bundle must not take in env.ts's server-only schema for one optional string.
  const secret = process.env.FRONT_SECRET ?? "";
  if (!secret || same(request.headers.get(FRONT_HEADER) ?? "", secret)) return null;
  return errorResponse(
    new DomainError(
      "DirectAccessRefused",
      "This is the web app's internal address. Open the address the start command printed instead.",
    ),
  );
}

/**
 * The client's address as the front vouched for it: the front replaces any X-Forwarded-For with the one
 * address it trusts (the connection's, or its configured proxy header's), and requests that did not come
 * through it are refused above. Without FRONT_SECRET (the app run on its own) nothing vouches for the
 * header a client sent, so there is no trusted address: null.
 */
export function frontClientAddress(request: Request): string | null {
  if (!process.env.FRONT_SECRET) return null;
  return request.headers.get("x-forwarded-for")?.trim() || null;
}
