/**
 * The browser's POST to this app's JSON API, read whatever its status: the response (status,
 * headers) and its JSON body (null when it is not JSON). Rejects only when the network fails; for
 * answers whose status and error code the caller maps itself (the PIN check, the consumer report).
 */
import type * as z from "zod/mini";
import { checkInput } from "@/lib/inputs/refusal";

export async function postJsonAnswer<T>(url: string, body?: unknown): Promise<{ res: Response; body: T | null }> {
  const res = await fetch(url, {
    method: "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { res, body: (await res.json().catch(() => null)) as T | null };
}

/**
 * The browser's POST to this app's JSON API: the answer's JSON, or an Error carrying the API's
 * error sentence (`{ error: { message } }`) when the status is not 2xx. With the route's input
 * schema (lib/inputs), a body the route would refuse is refused here, with the same sentence,
 * before anything is sent.
 */
export async function postJson<T = Record<string, unknown>, S extends z.core.$ZodType = z.core.$ZodType>(
  url: string,
  body?: z.input<S>,
  schema?: S,
): Promise<T> {
  if (schema) {
    const checked = checkInput(schema, body);
    if (!checked.ok) throw new Error(checked.error.message);
  }
  const { res, body: json } = await postJsonAnswer<T & { error?: { message: string } }>(url, body);
  if (!res.ok || !json) throw new Error(json?.error?.message ?? `HTTP ${res.status}`);
  return json;
}
