import "server-only";
/**
 * The OAuth2 token endpoint for system clients (RFC 6749 4.4, client credentials): the client authenticates with
 * HTTP Basic or client_id/client_secret in the form body (never both), and gets an opaque bearer token for 15
 * minutes with the scopes it asked for (default: all three). Refusals are RFC 6749 5.2's `{error,
 * error_description}` (the description in the reader's language); invalid_client is a 401 with WWW-Authenticate.
 * Every request is rate-limited (per client and per address) and audited.
 */
import { fmt, type Locale } from "@/lib/i18n/locales";
import { messagesFor } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/session/server";
import { db } from "@/lib/db";
import { auditRequest, requestAddress } from "./audit";
import { activeSystemMember } from "./auth";
import { authenticateClient, issueToken, SCOPES, type Scope } from "./clients";
import { MACHINE_LIMITS } from "./limits";

export type OAuthErrorCode =
  "invalid_request" | "invalid_client" | "invalid_grant" | "unsupported_grant_type" | "invalid_scope" | "slow_down";

const STATUS: Record<OAuthErrorCode, number> = {
  invalid_request: 400,
  invalid_client: 401,
  invalid_grant: 400,
  unsupported_grant_type: 400,
  invalid_scope: 400,
  slow_down: 429,
};

const NO_STORE = { "cache-control": "no-store", pragma: "no-cache" };

class OAuthRefusal extends Error {
  constructor(
    readonly code: OAuthErrorCode,
    readonly retryAfterSeconds?: number,
  ) {
    super(code);
  }
}

function oauthError(refusal: OAuthRefusal, locale: Locale): Response {
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8", ...NO_STORE };
  if (refusal.code === "invalid_client") headers["www-authenticate"] = 'Basic realm="TraceMed", charset="UTF-8"';
  if (refusal.retryAfterSeconds !== undefined) headers["retry-after"] = String(refusal.retryAfterSeconds);
  const description = fmt(messagesFor(locale).machine.oauth[refusal.code], {
    seconds: String(refusal.retryAfterSeconds ?? ""),
  });
  return new Response(JSON.stringify({ error: refusal.code, error_description: description }), {
    status: STATUS[refusal.code],
    headers,
  });
}

/** The client's id and secret from HTTP Basic (each form-url-encoded, RFC 6749 2.3.1) or the body, once. */
function credentials(request: Request, form: URLSearchParams): { id: string; secret: string } | null {
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  const inBody = form.has("client_id") || form.has("client_secret");
  if (request.headers.get("authorization") && !basic) throw new OAuthRefusal("invalid_client");
  if (basic && inBody) throw new OAuthRefusal("invalid_request");
  if (basic) {
    const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) throw new OAuthRefusal("invalid_client");
    try {
      const plus = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));
      return { id: plus(decoded.slice(0, colon)), secret: plus(decoded.slice(colon + 1)) };
    } catch {
      throw new OAuthRefusal("invalid_client");
    }
  }
  const id = form.get("client_id");
  const secret = form.get("client_secret");
  return id && secret ? { id, secret } : null;
}

function scopesOf(form: URLSearchParams): Scope[] {
  const asked = form.get("scope");
  if (asked === null) return [...SCOPES];
  const names = asked.split(" ").filter(Boolean);
  if (names.length === 0 || !names.every((n) => (SCOPES as readonly string[]).includes(n)))
    throw new OAuthRefusal("invalid_scope");
  return SCOPES.filter((s) => names.includes(s));
}

async function readForm(request: Request): Promise<URLSearchParams> {
  if (!/^application\/x-www-form-urlencoded\b/i.test(request.headers.get("content-type") ?? ""))
    throw new OAuthRefusal("invalid_request");
  const text = await request.text();
  if (Buffer.byteLength(text) > 4_096) throw new OAuthRefusal("invalid_request");
  const form = new URLSearchParams(text);
  // RFC 6749 3.2: a parameter sent twice is an invalid request.
  const names = [...form.keys()];
  if (new Set(names).size !== names.length) throw new OAuthRefusal("invalid_request");
  return form;
}

/** POST /oauth/token. */
export async function tokenEndpoint(request: Request): Promise<Response> {
  const locale = requestLocale(request);
  const database = db();
  let client: { id: string; organisation: string } | null = null;
  let response: Response;
  try {
    const addressWait = MACHINE_LIMITS.tokenAddress.take(requestAddress(request));
    if (addressWait > 0) throw new OAuthRefusal("slow_down", addressWait);
    const form = await readForm(request);
    const given = credentials(request, form);
    if (!given) throw new OAuthRefusal("invalid_client");
    const grant = form.get("grant_type");
    if (!grant) throw new OAuthRefusal("invalid_request");
    const found = await authenticateClient(database, given.id, given.secret);
    if (!found) throw new OAuthRefusal("invalid_client");
    client = found;
    // Counted once the client proved who it is: nobody else can use up a client's tokens by naming its id.
    const clientWait = MACHINE_LIMITS.token.take(`client:${found.id}`);
    if (clientWait > 0) throw new OAuthRefusal("slow_down", clientWait);
    if (grant !== "client_credentials") throw new OAuthRefusal("unsupported_grant_type");
    const scopes = scopesOf(form);
    const { membership, organisation } = await activeSystemMember(database, found);
    if (!membership || !organisation || organisation.suspended) throw new OAuthRefusal("invalid_grant");
    response = new Response(JSON.stringify(await issueToken(database, found.id, scopes)), {
      status: 200,
      headers: { "content-type": "application/json; charset=utf-8", ...NO_STORE },
    });
  } catch (error) {
    if (!(error instanceof OAuthRefusal)) throw error;
    response = oauthError(error, locale);
  }
  await auditRequest(database, request, {
    clientId: client?.id ?? null,
    organisation: client?.organisation ?? null,
    status: response.status,
  });
  return response;
}
