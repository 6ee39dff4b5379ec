/**
 * POSTs JSON from the browser and reads the answer: its status and headers, and its body (null when
 * it is not JSON). Rejects only when the network fails; the caller maps statuses and error codes.
 */
export async function postJson<T>(url: string, data: unknown): Promise<{ res: Response; body: T | null }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(data),
  });
  return { res, body: (await res.json().catch(() => null)) as T | null };
}
