import { NextResponse, type NextRequest } from "next/server";
import { DomainError } from "@tracemed/errors";
import { refuseDirect } from "@/lib/frontGate";
import { errorResponse } from "@/lib/http";

/**
 * In front of every route: a path with broken percent-encoding (e.g. `%ZZ`, a cut-off UTF-8
 * sequence) cannot name a pack, a batch or a page. Next would fail on it with a 500 while decoding
 * route parameters; answer a clear 400 instead (JSON, the API error contract).
 */
export function proxy(request: NextRequest) {
  const refused = refuseDirect(request);
  if (refused) return refused;
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return errorResponse(
      new DomainError(
        "MalformedPath",
        "The address contains broken percent-encoding (e.g. %ZZ). Check the code or link and try again.",
      ),
    );
  }
  return NextResponse.next();
}

export const config = { matcher: "/((?!_next/static|_next/image|favicon.ico).*)" };
