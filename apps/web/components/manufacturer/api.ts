/** Calls the manufacturer API from the browser; an error becomes { code, message } (the API's contract). */
export interface ApiFailure {
  code: string;
  message: string;
}

export async function callApi<T>(
  url: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ ok: true; data: T } | { ok: false; error: ApiFailure }> {
  try {
    const res = await fetch(url, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? {} : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: "no-store",
    });
    const body = (await res.json().catch(() => null)) as ({ error?: ApiFailure } & T) | null;
    if (!res.ok)
      return { ok: false, error: body?.error ?? { code: `HTTP${res.status}`, message: `HTTP ${res.status}` } };
    return { ok: true, data: body as T };
  } catch {
    return { ok: false, error: { code: "Network", message: "" } };
  }
}
