/**
 * The API's error contract: every error is JSON `{ "error": { "code", "message" } }` with a 4xx
 * status for anything a client sent; a 5xx only when this service itself cannot answer (its
 * database or chain is down), never because of client input.
 */
import { DomainError } from "@tracemed/errors";
import { detailHeaders, serviceUnavailable } from "@tracemed/errors/http";
import { parseInput } from "@tracemed/errors/refusal";
import type * as z from "zod/mini";
import { ERRORS } from "@/lib/errors";

export { DomainError } from "@tracemed/errors";

/** `value` parsed by an input schema of lib/inputs, or the DomainError its refusal names. */
export { parseInput } from "@tracemed/errors/refusal";

export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(
    JSON.stringify(body, (_k, v) => (typeof v === "bigint" ? v.toString() : v)),
    {
      ...init,
      headers: { "content-type": "application/json; charset=utf-8", ...(init.headers ?? {}) },
    },
  );
}

/**
 * A thrown error as the error contract: a DomainError with its code's status from the table (lib/errors.ts)
 * and its English message; anything else is logged and answered 503 without a word of what it was.
 */
export function errorResponse(error: unknown): Response {
  if (!(error instanceof DomainError) || !Object.hasOwn(ERRORS, error.code)) {
    console.error("[api] unexpected error:", (error as Error)?.message ?? error);
    return errorResponse(serviceUnavailable());
  }
  const { code, message, details } = error;
  return json({ error: { code, message } }, { status: ERRORS[code].status, headers: detailHeaders(details) });
}

/** Wraps a route handler so that every thrown error becomes the JSON error contract. */
export function handler<A extends unknown[]>(fn: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await fn(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** Reads a JSON body of at most `maxBytes`, refusing other content types and malformed JSON. */
export async function readJson(request: Request, maxBytes = 16_384): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type))
    throw new DomainError("UnsupportedMediaType", "Send the body as application/json.");
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes)
    throw new DomainError("BodyTooLarge", `The body must be at most ${maxBytes} bytes.`);
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("MalformedJson", "The body is not valid JSON.");
  }
}

/** Reads a JSON body (as `readJson`) and parses it with an input schema (as `parseInput`). */
export async function readInput<S extends z.core.$ZodType>(
  request: Request,
  schema: S,
  maxBytes?: number,
): Promise<z.output<S>> {
  return parseInput(schema, await readJson(request, maxBytes));
}

/** A request's query as an object, the first value of each parameter (as `URLSearchParams.get`). */
export function queryOf(request: Request): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of new URL(request.url).searchParams) if (!Object.hasOwn(query, name)) query[name] = value;
  return query;
}
