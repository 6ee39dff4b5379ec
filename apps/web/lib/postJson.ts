/**
 * The browser's POST to this app's JSON API, read whatever its status: the response (status,
 * headers) and its JSON body (null when it is not JSON). Rejects only when the network fails; for
 * answers whose status and error code the caller maps itself (the PIN check, the consumer report).
 */
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
 * error sentence (`{ error: { message } }`) when the status is not 2xx.
 */
export async function postJson<T = Record<string, unknown>>(url: string, body?: unknown): Promise<T> {
  const { res, body: json } = await postJsonAnswer<T & { error?: { message: string } }>(url, body);
  if (!res.ok || !json) throw new Error(json?.error?.message ?? `HTTP ${res.status}`);
  return json;
}
