import { handler } from "@/lib/http";
import { tokenEndpoint } from "@/lib/machine/oauth";

export const dynamic = "force-dynamic";

/** OAuth2 client credentials for system clients (RFC 6749 4.4): see lib/machine/oauth.ts. */
export const POST = handler(tokenEndpoint);
