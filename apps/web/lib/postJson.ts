/**
 * The browser's POST to this app's JSON API: the answer's JSON, or an Error carrying the API's
 * error sentence (`{ error: { message } }`) when the status is not 2xx.
 */
export async function postJson<T = Record<string, unknown>>(url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as (T & { error?: { message: string } }) | null;
  if (!res.ok || !json) throw new Error(json?.error?.message ?? `HTTP ${res.status}`);
  return json;
}
