import { DomainError } from "@tracemed/errors";
import { handler } from "@/lib/http";

export const dynamic = "force-dynamic";

/**
 * Every /api address no route serves, with any method: a JSON 404 in the API's error contract
 * (instead of the HTML page Next.js would answer). More specific routes always win over this one.
 */
const nothingHere = handler(async () => {
  throw new DomainError("NotFound", "There is no API at this address. Check the path against the documentation.");
});

export const GET = nothingHere;
export const HEAD = nothingHere;
export const POST = nothingHere;
export const PUT = nothingHere;
export const PATCH = nothingHere;
export const DELETE = nothingHere;
export const OPTIONS = nothingHere;
