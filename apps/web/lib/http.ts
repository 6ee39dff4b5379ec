/**
 * The API's error contract: every error is JSON `{ "error": { "code", "message" } }` with a 4xx
 * status for anything a client sent; a 5xx only when this service itself cannot answer (its
 * database or chain is down), never because of client input.
 */
import { ApiError, badRequest } from "@tracemed/errors";
import { parseInput } from "@tracemed/errors/refusal";
import type * as z from "zod/mini";

export { ApiError, badRequest, notFound } from "@tracemed/errors";
/** `value` parsed by an input schema of lib/inputs, or the 4xx its refusal names. */
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

export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    return json(
      { error: { code: error.code, message: error.message } },
      { status: error.status, headers: error.headers },
    );
  }
  console.error("[api] unexpected error:", (error as Error)?.message ?? error);
  return json(
    {
      error: { code: "ServiceUnavailable", message: "The service cannot answer right now. Please try again shortly." },
    },
    { status: 503, headers: { "retry-after": "5" } },
  );
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
    throw new ApiError(415, "UnsupportedMediaType", "Send the body as application/json.");
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes)
    throw new ApiError(413, "BodyTooLarge", `The body must be at most ${maxBytes} bytes.`);
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("MalformedJson", "The body is not valid JSON.");
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
